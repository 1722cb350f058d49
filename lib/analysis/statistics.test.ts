import { describe, expect, it } from 'vitest';
import { mean, normalCdf, standardError, twoProportionZTest, wilsonInterval } from './statistics';

describe('statistics', () => {
  it('computes mean and standard error', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    // sd of 1..4 is 1.2910; / sqrt(4) = 0.6455
    expect(standardError([1, 2, 3, 4])).toBeCloseTo(0.6455, 4);
    expect(standardError([0.5])).toBe(0);
    expect(Number.isNaN(mean([]))).toBe(true);
  });

  it('matches known Wilson intervals', () => {
    // 5 of 1000 → [0.00214, 0.01165]
    const { low, high } = wilsonInterval(5, 1000);
    expect(low).toBeCloseTo(0.00214, 4);
    expect(high).toBeCloseTo(0.01165, 4);
    const zero = wilsonInterval(0, 50);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.0714, 3);
  });

  it('matches a textbook two-proportion z-test', () => {
    // 45/100 vs 30/100: pooled 0.375, z = 0.15 / sqrt(0.375*0.625*0.02) = 2.191
    const { z, pValue } = twoProportionZTest(45, 100, 30, 100);
    expect(z).toBeCloseTo(2.191, 3);
    expect(pValue).toBeCloseTo(0.0285, 3);
    expect(twoProportionZTest(0, 10, 0, 10)).toEqual({ z: 0, pValue: 1 });
  });

  it('has a normal CDF accurate to 1e-6', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });
});
