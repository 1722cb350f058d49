import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { newId } from '@/db/ids';
import { createComparisonShare, revokeComparisonShare } from '@/db/queries/comparison-shares';
import { appendEvents, insertRun, updateRun } from '@/db/queries/runs';
import { openTestDatabase } from '@/testing/databases';
import { NO_SUCH_COMPARISON, openComparisonStream, type ComparisonProgress } from './comparison-stream';

interface Message {
  id?: string;
  event?: string;
  data?: string;
}

/** Parses SSE frames as they arrive; `until` decides when to stop reading (the stream may stay open). */
async function readFrames(stream: ReadableStream<Uint8Array>, until: (messages: Message[]) => boolean = () => false): Promise<{ messages: Message[]; closed: boolean }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const messages: Message[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { messages, closed: true };
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message: Message = {};
      for (const line of frame.split('\n')) {
        const [field, ...rest] = line.split(': ');
        if (field === 'id' || field === 'event' || field === 'data') message[field] = rest.join(': ');
      }
      if (message.id !== undefined || message.event !== undefined || message.data !== undefined) messages.push(message);
    }
    if (until(messages)) {
      await reader.cancel();
      return { messages, closed: false };
    }
  }
}

const progressOf = (message: Message): ComparisonProgress => JSON.parse(message.data!) as ComparisonProgress;

describe('the event stream of a shared comparison (issue 22)', () => {
  let handle: DatabaseHandle;
  const newRun = (status: 'running' | 'completed', title: string) =>
    insertRun({ id: newId('run'), kind: 'improve', title, status, config: {}, provider: 'scripted', model: 'scripted' }, handle.db);
  const open = (token: string, lastEventId: string | null = null, signal = new AbortController().signal) =>
    openComparisonStream(token, { lastEventId, signal, db: handle.db });

  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('refuses a malformed token, an unknown or revoked link and a bad Last-Event-ID before opening a stream', async () => {
    const run = await newRun('completed', 'refusals');
    const share = await createComparisonShare({ runs: [run.id], layout: 'one' }, handle.db);
    expect(await open('not a token')).toEqual({ ok: false, status: 404, error: NO_SUCH_COMPARISON });
    expect(await open('A'.repeat(43))).toEqual({ ok: false, status: 404, error: NO_SUCH_COMPARISON });
    expect(await open(share.token, 'x1')).toMatchObject({ ok: false, status: 400 });
    await revokeComparisonShare(share.token, handle.db);
    expect(await open(share.token)).toEqual({ ok: false, status: 404, error: NO_SUCH_COMPARISON });
  });

  it('ends at once when every run has ended, after catching up a reconnect that is behind', async () => {
    const run = await newRun('completed', 'ended');
    await appendEvents(run.id, [{ type: 'run.completed', payload: {} }], handle.db);
    const share = await createComparisonShare({ runs: [run.id], layout: 'one' }, handle.db);
    const fresh = await open(share.token);
    if (!fresh.ok) throw new Error(fresh.error);
    expect((await readFrames(fresh.stream)).messages).toEqual([{ event: 'end', data: '{}' }]);

    const behind = await open(share.token, '0');
    if (!behind.ok) throw new Error(behind.error);
    const { messages, closed } = await readFrames(behind.stream);
    expect(closed).toBe(true);
    expect(messages.map((message) => message.event ?? 'change')).toEqual(['change', 'end']);
    expect(messages[0]!.id).toBe('1');
    expect(progressOf(messages[0]!)).toEqual({ runs: [{ id: run.id, status: 'completed', lastSeq: 1 }] });
  });

  it('tells of new events and of a run ending (each message with an id), then ends', async () => {
    const running = await newRun('running', 'live');
    const done = await newRun('completed', 'done');
    const share = await createComparisonShare({ runs: [running.id, done.id], layout: 'one' }, handle.db);
    const opened = await open(share.token);
    if (!opened.ok) throw new Error(opened.error);
    const reading = readFrames(opened.stream);
    await appendEvents(running.id, [{ type: 'run.started', payload: {} }, { type: 'iteration.started', payload: {} }], handle.db);
    await updateRun(running.id, { status: 'completed' }, handle.db);
    const { messages, closed } = await reading;
    expect(closed).toBe(true);
    expect(messages.at(-1)).toEqual({ event: 'end', data: '{}' });
    const changes = messages.filter((message) => message.event === undefined);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(change.id).toMatch(/^\d+$/);
    const last = progressOf(changes.at(-1)!);
    expect(last.runs.find((run) => run.id === running.id)).toEqual({ id: running.id, status: 'completed', lastSeq: 2 });
    expect(changes.at(-1)!.id).toBe('2');
  });

  it('closes an open stream with `revoked` once the link is revoked, while its run still runs', async () => {
    const running = await newRun('running', 'revoked while running');
    const share = await createComparisonShare({ runs: [running.id], layout: 'one' }, handle.db);
    const opened = await open(share.token);
    if (!opened.ok) throw new Error(opened.error);
    const reading = readFrames(opened.stream);
    await revokeComparisonShare(share.token, handle.db);
    const { messages, closed } = await reading;
    expect(closed).toBe(true);
    expect(messages).toEqual([{ event: 'revoked', data: '{}' }]);
  });

  it('closes when the reader goes away', async () => {
    const running = await newRun('running', 'reader leaves');
    const share = await createComparisonShare({ runs: [running.id], layout: 'one' }, handle.db);
    const leave = new AbortController();
    const opened = await open(share.token, null, leave.signal);
    if (!opened.ok) throw new Error(opened.error);
    const reading = readFrames(opened.stream);
    leave.abort();
    expect(await reading).toEqual({ messages: [], closed: true });
  });
});
