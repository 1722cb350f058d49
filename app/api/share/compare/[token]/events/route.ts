import { jsonError } from '@/app/_lib/access';
import { openComparisonStream } from '@/app/_lib/comparison-stream';
import { SSE_HEADERS } from '@/lib/runs/sse';

export const dynamic = 'force-dynamic';

/** Server-Sent Events of a shared comparison: tells its page when one of its runs changed; closes on revocation. */
export async function GET(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  const opened = await openComparisonStream(token, { lastEventId: request.headers.get('last-event-id'), signal: request.signal });
  return opened.ok ? new Response(opened.stream, { headers: SSE_HEADERS }) : jsonError(opened.status, opened.error);
}
