import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectPython, probePython } from './interpreter';

const dir = mkdtempSync(path.join(tmpdir(), 'stop-interpreter-'));
/** An interpreter that never answers within any limit (it sleeps an hour), like python3 on a swamped machine. */
const stalled = path.join(dir, 'python3-stalled');
writeFileSync(stalled, '#!/bin/sh\nexec sleep 3600\n');
chmodSync(stalled, 0o755);
const absent = path.join(dir, 'no-such-python3');

describe('python3 detection', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports an interpreter that runs out of time as slow, never as missing', async () => {
    const result = await probePython(stalled, 200);
    expect(result.status).toBe('slow');
    await expect(detectPython([stalled, absent], 200)).rejects.toThrow(/too slow to answer/);
    await expect(detectPython([stalled, absent], 200)).rejects.not.toThrow(/No python3 interpreter was found/);
  });

  it('reports a path that cannot be run as missing', async () => {
    expect((await probePython(absent)).status).toBe('missing');
    await expect(detectPython([absent])).rejects.toThrow(/No python3 interpreter was found/);
  });

  it('finds the real python3 with the default (generous) limit after a missing candidate', async () => {
    const found = await detectPython([absent, '/usr/bin/python3']);
    expect(found.version).toMatch(/^3\./);
  });
});
