import { vi } from 'vitest';

/** An in-memory Web Storage, as a browser tab's sessionStorage behaves. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();

  get length(): number {
    return this.items.size;
  }

  clear(): void {
    this.items.clear();
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }

  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
}

/** Gives this test file a `window.sessionStorage` (undo with `vi.unstubAllGlobals()`). */
export function stubSessionStorage(storage: Storage = new MemoryStorage()): Storage {
  vi.stubGlobal('window', { sessionStorage: storage });
  return storage;
}

/** A tab whose storage is disabled: touching `window.sessionStorage` throws, as browsers do. */
export function stubDisabledSessionStorage(): void {
  vi.stubGlobal('window', {
    get sessionStorage(): Storage {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    },
  });
}
