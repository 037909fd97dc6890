/**
 * A modal dialog's keyboard behaviour: focus moves to its close button when it opens and back
 * where it was when it closes, and Escape closes it. Returns the ref for the close button.
 */
import { useEffect, useRef } from 'react';

export function useDialog(onClose: () => void) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      before?.focus();
    };
  }, [onClose]);
  return close;
}
