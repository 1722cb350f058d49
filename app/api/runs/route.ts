import { jsonError } from '@/app/_lib/access';
import { listRuns } from '@/db/queries/runs';
import { requestHasAdmin } from '@/lib/auth/session';
import { runConfigSchema } from '@/lib/runs/config';
import { launchRun } from '@/lib/runs/service';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  if (!requestHasAdmin(request)) return jsonError(401, 'Sign in to list runs.');
  const runs = await listRuns({ limit: 200 });
  return Response.json({ ok: true, runs: runs.map(({ seedImprover: _seed, ...rest }) => rest) });
}

/** Launches a run of any kind from a JSON configuration (the command line goes through this). */
export async function POST(request: Request): Promise<Response> {
  if (!requestHasAdmin(request)) return jsonError(401, 'Sign in (or send the admin token as a bearer token) to launch runs.');
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return jsonError(400, 'The request body must be a JSON run configuration.');
  }
  const parsed = runConfigSchema.safeParse(body);
  if (!parsed.success) {
    return Response.json({ ok: false, error: 'Invalid configuration.', issues: parsed.error.issues }, { status: 400 });
  }
  try {
    const { runId } = await launchRun(parsed.data);
    return Response.json({ ok: true, runId }, { status: 201 });
  } catch (error) {
    return jsonError(500, `The run could not be launched: ${error instanceof Error ? error.message : String(error)}`);
  }
}
