/**
 * The standard normal quantile as R's qnorm computes it: Wichura's algorithm AS 241 (PPND16),
 * with the coefficients of R's src/nmath/qnorm.c. Written out here rather than taken from a
 * library so that the rate cell (Wilson intervals) costs a few hundred bytes of JavaScript
 * before the first chart. The logarithm is @stdlib's pure-arithmetic one: V8's Math.log differs
 * between Node and Chromium in the last bit for some arguments, and the browser and the command
 * line must agree to the bit. sqrt is correctly rounded everywhere.
 */
import ln from '@stdlib/math-base-special-ln';

/** Standard normal quantile: R's qnorm(p) for 0 ≤ p ≤ 1 (NaN outside, ±Infinity at 0 and 1). */
export function qnorm(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(CENTRAL, r)) / horner(CENTRAL_DENOMINATOR, r);
  }
  let r = Math.sqrt(-ln(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = horner(INTERMEDIATE, r) / horner(INTERMEDIATE_DENOMINATOR, r);
  } else {
    r -= 5;
    value = horner(TAIL, r) / horner(TAIL_DENOMINATOR, r);
  }
  return q < 0 ? -value : value;
}

/** z for a two-sided interval at confidence `level`: R's qnorm((1 + level) / 2). */
export function zForLevel(level: number): number {
  return qnorm((1 + level) / 2);
}

/**
 * c[0] r^n + c[1] r^(n-1) + … + c[n], evaluated as qnorm.c writes it out:
 * (((c[0] r + c[1]) r + c[2]) … ) r + c[n]. The same operations in the same order give the same
 * rounding, hence R's bits.
 */
function horner(c: readonly number[], r: number): number {
  let value = c[0];
  for (let k = 1; k < c.length; k++) value = value * r + c[k];
  return value;
}

// The coefficients of AS 241 as in R's qnorm.c, highest power first. Each is written as the
// shortest decimal that gives the same double as qnorm.c's longer literal.

/** |p - 0.5| ≤ 0.425, in r = 0.180625 - q². */
const CENTRAL = [
  2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987, 13731.69376550946,
  1971.5909503065513, 133.14166789178438, 3.3871328727963665,
];
const CENTRAL_DENOMINATOR = [
  5226.495278852546, 28729.085735721943, 39307.89580009271, 21213.794301586597, 5394.196021424751,
  687.1870074920579, 42.31333070160091, 1,
];

/** Further out, r = sqrt(-log(min(p, 1 - p))) ≤ 5, in r - 1.6. */
const INTERMEDIATE = [
  0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684,
  3.6478483247632045, 5.769497221460691, 4.630337846156546, 1.4234371107496835,
];
const INTERMEDIATE_DENOMINATOR = [
  1.0507500716444169e-9, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008,
  0.6897673349851, 1.6763848301838038, 2.053191626637759, 1,
];

/** The far tails, r > 5, in r - 5. */
const TAIL = [
  2.0103343992922881e-7, 0.000027115555687434876, 0.0012426609473880784, 0.026532189526576124,
  0.29656057182850487, 1.7848265399172913, 5.463784911164114, 6.657904643501103,
];
const TAIL_DENOMINATOR = [
  2.0442631033899397e-15, 1.421511758316446e-7, 0.000018463183175100548, 0.0007868691311456133,
  0.014875361290850615, 0.1369298809227358, 0.599832206555888, 1,
];
