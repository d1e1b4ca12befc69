import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatInterval,
  formatMs,
  formatNumber,
  formatP,
  formatPercent,
  formatValue,
  levelLabel,
  stars,
} from '../../src/ui/format.ts';

describe('numbers as a political science table prints them', () => {
  it('prints p-values to three decimals and never as 0.000', () => {
    expect(formatP(0.00048158663584937575)).toBe('< 0.001');
    expect(formatP(0.0331)).toBe('0.033');
    expect(formatP(0.245)).toBe('0.245');
    expect(formatP(1)).toBe('1.000');
    expect(formatP(null)).toBe('—');
  });

  it('gives stars at the 0.05, 0.01 and 0.001 thresholds', () => {
    expect([0.2, 0.049, 0.0099, 0.00099, 0.05, 0.01, 0.001].map(stars)).toEqual([
      '',
      '*',
      '**',
      '***',
      '',
      '*',
      '**',
    ]);
    expect(stars(null)).toBe('');
  });

  it('uses a real minus sign and no negative zero', () => {
    expect(formatNumber(-0.9708184512317249)).toBe('−0.971');
    expect(formatNumber(-0.0001)).toBe('0.000');
    expect(formatNumber(2.6993629865163227)).toBe('2.699');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatNumber(null)).toBe('—');
  });

  it('shows rates and intervals as percentages', () => {
    expect(formatPercent(0.7333333333333333)).toBe('73.3%');
    expect(formatInterval(0.6416, 0.8086, 'percent')).toBe('[64.2%, 80.9%]');
    expect(formatInterval(-1.244, -0.23)).toBe('[−1.244, −0.230]');
    expect(formatInterval(null, null)).toBe('—');
    expect(levelLabel(undefined)).toBe('95%');
    expect(levelLabel(0.9)).toBe('90%');
    expect(levelLabel(0.995)).toBe('99.5%');
  });

  it('keeps years and ids as written and trims long decimals in result tables', () => {
    expect(formatValue(1945)).toBe('1945');
    expect(formatValue(0.4191729323308271)).toBe('0.4192');
    expect(formatValue(3.5)).toBe('3.5');
    expect(formatValue(0.0000123)).toBe('1.23e-5');
    expect(formatValue(null)).toBe('NULL');
    expect(formatValue(false)).toBe('false');
    expect(formatValue([1, 2])).toBe('[1,2]');
    expect(formatCount(1240)).toBe('1,240');
    expect(formatMs(12.4)).toBe('12 ms');
    expect(formatMs(1460)).toBe('1.5 s');
  });
});
