/** `base`, or `base_2`, `base_3`, … — the first one not in `taken` (case-insensitive); claims it. */
export function uniqueName(base: string, taken: Set<string>): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base}_${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
