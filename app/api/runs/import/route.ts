import { jsonError } from '@/app/_lib/access';
import { isJsonContentType } from '@/lib/auth/csrf';
import { requestRefusal } from '@/lib/auth/request-guard';
import { adminRefusal } from '@/lib/auth/session';
import { BodyTooLargeError, readBodyText } from '@/lib/http/read-body';
import { importRunBundle } from '@/lib/runs/bundle';
import { findUnsafeText } from '@/lib/runs/unsafe-text';

export const dynamic = 'force-dynamic';

const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;

/**
 * Imports a run bundle (the JSON document the export route produces) as a new run. The only route that
 * takes a large body: the caller is checked (same origin, admin, JSON) before a byte is read, and the
 * body is read as a stream with a hard cap. proxy.ts skips this path (it would buffer the body), so the
 * cross-site check is made here.
 */
export async function POST(request: Request): Promise<Response> {
  const guard = requestRefusal(request);
  if (guard) return jsonError(guard.status, guard.error);
  const refusal = await adminRefusal(request, 'Sign in (or send the admin token as a bearer token) to import runs.');
  if (refusal) return refusal;
  if (!isJsonContentType(request.headers.get('content-type'))) return jsonError(415, 'Send the run bundle as JSON (Content-Type: application/json).');
  let bundle: unknown;
  try {
    bundle = JSON.parse(await readBodyText(request, MAX_BUNDLE_BYTES));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return jsonError(413, 'That bundle is larger than 200 MB.');
    return jsonError(400, 'That file is not a JSON run bundle.');
  }
  const unsafe = findUnsafeText(bundle, { maxDepth: 64, maxNodes: Number.POSITIVE_INFINITY });
  if (unsafe) return jsonError(400, `The bundle cannot be stored: ${unsafe} contains a NUL character or an unpaired surrogate.`);
  try {
    const { runId } = await importRunBundle(bundle);
    return Response.json({ ok: true, runId }, { status: 201 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Validation errors name the field; anything else (the database) stays in the server log.
    if (message.startsWith('invalid run bundle')) return jsonError(400, `The bundle could not be imported: ${message.slice(0, 500)}`);
    console.error('[api] importing a bundle failed:', error);
    return jsonError(500, 'The bundle could not be imported (the server log has the details).');
  }
}
