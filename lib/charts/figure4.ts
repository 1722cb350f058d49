/**
 * Chart data for a Figure-4-style plot: test meta-utility per iteration, mean ± 1 standard error over
 * repeats, each repeat as its own faint line, and the training meta-utility alongside.
 */
import { finite, mean, standardError } from './stats';

export interface RepeatPoint {
  repeat: number;
  iteration: number;
  train: number | null;
  /** Test meta-utility on fresh copies (the plotted curve). */
  test: number | null;
  /** Test meta-utility on the copies that selected the improver (absent in older runs). */
  searchTest?: number | null;
}

export interface Figure4Row {
  iteration: number;
  testMean: number | null;
  testSe: number | null;
  /** [mean − se, mean + se] for the shaded band; null when there is no test measurement yet. */
  testBand: [number, number] | null;
  trainMean: number | null;
  trainSe: number | null;
  /** Mean test meta-utility on the selecting copies; null when not every repeat has one. */
  searchTestMean: number | null;
  /** searchTestMean − testMean: how much measuring on the selecting copies overstates the test score. */
  selectionBias: number | null;
  /** Number of repeats with a test measurement at this iteration. */
  n: number;
  /** Test meta-utility of each repeat, keyed `r0`, `r1`, …. */
  [repeatKey: `r${number}`]: number | null;
}

export interface Figure4Data {
  rows: Figure4Row[];
  repeats: number[];
  /** Suggested y-domain, padded and clamped to [0, 1]. */
  domain: [number, number];
}

export const repeatKey = (repeat: number): `r${number}` => `r${repeat}`;

export function figure4Data(points: readonly RepeatPoint[], iterations?: number | null): Figure4Data {
  const repeats = [...new Set(points.map((p) => p.repeat))].sort((a, b) => a - b);
  const maxSeen = points.reduce((max, p) => Math.max(max, p.iteration), -1);
  const lastIteration = Math.max(maxSeen, iterations ?? -1);
  const rows: Figure4Row[] = [];
  for (let iteration = 0; iteration <= lastIteration; iteration += 1) {
    const here = points.filter((p) => p.iteration === iteration);
    const tests = finite(here.map((p) => p.test));
    const trains = finite(here.map((p) => p.train));
    const testMean = mean(tests);
    const testSe = standardError(tests);
    const searchTests = finite(here.map((p) => p.searchTest ?? null));
    const searchTestMean = searchTests.length === tests.length ? mean(searchTests) : null;
    const row: Figure4Row = {
      iteration,
      testMean,
      testSe,
      testBand: testMean !== null && testSe !== null ? [clamp01(testMean - testSe), clamp01(testMean + testSe)] : null,
      trainMean: mean(trains),
      trainSe: standardError(trains),
      searchTestMean,
      selectionBias: searchTestMean !== null && testMean !== null ? searchTestMean - testMean : null,
      n: tests.length,
    };
    for (const repeat of repeats) {
      row[repeatKey(repeat)] = here.find((p) => p.repeat === repeat)?.test ?? null;
    }
    rows.push(row);
  }
  return { rows, repeats, domain: yDomain(points) };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** A y-axis range that frames the data: never below 0 or above 1, at least 0.1 tall. */
export function yDomain(points: readonly { train: number | null; test: number | null }[]): [number, number] {
  const values = finite(points.flatMap((p) => [p.train, p.test]));
  if (values.length === 0) return [0, 1];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = Math.max(0.05, (high - low) * 0.15);
  let bottom = Math.max(0, Math.floor((low - pad) * 20) / 20);
  let top = Math.min(1, Math.ceil((high + pad) * 20) / 20);
  if (top - bottom < 0.1) {
    if (top < 1) top = Math.min(1, bottom + 0.1);
    else bottom = Math.max(0, top - 0.1);
  }
  return [bottom, top];
}

/** Axis ticks at a round step (5, 10, 20 or 25 points) that gives about 4–6 ticks across the domain. */
export function yTicks([low, high]: [number, number]): number[] {
  const span = high - low;
  const step = [0.05, 0.1, 0.2, 0.25].find((candidate) => span / candidate <= 6) ?? 0.25;
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step - 1e-9) * step; tick <= high + 1e-9; tick += step) ticks.push(Math.round(tick * 1000) / 1000 || 0);
  return ticks;
}

/** The last iteration with a test measurement: its mean and standard error, and the change from iteration 0. */
export function finalSummary(data: Figure4Data): { iteration: number; mean: number; se: number; delta: number | null } | null {
  const measured = data.rows.filter((row) => row.testMean !== null);
  const last = measured.at(-1);
  if (!last || last.testMean === null) return null;
  const first = measured[0];
  return {
    iteration: last.iteration,
    mean: last.testMean,
    se: last.testSe ?? 0,
    delta: first && first !== last && first.testMean !== null ? last.testMean - first.testMean : null,
  };
}
