import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findRun } from '@/db/queries/runs';
import { readProgram } from '@/lib/improvers/programs';
import { MIN_PNG_WIDTH } from '@/lib/figures/png';
import { launchRun } from '@/lib/runs/service';
import { UsageError, type CommandIo } from '../command';
import { figureCommand } from './figure';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const quiet: CommandIo = { json: false, out: () => undefined, err: () => undefined, result: () => undefined };

describe('stop figure --format png (real STOP run, system Chromium)', () => {
  let dir: string;
  let runId: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'stop-figure-'));
    const launched = await launchRun({ kind: 'stop', seedImprover: readProgram('seed'), taskId: 'parity', iterations: 1, repeats: 1, copies: 2 });
    await launched.finished;
    runId = launched.runId;
    expect((await findRun(runId))?.status).toBe('completed');
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("writes the run's Figure 4 as a PNG at least 1600 px wide, and the same figure as SVG", async () => {
    const png = path.join(dir, 'figure4.png');
    await figureCommand.run({ kind: 'figure4', format: 'png', out: png }, [runId], quiet);
    const bytes = await readFile(png);
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // The first chunk is IHDR: length (4), type (4), then width and height as big-endian 32-bit integers.
    expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    expect(width).toBeGreaterThanOrEqual(MIN_PNG_WIDTH);
    expect(height).toBeGreaterThan(0);

    const svg = path.join(dir, 'figure4.svg');
    await figureCommand.run({ kind: 'figure4', format: 'svg', out: svg }, [runId], quiet);
    const text = await readFile(svg, 'utf8');
    expect(text).toContain('<svg');
    expect(text).toContain(runId);
    // Same drawing: the PNG keeps the SVG's aspect ratio.
    const attr = (name: string) => Number(new RegExp(`<svg[^>]*\\b${name}="([\\d.]+)"`).exec(text)?.[1]);
    expect(Math.abs(width / height - attr('width') / attr('height'))).toBeLessThan(0.02);
  });

  test('a PNG needs --out, and a transfer table is refused for a STOP run with the reason', async () => {
    await expect(figureCommand.run({ format: 'png' }, [runId], quiet)).rejects.toThrow(UsageError);
    await expect(figureCommand.run({ kind: 'table', format: 'png', out: path.join(dir, 't.png') }, [runId], quiet)).rejects.toThrow(/no result table/);
  });
});
