/** `?time-limit=<seconds>` in the page's address; undefined (the default) when absent or bad. */
export function timeLimitFromSearch(search: string): number | undefined {
  const raw = /[?&]time-limit=([^&#]*)/.exec(search)?.[1];
  const seconds = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
