/**
 * DuckDB's own DECIMAL → DOUBLE cast, ported so that a DECIMAL read from Arrow in the browser
 * becomes the very same double the native engine returns (it calls duckdb_decimal_to_double,
 * i.e. TryCastDecimalToFloatingPoint). A correctly rounded conversion would differ from DuckDB
 * in the last bit for wide values, and results.json must be byte-identical.
 */

const TWO_53 = 2n ** 53n;
const MAX_UINT64 = 2n ** 64n - 1n;
const TWO_64_AS_DOUBLE = 2 ** 64;

/** Widest DECIMAL stored in an int64; wider ones are hugeints, cast in two 64-bit halves. */
const MAX_INT64_WIDTH = 18;

export function decimalToDouble(unscaled: bigint, width: number, scale: number): number {
  const toDouble = width > MAX_INT64_WIDTH ? hugeintToDouble : Number;
  // DuckDB divides by the double literal 1e<scale> from a table; parsing the same literal
  // gives the same double for every scale, which 10 ** scale does not guarantee.
  const divisor = Number(`1e${scale}`);
  if (scale === 0 || (unscaled >= -TWO_53 && unscaled <= TWO_53)) {
    return toDouble(unscaled) / divisor;
  }
  // BigInt division truncates toward zero and % keeps the dividend's sign, as in C++.
  const power = 10n ** BigInt(scale);
  return toDouble(unscaled / power) + toDouble(unscaled % power) / divisor;
}

/** DuckDB's HUGEINT → DOUBLE (CastBigintToFloating): lower + upper · 2^64, rounded per half. */
export function hugeintToDouble(value: bigint): number {
  const upper = value >> 64n;
  const lower = value & MAX_UINT64;
  if (upper === -1n) return -Number(MAX_UINT64 - lower) - 1;
  return Number(lower) + Number(upper) * TWO_64_AS_DOUBLE;
}

/** Reads a little-endian integer of any width (Arrow's DECIMAL, DuckDB's HUGEINT bytes). */
export function bigintFromBytes(bytes: Uint8Array, signed: boolean): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  return signed ? BigInt.asIntN(bytes.length * 8, value) : value;
}
