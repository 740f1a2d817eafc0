import { useCallback, useEffect, useState } from 'react';

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string | undefined;
}

export interface PagedList<T> {
  readonly items: readonly T[];
  readonly error: unknown;
  readonly loading: boolean;
  readonly hasMore: boolean;
  readonly loadMore: () => void;
}

/** A newest-first listing read a page at a time; `load` must be stable (useCallback). */
export const usePagedList = <T>(load: (cursor: string | undefined) => Promise<Page<T>>): PagedList<T> => {
  const [items, setItems] = useState<readonly T[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const fetchPage = useCallback(
    async (after: string | undefined) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await load(after);
        setItems((previous) => (after ? [...previous, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (caught) {
        setError(caught);
      } finally {
        setLoading(false);
      }
    },
    [load],
  );
  useEffect(() => {
    fetchPage(undefined);
  }, [fetchPage]);
  return {
    items,
    error,
    loading,
    hasMore: cursor !== undefined,
    loadMore: () => {
      if (cursor) fetchPage(cursor);
    },
  };
};
