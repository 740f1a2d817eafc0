/**
 * Decrypted routing tables by their sealed text. Publishing a version writes new ciphertext (a fresh IV),
 * so a cached entry can never be stale; caching spares the hot read paths (the decision API, the
 * forwarder's feed) a decrypt and JSON parse of a table with thousands of slices on every request, and
 * hands out the same object, which keeps routing-core's per-table lookup index warm.
 */
export interface OpenedTableCache {
  get(sealed: string): unknown;
  set(sealed: string, value: unknown): void;
}

export const createOpenedTableCache = (capacity = 256): OpenedTableCache => {
  const entries = new Map<string, unknown>();
  return {
    get(sealed) {
      const value = entries.get(sealed);
      if (value !== undefined) {
        entries.delete(sealed);
        entries.set(sealed, value);
      }
      return value;
    },
    set(sealed, value) {
      entries.set(sealed, value);
      for (const oldest of entries.keys()) {
        if (entries.size <= capacity) break;
        entries.delete(oldest);
      }
    },
  };
};
