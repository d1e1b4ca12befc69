import { IngestError } from './errors.ts';

/**
 * The sheet a load should make its main table: by 1-based index or name (exact, then any
 * case); by default the first sheet Excel shows (hidden sheets are skipped).
 */
export function pickSheet(
  sheetNames: string[],
  wanted: string | number | undefined,
  hidden: ReadonlySet<string> = new Set(),
  fileName = 'The workbook',
): string {
  if (sheetNames.length === 0) {
    throw new IngestError(
      `${fileName} has no sheets. Open it in Excel or LibreOffice, check that the data is there, and save a new copy.`,
    );
  }
  const list = sheetNames.map((s, i) => `${i + 1}: "${s}"`).join(', ');
  if (wanted === undefined) return sheetNames.find((s) => !hidden.has(s)) ?? sheetNames[0];
  if (typeof wanted === 'number' || /^\d+$/.test(wanted)) {
    const index = Number(wanted);
    if (index >= 1 && index <= sheetNames.length) return sheetNames[index - 1];
    throw new IngestError(`${fileName} has no sheet ${index} (sheets are ${list})`);
  }
  const exact = sheetNames.find((s) => s === wanted);
  const loose = sheetNames.find((s) => s.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (exact ?? loose) return (exact ?? loose) as string;
  throw new IngestError(`${fileName} has no sheet "${wanted}" (sheets are ${list})`);
}
