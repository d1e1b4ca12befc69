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
    return (q * central(r)) / centralDenominator(r);
  }
  let r = Math.sqrt(-ln(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = intermediate(r) / intermediateDenominator(r);
  } else {
    r -= 5;
    value = tail(r) / tailDenominator(r);
  }
  return q < 0 ? -value : value;
}

/** z for a two-sided interval at confidence `level`: R's qnorm((1 + level) / 2). */
export function zForLevel(level: number): number {
  return qnorm((1 + level) / 2);
}

// The polynomials of AS 241, in Horner form exactly as qnorm.c evaluates them (same order of
// operations, hence the same rounding). Each coefficient is written as the shortest decimal that
// gives the same double as qnorm.c's longer literal.

function central(r: number): number {
  return (
    ((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r +
      45921.95393154987) *
      r +
      13731.69376550946) *
      r +
      1971.5909503065513) *
      r +
      133.14166789178438) *
      r +
    3.3871328727963665
  );
}

function centralDenominator(r: number): number {
  return (
    ((((((r * 5226.495278852546 + 28729.085735721943) * r + 39307.89580009271) * r +
      21213.794301586597) *
      r +
      5394.196021424751) *
      r +
      687.1870074920579) *
      r +
      42.31333070160091) *
      r +
    1
  );
}

function intermediate(r: number): number {
  return (
    ((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r +
      1.2704582524523684) *
      r +
      3.6478483247632045) *
      r +
      5.769497221460691) *
      r +
      4.630337846156546) *
      r +
    1.4234371107496835
  );
}

function intermediateDenominator(r: number): number {
  return (
    ((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r +
      0.14810397642748008) *
      r +
      0.6897673349851) *
      r +
      1.6763848301838038) *
      r +
      2.053191626637759) *
      r +
    1
  );
}

function tail(r: number): number {
  return (
    ((((((r * 2.0103343992922881e-7 + 0.000027115555687434876) * r + 0.0012426609473880784) * r +
      0.026532189526576124) *
      r +
      0.29656057182850487) *
      r +
      1.7848265399172913) *
      r +
      5.463784911164114) *
      r +
    6.657904643501103
  );
}

function tailDenominator(r: number): number {
  return (
    ((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 0.000018463183175100548) * r +
      0.0007868691311456133) *
      r +
      0.014875361290850615) *
      r +
      0.1369298809227358) *
      r +
      0.599832206555888) *
      r +
    1
  );
}
