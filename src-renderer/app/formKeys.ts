import type { KeyboardEvent } from 'react';

/**
 * Enter in a field never saves a whole form (clerks press Enter to confirm a value, a date, a choice): it stops the
 * browser's implicit submission. Text areas keep their new lines; pickers have handled the key before it bubbles here.
 */
export function blockEnterSubmit(event: KeyboardEvent): void {
  if (event.key !== 'Enter') return;
  const target = event.target as HTMLElement;
  if (target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON') return;
  event.preventDefault();
}

/** Ctrl+S (⌘S) saves, as in every office program; returns whether it handled the key. */
export function handleSaveShortcut(event: KeyboardEvent, save: () => void): boolean {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
    event.preventDefault();
    save();
    return true;
  }
  return false;
}

/** Both, for a form that saves with its button or Ctrl+S only. */
export function formKeys(save: () => void) {
  return (event: KeyboardEvent) => {
    if (!handleSaveShortcut(event, save)) blockEnterSubmit(event);
  };
}
