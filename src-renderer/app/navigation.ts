import { createContext, useContext } from 'react';
import type { TodoScreen, TodoTarget } from '../../src-shared/workbench/todoCards';

/** Moving between screens from inside one: a record's screen opens the official document it just wrote. */
export interface Navigation {
  openDocument(id: string): void;
  /** Opens a screen at a record, a tab or a day (a row of 今日待办). */
  openTarget(target: TodoTarget): void;
}

export const NavigationContext = createContext<Navigation>({ openDocument: () => undefined, openTarget: () => undefined });

export const useNavigation = () => useContext(NavigationContext);

const INTENT_KEY = 'desk:intent';

/** Kept for the screen about to open (it reads it once as it mounts). */
export function leaveIntent(target: TodoTarget): void {
  localStorage.setItem(INTENT_KEY, JSON.stringify(target));
}

/** The target left for this screen, read once: a later visit opens the screen as usual. */
export function takeIntent(screen: TodoScreen): TodoTarget | null {
  const text = localStorage.getItem(INTENT_KEY);
  if (!text) return null;
  try {
    const target = JSON.parse(text) as TodoTarget;
    if (target.screen !== screen) return null;
    localStorage.removeItem(INTENT_KEY);
    return target;
  } catch {
    localStorage.removeItem(INTENT_KEY);
    return null;
  }
}
