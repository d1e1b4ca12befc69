/**
 * Coalesces rapid calls (a slider being dragged) so only the newest value is applied once the
 * call in flight finishes: dragging across 50 steps runs the notebook a few times, not 50.
 */
export function latestOnly<T>(apply: (value: T) => Promise<void>): (value: T) => Promise<void> {
  let running: Promise<void> | undefined;
  let pending: { value: T } | undefined;
  const waiters: { done: () => void; fail: (error: unknown) => void }[] = [];

  const drain = async (): Promise<void> => {
    while (pending) {
      const { value } = pending;
      pending = undefined;
      const settled = waiters.splice(0);
      try {
        await apply(value);
        for (const w of settled) w.done();
      } catch (error) {
        for (const w of settled) w.fail(error);
      }
    }
    running = undefined;
  };

  return (value: T) =>
    new Promise<void>((done, fail) => {
      pending = { value };
      waiters.push({ done, fail });
      running ??= drain();
    });
}

/** latestOnly per key: each input coalesces its own values. */
export function keyedLatestOnly<K, T>(
  apply: (key: K, value: T) => Promise<void>,
): (key: K, value: T) => Promise<void> {
  const byKey = new Map<K, (value: T) => Promise<void>>();
  return (key, value) => {
    let setter = byKey.get(key);
    if (!setter) {
      setter = latestOnly((v: T) => apply(key, v));
      byKey.set(key, setter);
    }
    return setter(value);
  };
}
