/**
 * exp and log1p as SQL built only from +, −, ×, ÷, round and exact powers of two.
 *
 * DuckDB's own exp() and ln() call the platform's libm: glibc natively, musl in DuckDB-WASM.
 * They differ in the last bit for about 1 input in 1,000, which made a logit fitted in the
 * browser differ from the command line's in the 15th digit. IEEE arithmetic is the same
 * everywhere, so these versions give bit-identical results in both engines, accurate to a
 * few units in the last place (far inside the 1e-6 agreement with R the tests require).
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

/** e^x for a SQL expression x with |x| below about 700. */
export function expSql(x: string): string {
  const k = `round((${x}) * ${lit(INV_LN2)})`;
  const r = `(((${x}) - ${k} * ${lit(LN2_HI)}) - ${k} * ${lit(LN2_LO)})`;
  let poly = lit(1 / factorial(EXP_TERMS - 1));
  for (let n = EXP_TERMS - 2; n >= 0; n--) poly = `(${lit(1 / factorial(n))} + ${r} * ${poly})`;
  return `(${poly} * pow(2.0, ${k}))`;
}

/** ln(1 + t) for a SQL expression t in [0, 1]. */
export function log1pSql(t: string): string {
  const u = `((${t}) / (2.0 + (${t})))`;
  const u2 = `(${u} * ${u})`;
  let series = lit(1 / (2 * (ATANH_TERMS - 1) + 1));
  for (let n = ATANH_TERMS - 2; n >= 0; n--)
    series = `(${lit(1 / (2 * n + 1))} + ${u2} * ${series})`;
  return `(2.0 * ${u} * ${series})`;
}

/** ln(1 + e^s), computed without overflow for any s. */
export function softplusSql(s: string): string {
  return `(greatest(${s}, 0.0) + ${log1pSql(expSql(`-abs(${s})`))})`;
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}
