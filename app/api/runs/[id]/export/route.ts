import { canReadRun, jsonError } from '@/app/_lib/access';
import { findRun } from '@/db/queries/runs';
import { exportRunBundle } from '@/lib/runs/bundle';

export const dynamic = 'force-dynamic';

/** Downloads the run bundle (readers of the run may export it: it holds nothing they cannot see). */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  if (!(await findRun(id).catch(() => undefined))) return jsonError(404, `There is no run ${id}.`);
  if (!(await canReadRun(request, id, new URL(request.url).searchParams.get('share')))) return jsonError(401, 'Sign in to export this run.');
  try {
    const bundle = await exportRunBundle(id);
    return new Response(JSON.stringify(bundle), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="stop-run-${id}.json"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return jsonError(500, `The run could not be exported: ${error instanceof Error ? error.message : String(error)}`);
  }
}
