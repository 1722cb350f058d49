import { beforeAll, describe, expect, test, vi } from 'vitest';

// A protected server: reading a run needs the admin token or a share link of that run.
const TOKEN = 'route-test-admin-token-0123456789';
vi.stubEnv('STOP_ADMIN_TOKEN', TOKEN);

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
let candidateRoute: Handler;
let improverRoute: Handler;
let ids: { candidate: number; improver: number };

beforeAll(async () => {
  ({ GET: candidateRoute } = await import('./route'));
  ({ GET: improverRoute } = await import('../../improvers/[id]/route'));
  const { newId } = await import('@/db/ids');
  const { insertRun } = await import('@/db/queries/runs');
  const { insertCandidate, upsertImprover } = await import('@/db/queries/improvers');
  const run = await insertRun({ id: newId('run'), kind: 'improve', title: 'private', status: 'completed', config: {}, provider: 'scripted', model: 'scripted' });
  const code = 'def improve_algorithm(initial_solution, utility, language_model):\n    return initial_solution\n';
  const { candidate } = await insertCandidate({ runId: run.id, stepKey: 'r0/t1/cand/x', role: 'improver', code, codeHash: 'x' });
  const improver = await upsertImprover({ runId: run.id, repeat: 0, iteration: 0, code, codeHash: 'x' });
  ids = { candidate: candidate.id, improver: improver.id };
});

const get = (handler: Handler, id: number | string, headers: Record<string, string> = {}) =>
  handler(new Request(`http://localhost/api/x/${id}`, { headers }), { params: Promise.resolve({ id: String(id) }) });

describe('candidates and improvers of runs a reader may not read look unknown', () => {
  test('without access, an existing candidate and improver answer 404 exactly like unknown ids', async () => {
    for (const [handler, id, unknown] of [
      [candidateRoute, ids.candidate, 'Unknown candidate.'],
      [improverRoute, ids.improver, 'Unknown improver.'],
    ] as const) {
      const existing = await get(handler, id);
      const missing = await get(handler, 999_999_999);
      expect(existing.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(await existing.json()).toEqual({ ok: false, error: unknown });
      expect(await missing.json()).toEqual({ ok: false, error: unknown });
    }
  });

  test('with the admin token, both are read', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const candidate = await get(candidateRoute, ids.candidate, auth);
    const improver = await get(improverRoute, ids.improver, auth);
    expect(candidate.status).toBe(200);
    expect(improver.status).toBe(200);
    expect((await candidate.json()).candidate.id).toBe(ids.candidate);
  });
});
