import { canReadRun, jsonError } from '@/app/_lib/access';
import { findCandidate } from '@/db/queries/improvers';
import { detectStrategyTags } from '@/lib/strategy-tags';

export const dynamic = 'force-dynamic';

/** One candidate program's code and score, for the lineage view. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  if (!/^\d{1,15}$/.test(id)) return jsonError(404, 'Unknown candidate.');
  const candidate = await findCandidate(Number(id));
  if (!candidate) return jsonError(404, 'Unknown candidate.');
  if (!(await canReadRun(request, candidate.runId, new URL(request.url).searchParams.get('share')))) {
    // The same answer as for an unknown id: a reader learns nothing about candidates they may not read.
    return jsonError(404, 'Unknown candidate.');
  }
  return Response.json({
    ok: true,
    candidate: {
      id: candidate.id,
      runId: candidate.runId,
      repeat: candidate.repeat,
      iteration: candidate.iteration,
      role: candidate.role,
      code: candidate.code,
      utility: candidate.utility,
      error: candidate.error,
      strategyTags: detectStrategyTags(candidate.code),
    },
  });
}
