/**
 * exp and log1p as SQL built only from +, −, ×, ÷, round and exact powers of two.
 *
 * DuckDB's own exp() and ln() call the platform's libm: glibc natively, musl in DuckDB-WASM.
 * They differ in the last bit for about 1 input in 1,000, which made a logit fitted in the
 * browser differ from the command line's. IEEE arithmetic is the same everywhere, so these
 * versions give bit-identical results in both engines (checked on 1,000 inputs each),
 * accurate to a few units in the last place.
 *
 * Each function wraps a relation in SELECT layers that add one helper column at a time, so
 * every intermediate value is computed once and named; writing the polynomials as one nested
 * expression repeats its argument hundreds of times and makes DuckDB's planner crawl.
 * Helper columns are dropped again with EXCLUDE; `out` is the one column added.
 */
import { valueLiteral } from '../engine/sql.ts';

const INV_LN2 = 1.4426950408889634;
// fdlibm's split of ln 2: k × LN2_HI is exact for the |k| that occur here.
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
/** Taylor terms of exp(r) for |r| ≤ ln2/2: truncation error below 1e-18. */
const EXP_TERMS = 15;
/** Terms of log1p(t) = 2·atanh(u), u = t/(2+t) ≤ 1/3: truncation error below 1e-17. */
const ATANH_TERMS = 18;

const lit = (x: number) => valueLiteral(x);

/** Horner's rule: c0 + v·(c1 + v·(c2 + …)). */
function horner(v: string, coefficients: number[]): string {
  let poly = lit(coefficients[coefficients.length - 1]);
  for (let n = coefficients.length - 2; n >= 0; n--)
    poly = `(${lit(coefficients[n])} + ${v} * ${poly})`;
  return poly;
}

const EXP_COEFFICIENTS = Array.from({ length: EXP_TERMS }, (_, n) => 1 / factorial(n));
const ATANH_COEFFICIENTS = Array.from({ length: ATANH_TERMS }, (_, n) => 1 / (2 * n + 1));

/** Adds column `out` = e^x to `relation`, for a SQL expression x with |x| below about 700. */
export function withExp(relation: string, x: string, out: string): string {
  const [k, r] = [`${out}__k`, `${out}__r`];
  return `SELECT * EXCLUDE (${k}, ${r}), ${horner(r, EXP_COEFFICIENTS)} * pow(2.0, ${k}) AS ${out}
    FROM (SELECT *, ((${x}) - ${k} * ${lit(LN2_HI)}) - ${k} * ${lit(LN2_LO)} AS ${r}
      FROM (SELECT *, round((${x}) * ${lit(INV_LN2)}) AS ${k} FROM (${relation})))`;
}

/** Adds column `out` = ln(1 + t) to `relation`, for a SQL expression t in [0, 1]. */
export function withLog1p(relation: string, t: string, out: string): string {
  const [u, u2] = [`${out}__u`, `${out}__u2`];
  return `SELECT * EXCLUDE (${u}, ${u2}), 2.0 * ${u} * ${horner(u2, ATANH_COEFFICIENTS)} AS ${out}
    FROM (SELECT *, ${u} * ${u} AS ${u2}
      FROM (SELECT *, (${t}) / (2.0 + (${t})) AS ${u} FROM (${relation})))`;
}

/** Adds column `out` = ln(1 + e^s) to `relation`, without overflow for any s. */
export function withSoftplus(relation: string, s: string, out: string): string {
  const [sv, e, l] = [`${out}__s`, `${out}__e`, `${out}__l`];
  const withS = `SELECT *, ${s} AS ${sv} FROM (${relation})`;
  const withLog = withLog1p(withExp(withS, `-abs(${sv})`, e), e, l);
  return `SELECT * EXCLUDE (${sv}, ${e}, ${l}), greatest(${sv}, 0.0) + ${l} AS ${out} FROM (${withLog})`;
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}
