import { liveQuery } from 'dexie';
import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * The result of a Dexie query, re-run whenever the tables it read change (a seal in another tab,
 * a receipt marking records sent). undefined until the first result; `error` if it failed.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): { value?: T; error?: unknown } {
  const [state, setState] = useState<{ value?: T; error?: unknown }>({});
  // Subscribed as soon as the component is in the document, not after its first frame is painted
  // (an effect's time): the read overlaps that frame instead of following it, and on a slow
  // tablet the home screen's counts show a frame sooner.
  useLayoutEffect(() => {
    const sub = liveQuery(query).subscribe({
      next: (value) => setState({ value }),
      error: (error: unknown) => setState({ error }),
    });
    return () => sub.unsubscribe();
    // The caller lists what the query depends on, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the effect reruns only when the listed values change, not for each new identity of what it reads
  }, deps);
  return state;
}
