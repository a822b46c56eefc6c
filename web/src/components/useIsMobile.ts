import { useSyncExternalStore } from 'react';

/** Below 1024 px (phones and portrait tablets) the menu is a drawer and tables are compact. */
const QUERY = '(max-width: 1023.98px)';
const TOUCH = '(pointer: coarse)';

function subscribe(callback: () => void): () => void {
  const list = window.matchMedia(QUERY);
  list.addEventListener('change', callback);
  return () => list.removeEventListener('change', callback);
}

/** True on phone-sized screens; read synchronously so the first paint already fits. */
export function useIsMobile(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(QUERY).matches,
    () => false,
  );
}

function subscribeTouch(callback: () => void): () => void {
  const list = window.matchMedia(TOUCH);
  list.addEventListener('change', callback);
  return () => list.removeEventListener('change', callback);
}

/** True on touch screens (a coarse pointer): controls get 40 px tap targets. */
export function useIsTouch(): boolean {
  return useSyncExternalStore(
    subscribeTouch,
    () => window.matchMedia(TOUCH).matches,
    () => false,
  );
}
