import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { SESSION_COOKIE, requestIsAdmin, sessionValue } from './token';

export type AuthMode = 'open' | 'protected';

export function authMode(): AuthMode {
  return env.STOP_ADMIN_TOKEN ? 'protected' : 'open';
}

/** Whether the current request (page, action or route) carries admin rights. */
export async function isAdmin(): Promise<boolean> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const cookie = cookieStore.get(SESSION_COOKIE)?.value;
  return requestIsAdmin(env.STOP_ADMIN_TOKEN, {
    cookie: cookie ? `${SESSION_COOKIE}=${encodeURIComponent(cookie)}` : null,
    authorization: headerList.get('authorization'),
  });
}

/** For route handlers, which get the request directly. */
export function requestHasAdmin(request: Request): boolean {
  return requestIsAdmin(env.STOP_ADMIN_TOKEN, {
    cookie: request.headers.get('cookie'),
    authorization: request.headers.get('authorization'),
  });
}

export const NOT_SIGNED_IN = 'Sign in with the admin token to do this: this server is protected (STOP_ADMIN_TOKEN is set).';

/** Pages other than shared ones: signed-out visitors of a protected server go to the sign-in page. */
export async function requireReader(next: string): Promise<void> {
  if (!(await isAdmin())) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
}

export async function startSession(): Promise<void> {
  const token = env.STOP_ADMIN_TOKEN;
  if (!token) return;
  (await cookies()).set(SESSION_COOKIE, sessionValue(token), {
    httpOnly: true,
    sameSite: 'lax',
    secure: false,
    path: '/',
    maxAge: 60 * 60 * 24 * 30,
  });
}

export async function endSession(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
