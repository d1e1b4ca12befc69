/**
 * Parquet values written as the text DuckDB casts back to exactly the same value. Dates and
 * times are computed with integer arithmetic (no Date objects: they stop at milliseconds and
 * at ±275,000 years), decimals from their unscaled integer, so nothing is rounded on the way.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const BLOB_ESCAPES = HEX.map((h) => `\\x${h.toUpperCase()}`);
/** DuckDB's DATE infinities are ±(2^31 − 1) days, its TIMESTAMP infinities ±(2^63 − 1) µs. */
const DATE_INFINITY = 2_147_483_647;
const TIMESTAMP_INFINITY = 9_223_372_036_854_775_807n;

/** `2020-01-31`; years before 1 are astronomical (`0000` is 1 BC, `-0043` is 44 BC), as DuckDB reads them. */
export function dateText(days: number): string {
  if (days === DATE_INFINITY) return 'infinity';
  if (days === -DATE_INFINITY) return '-infinity';
  const [y, m, d] = civilFromDays(days);
  return `${yearText(y)}-${pad2(m)}-${pad2(d)}`;
}

/**
 * `2020-01-31 13:45:00.123456` from a count of `unitsPerSecond` since 1970-01-01 (10^6 for
 * micro-, 10^9 for nanoseconds); `zone` adds `+00` for TIMESTAMP WITH TIME ZONE.
 */
export function timestampText(ticks: bigint, unitsPerSecond: bigint, zone = false): string {
  if (
    unitsPerSecond === 1_000_000n &&
    (ticks === TIMESTAMP_INFINITY || ticks === -TIMESTAMP_INFINITY)
  ) {
    return ticks > 0n ? 'infinity' : '-infinity';
  }
  const perDay = unitsPerSecond * 86_400n;
  const days = floorDiv(ticks, perDay);
  const ofDay = ticks - days * perDay;
  return `${dateText(Number(days))} ${timeOfDayText(ofDay, unitsPerSecond)}${zone ? '+00' : ''}`;
}

/** `13:45:00.123456` from a count of `unitsPerSecond` since midnight. */
export function timeOfDayText(ticks: bigint, unitsPerSecond: bigint): string {
  const seconds = ticks / unitsPerSecond;
  const fraction = ticks - seconds * unitsPerSecond;
  const digits = String(unitsPerSecond).length - 1;
  const h = seconds / 3600n;
  const m = (seconds / 60n) % 60n;
  const s = seconds % 60n;
  return `${pad2(Number(h))}:${pad2(Number(m))}:${pad2(Number(s))}.${String(fraction).padStart(digits, '0')}`;
}

/** `-12.50` from the unscaled integer −1250 and scale 2. */
export function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = String(negative ? -unscaled : unscaled).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const text = scale === 0 ? whole : `${whole}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

/** A big-endian two's-complement integer (Parquet's DECIMAL in a byte array). */
export function signedBigEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  if (bytes.length > 0 && bytes[0] >= 0x80) value -= 1n << BigInt(bytes.length * 8);
  return value;
}

/** `\x00\xFF…`: every byte escaped, which DuckDB's VARCHAR → BLOB cast reads back as is. */
export function blobText(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += BLOB_ESCAPES[byte];
  return out;
}

/** `0e1f7c2a-1a2b-4c3d-8e9f-0123456789ab` from 16 big-endian bytes. */
export function uuidText(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += HEX[byte];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Parquet's INTERVAL: three little-endian 32-bit counts (months, days, milliseconds). DuckDB
 * reads them as signed numbers, so the same is done here.
 */
export function intervalText(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const months = view.getInt32(0, true);
  const days = view.getInt32(4, true);
  const micros = BigInt(view.getInt32(8, true)) * 1000n;
  return `${months} months ${days} days ${micros} microseconds`;
}

/** Shortest text that reads back as the same double; `-0` keeps its sign. */
export function numberText(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

function yearText(year: number): string {
  return year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/**
 * Proleptic Gregorian year, month, day of a day count since 1970-01-01 (H. Hinnant's
 * `civil_from_days`), exact over DuckDB's whole DATE range.
 */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}
