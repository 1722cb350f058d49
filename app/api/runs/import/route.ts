import { jsonError } from '@/app/_lib/access';
import { isJsonContentType } from '@/lib/auth/csrf';
import { requestRefusal } from '@/lib/auth/request-guard';
import { adminRefusal } from '@/lib/auth/session';
import { Gate } from '@/lib/http/gate';
import { BodyTooLargeError, readBodyChunks } from '@/lib/http/read-body';
import { BundleError, importRunBundleStream } from '@/lib/runs/bundle';

export const dynamic = 'force-dynamic';

const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;
/** Imports read at once (each holds at most one row in memory); a few more wait their turn, others get 503. */
const IMPORTS_AT_ONCE = 2;
const IMPORTS_WAITING = 8;
const RETRY_AFTER_S = 30;

type GlobalWithGate = typeof globalThis & { __stopImportGate?: Gate };
const gate = ((globalThis as GlobalWithGate).__stopImportGate ??= new Gate(IMPORTS_AT_ONCE, IMPORTS_WAITING));

/**
 * Imports a run bundle (the JSON document the export route produces) as a new run. The only route that
 * takes a large body: the caller is checked (known host, same origin, admin, JSON) before a byte is
 * read, and the body is parsed as a stream with a hard cap. proxy.ts skips this path (it would buffer
 * the body), so its checks are made here.
 */
export async function POST(request: Request): Promise<Response> {
  const guard = requestRefusal(request);
  if (guard) return jsonError(guard.status, guard.error);
  const refusal = await adminRefusal(request, 'Sign in (or send the admin token as a bearer token) to import runs.');
  if (refusal) return refusal;
  if (!isJsonContentType(request.headers.get('content-type'))) return jsonError(415, 'Send the run bundle as JSON (Content-Type: application/json).');
  const release = await gate.enter();
  if (!release) {
    return jsonError(503, `The server is importing other bundles; try again in ${RETRY_AFTER_S} s.`, { 'retry-after': String(RETRY_AFTER_S) });
  }
  try {
    const { runId } = await importRunBundleStream(readBodyChunks(request, MAX_BUNDLE_BYTES));
    return Response.json({ ok: true, runId }, { status: 201 });
  } catch (error) {
    if (error instanceof BodyTooLargeError) return jsonError(413, 'That bundle is larger than 200 MB.');
    if (error instanceof BundleError) return jsonError(400, `The bundle could not be imported: ${error.message.slice(0, 500)}`);
    // Anything else (the database) stays in the server log.
    console.error('[api] importing a bundle failed:', error);
    return jsonError(500, 'The bundle could not be imported (the server log has the details).');
  } finally {
    release();
  }
}
