import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { newId } from '@/db/ids';
import { openTestDatabase, testBackends } from '@/testing/databases';
import { appendEvents, findRun, findRunSeedOrigin, insertRun, listEvents, listRunListings, listRuns, updateRun } from './runs';

describe.each(testBackends())('runs and events on %s', (backend) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(backend);
  });
  afterAll(async () => {
    await handle?.close();
  });

  const newRun = (title: string) => ({
    id: newId('run'),
    kind: 'stop',
    title,
    status: 'queued' as const,
    config: { iterations: 2 },
    provider: 'scripted',
    model: 'scripted',
  });

  it('stores a run and lists the newest first', async () => {
    const first = await insertRun(newRun('first'), handle.db);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await insertRun(newRun('second'), handle.db);
    const listed = await listRuns({}, handle.db);
    expect(listed.map((run) => run.id).slice(0, 2)).toEqual([second.id, first.id]);
    await updateRun(first.id, { status: 'completed', result: { ok: true } }, handle.db);
    const reread = await findRun(first.id, handle.db);
    expect(reread?.status).toBe('completed');
    expect(reread?.result).toEqual({ ok: true });
    expect(reread?.config).toEqual({ iterations: 2 });
  });

  it('lists runs for the table with their task, and marks STOP runs whose seed differs from both stock seeds, naming the one it came from', async () => {
    const ours = 'def improve_algorithm(s, utility, lm):\n    """Ours."""\n    return s\n';
    const paper = 'def improve_algorithm(s, utility, lm):\n    """Improves a solution according to a utility function."""\n    expertise = "paper"\n    return s\n';
    const stockSeeds = { seed: ours, 'paper-seed': paper };
    const same = await insertRun({ ...newRun('stock'), config: { taskId: 'lpn' }, seedImprover: `\n${ours}\n\n` }, handle.db);
    const asInPaper = await insertRun({ ...newRun('paper'), seedImprover: paper }, handle.db);
    const edited = await insertRun({ ...newRun('edited'), seedImprover: `${ours}# tweak\n` }, handle.db);
    const editedPaper = await insertRun({ ...newRun('edited paper'), seedImprover: paper.replace('"paper"', '"creative"') }, handle.db);
    const baseline = await insertRun({ ...newRun('baseline'), kind: 'baseline', seedImprover: '' }, handle.db);
    const listed = await listRunListings({ stockSeeds }, handle.db);
    const byId = new Map(listed.map((row) => [row.id, row]));
    expect(byId.get(same.id)).toMatchObject({ seedEdited: false, seedOrigin: 'seed', taskId: 'lpn', title: 'stock' });
    expect(byId.get(asInPaper.id)).toMatchObject({ seedEdited: false, seedOrigin: 'paper-seed' });
    expect(byId.get(edited.id)).toMatchObject({ seedEdited: true, seedOrigin: 'seed', taskId: null });
    expect(byId.get(editedPaper.id)).toMatchObject({ seedEdited: true, seedOrigin: 'paper-seed' });
    expect(byId.get(baseline.id)).toMatchObject({ seedEdited: false, seedOrigin: null });
    expect(byId.get(same.id)).not.toHaveProperty('seedImprover');
    expect(await findRunSeedOrigin(editedPaper.id, stockSeeds, handle.db)).toEqual({ seedEdited: true, seedOrigin: 'paper-seed' });
    expect(await findRunSeedOrigin('run_missing', stockSeeds, handle.db)).toBeUndefined();
  });

  it('gives concurrent event appends dense, unique sequence numbers', async () => {
    const run = await insertRun(newRun('events'), handle.db);
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        appendEvents(run.id, [{ type: 'tick', payload: { index } }, { type: 'tock', payload: { index } }], handle.db),
      ),
    );
    const all = await listEvents(run.id, {}, handle.db);
    expect(all.map((event) => event.seq)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    const tail = await listEvents(run.id, { afterSeq: 15 }, handle.db);
    expect(tail.map((event) => event.seq)).toEqual([16, 17, 18, 19, 20]);
  });

  it('refuses a duplicate run id', async () => {
    const run = newRun('dup');
    await insertRun(run, handle.db);
    await expect(insertRun(run, handle.db)).rejects.toThrow();
  });
});
