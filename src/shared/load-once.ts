/**
 * A chunk loaded on first use and kept: every call gets the same promise. A load that failed
 * (the network dropped, the server was restarted) is forgotten, so the next call tries again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
