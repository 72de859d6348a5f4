/**
 * Asks the browser not to evict this app's IndexedDB under storage pressure. Electron grants it; a browser may
 * decide by heuristics. Returns whether storage is persistent, or undefined when the API is missing.
 */
export async function requestPersistentStorage(): Promise<boolean | undefined> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return undefined;
  if (await storage.persisted()) return true;
  return storage.persist();
}
