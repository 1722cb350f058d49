import { jsonError } from '@/app/_lib/access';
import { findRun } from '@/db/queries/runs';
import { requestHasAdmin } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

/** A run's status and result (for the command line and scripts). */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  if (!requestHasAdmin(request)) return jsonError(401, 'Send the admin token as a bearer token to read runs.');
  const { id } = await context.params;
  const run = await findRun(id).catch(() => undefined);
  if (!run) return jsonError(404, `There is no run ${id}.`);
  return Response.json({
    ok: true,
    run: { id: run.id, kind: run.kind, status: run.status, result: run.result ?? null, error: run.error ?? null },
  });
}
