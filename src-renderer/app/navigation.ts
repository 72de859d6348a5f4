import { createContext, useContext } from 'react';

/** Moving between screens from inside one: a record's screen opens the official document it just wrote. */
export interface Navigation {
  openDocument(id: string): void;
}

export const NavigationContext = createContext<Navigation>({ openDocument: () => undefined });

export const useNavigation = () => useContext(NavigationContext);
