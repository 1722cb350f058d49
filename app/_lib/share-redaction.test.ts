import { describe, expect, it } from 'vitest';
import type { Run } from '@/db/schema';
import { shareExportRedaction } from './share-redaction';

const at = new Date('2026-01-01T00:00:00Z');
const run: Run = {
  id: 'run_x',
  kind: 'stop',
  title: 'A run on a lab server',
  status: 'failed',
  config: { kind: 'stop', model: { provider: 'openai', model: 'gpt-4', baseUrl: 'http://10.0.0.7:8000/v1' } },
  seedImprover: '',
  provider: 'openai',
  model: 'gpt-4',
  baseUrl: 'http://10.0.0.7:8000/v1',
  parentRunId: null,
  forkIteration: null,
  sandboxLevel: 'bubblewrap',
  result: null,
  error: { code: 'lm_error', message: 'request to http://10.0.0.7:8000/v1 failed: connection refused' },
  createdAt: at,
  startedAt: at,
  finishedAt: at,
  updatedAt: at,
  resumeAttempts: 0,
  tags: [],
  note: '',
};

describe('share-link exports', () => {
  it('carry no model server address in the run record, its configuration or its error', () => {
    const shared = JSON.stringify(shareExportRedaction.run(run));
    expect(shared).not.toContain('10.0.0.7');
    expect(shareExportRedaction.run(run)).toMatchObject({ baseUrl: null, config: { model: { provider: 'openai', model: 'gpt-4' } }, error: { code: 'lm_error' } });
  });

  it('scrub addresses from recorded events and LM call errors, and leave other records alone', () => {
    const event = { runId: 'run_x', seq: 1, type: 'run.started', payload: { kind: 'stop', config: run.config, sandbox_level: 'bubblewrap', resumed: false } };
    const call = { id: 3, error: 'HTTP 500 from http://10.0.0.7:8000/v1/chat/completions', responses: [] };
    const improver = { id: 1, code: 'print("http://example.org")' };
    expect(JSON.stringify(shareExportRedaction.row('events', event))).not.toContain('10.0.0.7');
    expect(JSON.stringify(shareExportRedaction.row('lmCalls', call))).not.toContain('10.0.0.7');
    expect(shareExportRedaction.row('improvers', improver)).toBe(improver);
  });
});
