/** For store tests: a Map-backed localStorage on a stand-in `window`, fresh for each test. */
import { afterEach, beforeEach } from 'vitest';

class MemoryStorage {
  private m = new Map<string, string>();
  getItem(k: string) { return this.m.get(k) ?? null; }
  setItem(k: string, v: string) { this.m.set(k, String(v)); }
}

const g = globalThis as unknown as { window?: { localStorage: MemoryStorage } };

/** Call at the top of a test file: each test gets an empty storage, removed after it. */
export function useMemoryStorage(): void {
  beforeEach(() => { g.window = { localStorage: new MemoryStorage() }; });
  afterEach(() => { delete g.window; });
}

/** The current test's storage. */
export const memoryStorage = (): MemoryStorage => g.window!.localStorage;
