/**
 * Admin session tokens. The cookie holds HMAC-SHA256(admin token, label), never the token itself:
 * a leaked cookie does not reveal the token, and changing STOP_ADMIN_TOKEN signs everyone out.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'stop_admin';
const SESSION_LABEL = 'stop-studio admin session v1';

export function sessionValue(adminToken: string): string {
  return createHmac('sha256', adminToken).update(SESSION_LABEL).digest('base64url');
}

/** Constant-time string comparison (different lengths are simply unequal). */
export function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isValidSession(adminToken: string, cookie: string | undefined | null): boolean {
  return typeof cookie === 'string' && cookie.length > 0 && safeEqual(cookie, sessionValue(adminToken));
}

export function isValidAdminToken(adminToken: string, given: string | undefined | null): boolean {
  return typeof given === 'string' && given.length > 0 && safeEqual(given, adminToken);
}

/** A share-link token: 32 random bytes, URL-safe (256 bits: not guessable). */
export function newShareToken(): string {
  return randomBytes(32).toString('base64url');
}

export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Reads a bearer token from an Authorization header value. */
export function bearerToken(header: string | null | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(.+?)\s*$/i);
  return match?.[1];
}

/** Reads one cookie from a Cookie header value. */
export function cookieFromHeader(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/** Whether a request may mutate: no admin token configured (open mode), a valid session cookie, or the bearer token. */
export function requestIsAdmin(
  adminToken: string | undefined,
  headers: { cookie: string | null | undefined; authorization: string | null | undefined },
): boolean {
  if (!adminToken) return true;
  return (
    isValidSession(adminToken, cookieFromHeader(headers.cookie, SESSION_COOKIE)) ||
    isValidAdminToken(adminToken, bearerToken(headers.authorization))
  );
}

/** Only same-site relative paths are followed after sign-in. */
export function safeNextPath(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
