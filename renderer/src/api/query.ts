import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** A query: a key (for invalidation by prefix) and the function that loads it. */
export interface QueryOptions<T> {
  key: readonly unknown[];
  fn: () => Promise<T>;
}

export interface QueryState<T> {
  data: T | undefined;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

type Subscriber = { key: readonly unknown[]; reload: () => void };
const subscribers = new Set<Subscriber>();

function startsWith(key: readonly unknown[], prefix: readonly unknown[]): boolean {
  return prefix.every((part, i) => JSON.stringify(part) === JSON.stringify(key[i]));
}

/** Reloads every mounted query whose key starts with `prefix` (e.g. after a mutation). */
export function invalidate(prefix: readonly unknown[]): void {
  for (const sub of subscribers) if (startsWith(sub.key, prefix)) sub.reload();
}

/**
 * A deliberately small stand-in for a query library: loads on mount and whenever the key changes, keeps the
 * previous data while reloading (no flicker when paging), ignores answers that arrive after a newer request.
 */
export function useQuery<T>({ key, fn }: QueryOptions<T>): QueryState<T> {
  const hash = JSON.stringify(key);
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  // Layout effects run before the loading effect below, so it always calls the latest closure.
  useLayoutEffect(() => {
    fnRef.current = fn;
  });
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    setLoading(true);
    fnRef.current().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        setError(err instanceof Error ? err : new Error(String(err)));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [hash, tick]);

  useEffect(() => {
    const sub: Subscriber = { key: JSON.parse(hash) as unknown[], reload };
    subscribers.add(sub);
    return () => void subscribers.delete(sub);
  }, [hash, reload]);

  return { data, error, loading, reload };
}
