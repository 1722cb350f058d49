import { z } from 'zod';
import { jsonError, readableRun } from '@/app/_lib/access';
import { runForFigure } from '@/app/_lib/figure-data';
import { FIGURE_FORMATS, FIGURE_KINDS, runFigureFile } from '@/lib/figures/run-exports';

export const dynamic = 'force-dynamic';

const query = z.object({ kind: z.enum(FIGURE_KINDS).default('figure4'), format: z.enum(FIGURE_FORMATS).default('svg') });

/**
 * A run's figure or table as a file (?kind=figure4|table&format=svg|csv|latex). Admins and holders of a
 * share link of the run (?share=TOKEN) may download it; the numbers are what the shared page shows.
 */
export async function GET(request: Request, context: { params: Promise<{ runId: string }> }): Promise<Response> {
  const { runId } = await context.params;
  const params = new URL(request.url).searchParams;
  const parsed = query.safeParse({ kind: params.get('kind') ?? undefined, format: params.get('format') ?? undefined });
  if (!parsed.success) return jsonError(400, `kind is one of ${FIGURE_KINDS.join(', ')}; format one of ${FIGURE_FORMATS.join(', ')}.`);
  const readable = await readableRun(request, runId);
  if ('refusal' in readable) return readable.refusal;
  const file = runFigureFile(await runForFigure(readable.run), parsed.data.kind, parsed.data.format);
  if (!file.ok) return jsonError(409, file.message);
  return new Response(file.body, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // An SVG opened from this address must not run anything.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}
