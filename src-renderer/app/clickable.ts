import type { KeyboardEvent } from 'react';

/**
 * Props that make a table cell or a span act as a button: focusable with Tab, activated by a click, Enter or Space
 * (a clerk at the counter may never touch the mouse).
 */
export function clickable(activate: () => void, label?: string) {
  return {
    role: 'button' as const,
    tabIndex: 0,
    'aria-label': label,
    onClick: activate,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        e.stopPropagation();
        activate();
      }
    },
  };
}
