import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { findWorker } from '@/db/queries/workers';
import { startWorker, type TestWorker } from '@/lib/queue/spawn';
import { openTestDatabase, testBackends } from '@/testing/databases';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`worker process ${pid} is still running`);
    await sleep(50);
  }
}

describe.runIf(testBackends().includes('postgresql'))('the `stop worker` process', () => {
  let handle: DatabaseHandle & { url?: string };
  const started: TestWorker[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase('postgresql');
  });

  afterAll(async () => {
    await Promise.all(started.map((worker) => worker.kill()));
    await handle.close();
  });

  async function workerPid(): Promise<{ worker: TestWorker; pid: number }> {
    const worker = await startWorker(handle.url!, 1);
    started.push(worker);
    const row = await findWorker(worker.id, handle.db);
    expect(row).toBeDefined();
    return { worker, pid: row!.pid };
  }

  it('kill -9 of the process started as `node bin/stop.mjs worker` leaves no worker taking jobs', async () => {
    const { worker, pid } = await workerPid();
    expect(alive(pid)).toBe(true);
    // Only the process that was started, not its process group: what `kill -9 <pid>` does.
    process.kill(worker.child.pid!, 'SIGKILL');
    await worker.exited;
    await waitUntilGone(pid);
  });

  it('SIGTERM to it stops the worker cleanly', async () => {
    const { worker, pid } = await workerPid();
    expect(await worker.stop()).toBe(0);
    await waitUntilGone(pid);
    expect((await findWorker(worker.id, handle.db))?.stoppedAt).toBeTruthy();
  });
});
