/**
 * Numbers as R writes them in names: `deparse()` (a number inside `I(x/1e+05)`) and
 * `as.character()` (the levels of `factor(code)`). Both use R's formatReal with 15
 * significant digits: as few digits as the 15-digit decimal needs, then fixed notation
 * unless scientific is narrower (R_print.scipen = 0). So 100000 is `1e+05`, 123456 stays,
 * 0.0001 is `1e-04`, 0.001 stays, 0.1 + 0.2 is `0.3`.
 */
export function formatRNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (x === 0) return '0';
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  // R's scientific(): the 15-digit decimal mantissa without its trailing zeros.
  const digits = a.toExponential(14).split('e')[0].replace('.', '').replace(/0+$/u, '').length;
  const [mantissa, exponentText] = a.toExponential(digits - 1).split('e');
  const exponent = Number(exponentText);
  const scientific = `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  const decimals = Math.max(0, digits - 1 - exponent);
  // toFixed prints the double's exact decimal digits up to 1e21, as C's sprintf("%.*f") does;
  // beyond its range (1e21 and up, or more than 100 decimals) fixed is the wider anyway.
  const fixed = exponent < 21 && decimals <= 100 ? a.toFixed(decimals) : undefined;
  return sign + (fixed !== undefined && fixed.length <= scientific.length ? fixed : scientific);
}

/**
 * A factor level's label, as `as.character()` gives it for the column's type in R: integers
 * (R's integer type, up to 2^31 - 1, which is how read.csv reads whole numbers) in full;
 * other numbers as doubles (`1e+05`).
 */
export function levelLabel(value: number, integer: boolean): string {
  return integer && Number.isInteger(value) && Math.abs(value) <= 2147483647
    ? String(value)
    : formatRNumber(value);
}
