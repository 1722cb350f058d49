import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { createAdminSession, endAdminSession, isLiveAdminSession } from './admin-sessions';
import { clientAddress, clientProtocol } from '@/lib/http/client-address';
import { createCredentialThrottle, tryAgainMessage, type FailureThrottle } from './throttle';
import { SESSION_COOKIE, bearerToken, cookieFromHeader, isValidAdminToken } from './token';

export type AuthMode = 'open' | 'protected';

export function authMode(): AuthMode {
  return env.STOP_ADMIN_TOKEN ? 'protected' : 'open';
}

export type AdminAccess =
  | { ok: true; via: 'open' | 'session' | 'bearer' }
  | { ok: false; status: 401 | 429; retryAfterS?: number };

interface Credentials {
  sessionCookie: string | undefined;
  authorization: string | null;
  /** The client's address (lib/http/client-address): failures are counted per client. */
  client: string;
}

type GlobalWithThrottle = typeof globalThis & { __stopCredentialThrottle?: FailureThrottle };
const holder = globalThis as GlobalWithThrottle;
function throttle(): FailureThrottle {
  holder.__stopCredentialThrottle ??= createCredentialThrottle();
  return holder.__stopCredentialThrottle;
}

/**
 * The one admin check. A live session cookie is enough; otherwise a bearer token is checked, and
 * wrong ones count towards the client's throttle (while throttled, even the right token is refused from
 * that client; other clients' failures never refuse it).
 */
async function checkAdmin(credentials: Credentials): Promise<AdminAccess> {
  const adminToken = env.STOP_ADMIN_TOKEN;
  if (!adminToken) return { ok: true, via: 'open' };
  if (await isLiveAdminSession(credentials.sessionCookie)) return { ok: true, via: 'session' };
  const bearer = credentials.authorization ? bearerToken(credentials.authorization) ?? '' : undefined;
  if (bearer === undefined) return { ok: false, status: 401 };
  const { client } = credentials;
  const verdict = throttle().check(client);
  if (!verdict.allowed) return { ok: false, status: 429, retryAfterS: verdict.retryAfterS };
  if (isValidAdminToken(adminToken, bearer)) {
    throttle().recordSuccess(client);
    return { ok: true, via: 'bearer' };
  }
  throttle().recordFailure(client);
  return { ok: false, status: 401 };
}

async function currentCredentials(): Promise<Credentials> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return {
    sessionCookie: cookieFromHeader(headerList.get('cookie'), SESSION_COOKIE) ?? safeCookie(cookieStore),
    authorization: headerList.get('authorization'),
    client: clientAddress(headerList, env.STOP_TRUSTED_PROXIES),
  };
}

function safeCookie(cookieStore: Awaited<ReturnType<typeof cookies>>): string | undefined {
  try {
    return cookieStore.get(SESSION_COOKIE)?.value;
  } catch {
    return undefined;
  }
}

/** Whether the current request (page or action) carries admin rights. */
export async function isAdmin(): Promise<boolean> {
  return (await checkAdmin(await currentCredentials())).ok;
}

/** For route handlers, which get the request directly. */
export function requestAdminAccess(request: Request): Promise<AdminAccess> {
  return checkAdmin({
    sessionCookie: cookieFromHeader(request.headers.get('cookie'), SESSION_COOKIE),
    authorization: request.headers.get('authorization'),
    client: clientAddress(request.headers, env.STOP_TRUSTED_PROXIES),
  });
}

export async function requestHasAdmin(request: Request): Promise<boolean> {
  return (await requestAdminAccess(request)).ok;
}

/** A refusal for a route handler, or null when the request carries admin rights. */
export async function adminRefusal(request: Request, message: string): Promise<Response | null> {
  const access = await requestAdminAccess(request);
  if (access.ok) return null;
  if (access.status === 429) {
    return Response.json(
      { ok: false, error: tryAgainMessage(access.retryAfterS ?? 1) },
      { status: 429, headers: { 'retry-after': String(access.retryAfterS ?? 1), 'cache-control': 'no-store' } },
    );
  }
  return Response.json({ ok: false, error: message }, { status: 401, headers: { 'cache-control': 'no-store' } });
}

export const NOT_SIGNED_IN = 'Sign in with the admin token to do this: this server is protected (STOP_ADMIN_TOKEN is set).';

/** Pages other than shared ones: signed-out visitors of a protected server go to the sign-in page. */
export async function requireReader(next: string): Promise<void> {
  if (!(await isAdmin())) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
}

export type SignInOutcome = { ok: true } | { ok: false; error: string };

/** Checks a token typed into the sign-in form (throttled per client) and, when right, starts a new session. */
export async function signInWithToken(given: string): Promise<SignInOutcome> {
  const adminToken = env.STOP_ADMIN_TOKEN;
  if (!adminToken) return { ok: false, error: 'This server has no admin token: everything is already open.' };
  const client = clientAddress(await headers(), env.STOP_TRUSTED_PROXIES);
  const verdict = throttle().check(client);
  if (!verdict.allowed) return { ok: false, error: tryAgainMessage(verdict.retryAfterS) };
  if (!isValidAdminToken(adminToken, given)) {
    throttle().recordFailure(client);
    const after = throttle().check(client);
    return { ok: false, error: after.allowed ? 'That token is not the admin token.' : `That token is not the admin token. ${tryAgainMessage(after.retryAfterS)}` };
  }
  throttle().recordSuccess(client);
  await startSession();
  return { ok: true };
}

async function cookieShouldBeSecure(): Promise<boolean> {
  if (env.STOP_COOKIE_SECURE !== 'auto') return env.STOP_COOKIE_SECURE === 'always';
  if (env.STOP_PUBLIC_ORIGIN) return env.STOP_PUBLIC_ORIGIN.startsWith('https:');
  // A client's own X-Forwarded-Proto counts only from a trusted proxy.
  return clientProtocol(await headers(), env.STOP_TRUSTED_PROXIES) === 'https:';
}

/** A fresh session (any session the browser held before is revoked: ids rotate on sign-in). */
async function startSession(): Promise<void> {
  const { sessionCookie } = await currentCredentials();
  await endAdminSession(sessionCookie);
  const ttl = env.STOP_SESSION_TTL_SECONDS;
  const { id } = await createAdminSession(ttl);
  (await cookies()).set(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'strict',
    secure: await cookieShouldBeSecure(),
    path: '/',
    maxAge: ttl,
  });
}

export async function endSession(): Promise<void> {
  const { sessionCookie } = await currentCredentials();
  await endAdminSession(sessionCookie);
  (await cookies()).delete(SESSION_COOKIE);
}
