// Unit tests run in Node: IndexedDB comes from fake-indexeddb, so the real Dexie code runs unchanged.
import 'fake-indexeddb/auto';
