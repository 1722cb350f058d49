import 'server-only';
import { findActiveShareLink } from '@/db/queries/share-links';
import { requestHasAdmin } from '@/lib/auth/session';
import { SHARE_TOKEN_PATTERN } from '@/lib/auth/token';

/** Read access to one run: an admin (or an open server), or a live share link for exactly that run. */
export async function canReadRun(request: Request, runId: string, shareToken: string | null): Promise<boolean> {
  if (requestHasAdmin(request)) return true;
  return shareToken !== null && (await shareLinkRun(shareToken)) === runId;
}

/** The run a share token opens, or undefined when the token is malformed, unknown or revoked. */
export async function shareLinkRun(token: string): Promise<string | undefined> {
  if (!SHARE_TOKEN_PATTERN.test(token)) return undefined;
  return (await findActiveShareLink(token))?.runId;
}

export function jsonError(status: number, error: string): Response {
  return Response.json({ ok: false, error }, { status, headers: { 'cache-control': 'no-store' } });
}
