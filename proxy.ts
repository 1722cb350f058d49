import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy } from '@/lib/auth/csp';
import { requestRefusal } from '@/lib/auth/request-guard';
import { env } from '@/lib/env';

/**
 * Runs before every page and API route (not static files): refuses unknown Host names (DNS rebinding)
 * and cross-site state-changing requests (CSRF, server actions included), and sets the per-request CSP nonce that Next.js puts on its scripts.
 * The bundle import route is excluded from the matcher because the proxy would buffer its large body;
 * it makes the same checks itself before reading a byte.
 */
/** Every body but a run bundle's: settings, improvers (≤ 200,000 characters) and tokens. Also in next.config.mjs. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function proxy(request: NextRequest): NextResponse {
  const refusal = requestRefusal(request);
  if (refusal) return NextResponse.json({ ok: false, error: refusal.error }, { status: refusal.status, headers: { 'cache-control': 'no-store' } });
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    return NextResponse.json(
      { ok: false, error: 'The request body is larger than 2 MB (run bundles go to POST /api/runs/import).' },
      { status: 413, headers: { 'cache-control': 'no-store' } },
    );
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = contentSecurityPolicy(nonce, env.NODE_ENV === 'development');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|monaco/|api/runs/import$|favicon\\.ico|icon\\.svg).*)'],
};
