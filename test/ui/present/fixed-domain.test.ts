import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../../src/charts/spec.ts';
import { slideChartSize } from '../../../src/ui/present/chart-size.ts';
import { presentYDomain } from '../../../src/ui/present/fixed-domain.ts';
import { HeldDomains } from '../../../src/ui/present/held-domains.ts';

const bars: ChartSpec = { from: 't', mark: 'barY', x: 'g', y: 'rate', ci: ['lo', 'hi'] };

describe('presentYDomain', () => {
  it('holds shares at [0, 1], whatever the rows shown', () => {
    expect(presentYDomain(bars, [{ g: 'a', rate: 0.73, lo: 0.64, hi: 0.81 }])).toEqual([0, 1]);
    expect(presentYDomain(bars, [{ g: 'a', rate: 0.2, lo: 0.1, hi: 0.3 }])).toEqual([0, 1]);
  });

  it('leaves a chart with its own y_domain, a log scale or a value on x alone', () => {
    const rows = [{ g: 'a', rate: 0.5, lo: 0.4, hi: 0.6 }];
    expect(presentYDomain({ ...bars, y_domain: [0, 0.5] }, rows)).toBeUndefined();
    expect(presentYDomain({ ...bars, scale: 'log' }, rows)).toBeUndefined();
    expect(presentYDomain({ ...bars, mark: 'barX' }, rows)).toBeUndefined();
  });

  it('rounds counts out from zero, then only widens', () => {
    const spec: ChartSpec = { from: 't', mark: 'barY', x: 'g', y: 'n' };
    const held = new HeldDomains();
    expect(
      held.hold('c', spec, [
        { g: 'a', n: 532 },
        { g: 'b', n: 105 },
      ]),
    ).toEqual([0, 1000]);
    // Fewer episodes after the slider moved: the axis stays.
    expect(
      held.hold('c', spec, [
        { g: 'a', n: 120 },
        { g: 'b', n: 30 },
      ]),
    ).toEqual([0, 1000]);
    expect(held.hold('c', spec, [{ g: 'a', n: 1240 }])).toEqual([0, 2000]);
    expect(
      presentYDomain(spec, [
        { g: 'a', n: -3 },
        { g: 'b', n: 4 },
      ]),
    ).toEqual([-5, 5]);
  });
});

describe('slideChartSize', () => {
  it('draws tick labels at least 20 px high and gives Plot the box’s shape', () => {
    const size = slideChartSize(1232, 540, 140);
    expect(size.tick).toBe(20.533333333333335);
    expect(size.width * size.scale).toBeCloseTo(1232, -1);
    expect(size.height * size.scale).toBeCloseTo(400, -1);
    expect(slideChartSize(1760, 900, 0).tick).toBeCloseTo(29.33, 1);
    expect(slideChartSize(4000, 2000, 0).tick).toBe(32);
  });
});
