import { describe, expect, it } from 'vitest';
import {
  SESSION_COOKIE,
  SHARE_TOKEN_PATTERN,
  bearerToken,
  cookieFromHeader,
  isValidAdminToken,
  isValidSession,
  newShareToken,
  requestIsAdmin,
  safeNextPath,
  sessionValue,
} from './token';

const TOKEN = 'correct horse battery staple';

describe('session values', () => {
  it('are an HMAC, stable, and never the token itself', () => {
    const value = sessionValue(TOKEN);
    expect(value).toBe(sessionValue(TOKEN));
    expect(value).not.toContain(TOKEN);
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessionValue('another token!')).not.toBe(value);
  });

  it('validate only the matching session', () => {
    expect(isValidSession(TOKEN, sessionValue(TOKEN))).toBe(true);
    expect(isValidSession(TOKEN, sessionValue('other-token'))).toBe(false);
    expect(isValidSession(TOKEN, TOKEN)).toBe(false);
    expect(isValidSession(TOKEN, '')).toBe(false);
    expect(isValidSession(TOKEN, undefined)).toBe(false);
  });

  it('compare admin tokens exactly', () => {
    expect(isValidAdminToken(TOKEN, TOKEN)).toBe(true);
    expect(isValidAdminToken(TOKEN, `${TOKEN} `)).toBe(false);
    expect(isValidAdminToken(TOKEN, null)).toBe(false);
  });
});

describe('request authorisation', () => {
  it('is open without an admin token', () => {
    expect(requestIsAdmin(undefined, { cookie: null, authorization: null })).toBe(true);
  });

  it('accepts the session cookie or the bearer token, nothing else', () => {
    const cookie = `theme=dark; ${SESSION_COOKIE}=${sessionValue(TOKEN)}`;
    expect(requestIsAdmin(TOKEN, { cookie, authorization: null })).toBe(true);
    expect(requestIsAdmin(TOKEN, { cookie: null, authorization: `Bearer ${TOKEN}` })).toBe(true);
    expect(requestIsAdmin(TOKEN, { cookie: `${SESSION_COOKIE}=${TOKEN}`, authorization: null })).toBe(false);
    expect(requestIsAdmin(TOKEN, { cookie: null, authorization: 'Bearer nope' })).toBe(false);
    expect(requestIsAdmin(TOKEN, { cookie: null, authorization: null })).toBe(false);
  });

  it('parses headers', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(cookieFromHeader('a=1; b=x%3Dy', 'b')).toBe('x=y');
    expect(cookieFromHeader('a=1', 'b')).toBeUndefined();
  });
});

describe('share tokens and redirects', () => {
  it('makes unguessable, distinct share tokens', () => {
    const tokens = new Set(Array.from({ length: 100 }, newShareToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(SHARE_TOKEN_PATTERN);
  });

  it('follows only same-site paths after sign-in', () => {
    expect(safeNextPath('/runs/new')).toBe('/runs/new');
    expect(safeNextPath('//evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath(undefined)).toBe('/');
  });
});
