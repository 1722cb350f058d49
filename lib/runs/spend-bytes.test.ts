import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { startScriptedServer, type ScriptedServer } from '@/lib/scripted-model/server';

const MiB = 1024 * 1024;
const HUGE_ANSWER_BYTES = 300 * 1000 * 1000;

interface Report {
  status: string;
  errors: (string | null)[];
  answered: number[];
  peakRssBytes: number;
}

/** Runs the coordinator child against `url` on the data directory `dataDir`; its JSON report. */
function coordinator(url: string, dataDir: string): Promise<Report> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
  const child = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', tsx, path.join(import.meta.dirname, 'testing-oversized-answer.child.ts'), url, dataDir],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (errors += chunk));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = output.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line));
      else reject(new Error(`the coordinator exited with ${code}: ${errors.slice(-2000)}`));
    });
  });
}

describe('a 300 MB completion (coordinator in its own process on a PGlite directory, real openai client, scripted server)', () => {
  let honest: ScriptedServer;
  let hostile: ScriptedServer;
  let dataDir: string;
  beforeAll(async () => {
    honest = await startScriptedServer({ port: 0, seed: 2 });
    hostile = await startScriptedServer({ port: 0, seed: 2, hostile: { hugeAnswer: { bytes: HUGE_ANSWER_BYTES, count: 1 } } });
    // Created (and migrated) here, so that the coordinator opens an existing directory as a server does.
    dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'stop-spend-bytes-')), 'pglite');
    await (await openDatabase({ dataDir })).close();
  });
  afterAll(async () => {
    await honest?.close();
    await hostile?.close();
    if (dataDir) rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('fails that call only (response_too_large), the run goes on, and the coordinator stays under 600 MB', async () => {
    const baseline = await coordinator(honest.url, dataDir);
    expect(baseline.status).toBe('completed');
    expect(baseline.errors).toEqual([null, null, null]);
    const report = await coordinator(hostile.url, dataDir);
    expect(report.status).toBe('completed');
    expect(report.errors).toHaveLength(3);
    expect(report.errors.filter((error) => error !== null)).toEqual([expect.stringMatching(/response_too_large/)]);
    expect(report.answered).toEqual([2, 2]);
    expect(report.peakRssBytes).toBeLessThan(600 * MiB);
    // The answer never entered memory: the peak is that of the same run against an honest server, give or take.
    expect(report.peakRssBytes).toBeLessThan(baseline.peakRssBytes + 64 * MiB);
    console.log(
      `coordinator peak RSS: ${Math.round(baseline.peakRssBytes / MiB)} MiB (honest server), ${Math.round(report.peakRssBytes / MiB)} MiB (a ${HUGE_ANSWER_BYTES / 1e6} MB answer)`,
    );
  });
});
