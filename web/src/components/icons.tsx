/** The few icons the shell needs, inline so that no icon package is required. */
const base = { width: '1em', height: '1em', fill: 'currentColor' } as const;

export const MenuIcon = () => (
  <svg aria-hidden="true" {...base} viewBox="0 0 24 24">
    <path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
  </svg>
);

export const StarIcon = () => (
  <svg aria-hidden="true" {...base} viewBox="0 0 32 32">
    <path d="M16 3l3.6 8.3 9 .8-6.8 6 2 8.8L16 22.2 8.2 26.9l2-8.8-6.8-6 9-.8z" />
  </svg>
);

export const PlusIcon = () => (
  <svg aria-hidden="true" {...base} viewBox="0 0 24 24">
    <path d="M11 4h2v7h7v2h-7v7h-2v-7H4v-2h7z" />
  </svg>
);

export const UploadIcon = () => (
  <svg aria-hidden="true" {...base} viewBox="0 0 24 24">
    <path d="M11 16V7.8l-3.6 3.6L6 10l6-6 6 6-1.4 1.4L13 7.8V16zm-6 2h14v2H5z" />
  </svg>
);

export const DownloadIcon = () => (
  <svg aria-hidden="true" {...base} viewBox="0 0 24 24">
    <path d="M11 4h2v8.2l3.6-3.6L18 10l-6 6-6-6 1.4-1.4 3.6 3.6zM5 18h14v2H5z" />
  </svg>
);

export const DeleteIcon = () => (
  <svg aria-hidden="true" {...base} viewBox="0 0 24 24">
    <path d="M9 3h6l1 2h4v2H4V5h4zm-3 6h12l-1 12H7zm4 2v8h1.5v-8zm3.5 0v8H15v-8z" />
  </svg>
);

export const CheckIcon = () => (
  <svg aria-hidden="true" {...base} viewBox="0 0 24 24">
    <path d="M9.5 16.2 5.3 12l-1.4 1.4 5.6 5.6L20.1 8.4 18.7 7z" />
  </svg>
);

export const WarningIcon = () => (
  <svg aria-hidden="true" {...base} viewBox="0 0 24 24">
    <path d="M12 2 1 21h22zm-1 7h2v6h-2zm0 8h2v2h-2z" />
  </svg>
);

export const GroupIcon = () => (
  <svg aria-hidden="true" {...base} viewBox="0 0 24 24">
    <path d="M3 4h8v7H3zm10 0h8v7h-8zM3 13h8v7H3zm10 0h8v7h-8z" />
  </svg>
);

export const FileIcon = () => (
  <svg aria-hidden="true" {...base} viewBox="0 0 24 24">
    <path d="M6 2h8l6 6v14H6zm7 1.5V9h5.5zM8 12v2h8v-2zm0 4v2h8v-2z" />
  </svg>
);
