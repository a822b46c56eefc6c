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
