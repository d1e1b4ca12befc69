/**
 * The y domains a presentation holds, one per chart cell, for as long as it is open: the
 * first drawing fixes the axis, later drawings keep it (presentYDomain widens it only when a
 * value would fall outside).
 */
import type { ChartSpec } from '../../charts/spec.ts';
import type { Row } from '../../engine/Engine.ts';
import { presentYDomain } from './fixed-domain.ts';

export class HeldDomains {
  private readonly held = new Map<string, [number, number]>();

  hold(key: string, spec: ChartSpec, rows: readonly Row[]): [number, number] | undefined {
    const domain = presentYDomain(spec, rows, this.held.get(key));
    if (domain) this.held.set(key, domain);
    return domain;
  }
}
