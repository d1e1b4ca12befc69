import type { Engine, Row } from '../engine/Engine.ts';
import { ident, valueLiteral } from '../engine/sql.ts';
import { withExp, withSoftplus } from './deterministic-math.ts';
import { designColumnName } from './logit-design.ts';
import { factorKept, factorWithAliasing, solveFactor, type Factor } from './logit-linalg.ts';

/** R's .Machine$double.eps. */
export const DBL_EPSILON = 2.220446049250313e-16;
const MAX_ITERATIONS = 25; // glm.control()$maxit
const EPSILON = 1e-8; // glm.control()$epsilon
/**
 * A column is aliased when less than this share of its weighted sum of squares is left after
 * the columns before it (variance inflation above 1e9). R's QR can use a far smaller
 * threshold; normal equations square the condition number, so this one is set well above
 * their rounding noise and still only catches exact or near-exact collinearity.
 */
const ALIAS_TOLERANCE = 1e-9;

export interface IrlsFit {
  /** Coefficients of the centred design (intercept first); aliased ones are 0. */
  coefficients: number[];
  /** Factor of X'WX at the weights of the last step, as R's summary.glm uses. */
  factor: Factor;
  deviance: number;
  iterations: number;
  converged: boolean;
  minMu: number;
  maxMu: number;
  /** Set when the iterations had to stop early for a numerical reason. */
  failure?: string;
}

interface Step {
  deviance: number;
  minMu: number;
  maxMu: number;
  xtwx: number[][];
  xtwz: number[];
}

/**
 * R's glm.fit for the binomial family with logit link, step for step: the same starting
 * values, weights, working response, convergence rule and iteration limit, so estimates and
 * iteration counts match R's. Each step is one aggregate query over the design table that
 * returns the deviance and X'WX, X'Wz for the next step; only the p×p solve runs here.
 */
export async function fitIrls(engine: Engine, table: string, width: number): Promise<IrlsFit> {
  // mustart = (y + 0.5) / 2 and eta = log(mu / (1 - mu)), as binomial()$initialize does.
  // The logs are taken here in JS (identical in Node and the browser), not by DuckDB's libm.
  const startEta = `CASE WHEN y = 1 THEN ${valueLiteral(Math.log(0.75 / (1 - 0.75)))} ELSE ${valueLiteral(Math.log(0.25 / (1 - 0.25)))} END`;
  let step = await irlsStep(engine, table, width, startEta);
  let devold = step.deviance;
  const aliasing = factorWithAliasing(step.xtwx, ALIAS_TOLERANCE);
  let factor: Factor = aliasing;
  let coefficients = new Array<number>(width).fill(0);
  let converged = false;
  let iterations = 0;
  for (let iter = 1; iter <= MAX_ITERATIONS; iter++) {
    iterations = iter;
    const next = iter === 1 ? aliasing : factorKept(step.xtwx, aliasing.kept);
    if (!next) {
      return {
        ...result(step),
        failure: 'the weighted cross-product matrix lost positive definiteness',
      };
    }
    factor = next;
    coefficients = solveFactor(factor, step.xtwz);
    step = await irlsStep(engine, table, width, linearPredictor(coefficients));
    if (!Number.isFinite(step.deviance)) {
      return { ...result(step), failure: 'the deviance became infinite' };
    }
    if (Math.abs(step.deviance - devold) / (Math.abs(step.deviance) + 0.1) < EPSILON) {
      converged = true;
      break;
    }
    devold = step.deviance;
  }
  return result(step);

  function result(last: Step): IrlsFit {
    return {
      coefficients,
      factor,
      deviance: last.deviance,
      iterations,
      converged,
      minMu: last.minMu,
      maxMu: last.maxMu,
    };
  }
}

/** SQL for eta = b0 + b1*c1 + … with the coefficients as exact literals. */
export function linearPredictor(
  coefficients: number[],
  columnSql?: (index: number) => string,
): string {
  const parts = [valueLiteral(coefficients[0])];
  for (let j = 1; j < coefficients.length; j++) {
    if (coefficients[j] === 0) continue;
    const column = columnSql ? columnSql(j - 1) : ident(designColumnName(j - 1));
    parts.push(`${valueLiteral(coefficients[j])} * ${column}`);
  }
  return parts.join(' + ');
}

/**
 * The inverse logit link and its derivative exactly as R's C code (logit_linkinv, logit_mu_eta)
 * computes them, thresholds included, as SQL over a relation with an `eta` column. Adds `mu`
 * and `me` (d mu / d eta).
 */
export function linkSql(relation: string): string {
  const eps = valueLiteral(DBL_EPSILON);
  const invEps = valueLiteral(1 / DBL_EPSILON);
  const withE = withExp(relation, 'least(greatest(eta, -30), 30)', '__link_e');
  const clamped = `CASE WHEN eta < -30 THEN ${eps} WHEN eta > 30 THEN ${invEps} ELSE __link_e END`;
  return `SELECT * EXCLUDE (__link_e), (${clamped}) / (1 + ${clamped}) AS mu,
      CASE WHEN eta > 30 OR eta < -30 THEN ${eps}
        ELSE __link_e / ((1 + __link_e) * (1 + __link_e)) END AS me
    FROM (${withE})`;
}

/** eta as R's link sees it: beyond ±30 it is ±ln(1/eps), where mu is clamped. */
function clampedEtaSql(): string {
  const edge = valueLiteral(-Math.log(DBL_EPSILON));
  return `(CASE WHEN eta < -30 THEN -${edge} WHEN eta > 30 THEN ${edge} ELSE eta END)`;
}

async function irlsStep(engine: Engine, table: string, width: number, eta: string): Promise<Step> {
  const col = (j: number) => (j === 0 ? null : ident(designColumnName(j - 1)));
  const times = (...factors: (string | null)[]) => factors.filter((f) => f !== null).join(' * ');
  const sums: string[] = [];
  for (let i = 0; i < width; i++) {
    for (let j = 0; j <= i; j++) sums.push(`sum(${times('w', col(i), col(j))}) AS a_${i}_${j}`);
    sums.push(`sum(${times('w', 'z', col(i))}) AS b_${i}`);
  }
  const withEta = `SELECT *, ${eta} AS eta FROM ${ident(table)}`;
  // dr is ln(1/mu) for y = 1 and ln(1/(1 - mu)) for y = 0: softplus of the clamped eta.
  const withDr = withSoftplus(
    linkSql(withEta),
    `CASE WHEN y = 1 THEN -1 ELSE 1 END * ${clampedEtaSql()}`,
    'dr',
  );
  const sql = `SELECT 2 * sum(dr) AS deviance, min(mu) AS min_mu, max(mu) AS max_mu, ${sums.join(', ')}
    FROM (SELECT *, me * me / (mu * (1 - mu)) AS w, eta + (y - mu) / me AS z FROM (${withDr}))`;
  const row: Row = (await engine.query(sql)).rows[0];
  const xtwx = Array.from({ length: width }, () => new Array<number>(width).fill(0));
  const xtwz = new Array<number>(width).fill(0);
  for (let i = 0; i < width; i++) {
    for (let j = 0; j <= i; j++) xtwx[i][j] = xtwx[j][i] = Number(row[`a_${i}_${j}`]);
    xtwz[i] = Number(row[`b_${i}`]);
  }
  return {
    deviance: numberOr(row.deviance, Infinity),
    minMu: Number(row.min_mu),
    maxMu: Number(row.max_mu),
    xtwx,
    xtwz,
  };
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
