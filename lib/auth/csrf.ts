import { clientProtocol } from '@/lib/http/client-address';

/**
 * Cross-site request refusal for state-changing requests. Browsers send `Origin` on every POST and
 * `Sec-Fetch-Site` on every request; a page of another origin (another port of the same host included:
 * SameSite cookies do not separate ports) cannot forge either. Clients that send neither (the command
 * line, curl) are not browsers and carry no ambient cookie, so they pass here and must authenticate
 * with the bearer token.
 */
export interface RequestOriginFacts {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  /** The Host header (X-Forwarded-Host is anyone's to write; behind a proxy, STOP_PUBLIC_ORIGIN decides). */
  host: string | null;
  /** The scheme the client used, `http:` or `https:` (lib/http/client-address). */
  protocol: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why the request must be refused, or null. `publicOrigin` is STOP_PUBLIC_ORIGIN when configured. */
export function crossSiteRefusal(facts: RequestOriginFacts, publicOrigin?: string): string | null {
  if (SAFE_METHODS.has(facts.method.toUpperCase())) return null;
  const site = facts.secFetchSite?.toLowerCase();
  if (site && site !== 'same-origin' && site !== 'none') return `cross-site request refused (Sec-Fetch-Site: ${site})`;
  if (facts.origin === null) return null;
  if (facts.origin === 'null') return 'cross-site request refused (opaque origin)';
  let origin: URL;
  try {
    origin = new URL(facts.origin);
  } catch {
    return 'cross-site request refused (unreadable Origin)';
  }
  if (publicOrigin) return origin.origin === publicOrigin ? null : 'cross-site request refused (Origin is not this app)';
  const host = facts.host?.trim().toLowerCase();
  if (origin.protocol !== facts.protocol) return `cross-site request refused (an ${origin.protocol.slice(0, -1)} Origin on an ${facts.protocol.slice(0, -1)} server)`;
  return host && origin.host.toLowerCase() === host ? null : 'cross-site request refused (Origin is not this app)';
}

export function originFactsOf(request: Request, trustedProxies: readonly string[]): RequestOriginFacts {
  return {
    method: request.method,
    origin: request.headers.get('origin'),
    secFetchSite: request.headers.get('sec-fetch-site'),
    host: request.headers.get('host'),
    protocol: clientProtocol(request.headers, trustedProxies, request.url),
  };
}

/** A JSON body must be declared as JSON (a cross-site form or `text/plain` fetch cannot do that without CORS). */
export function isJsonContentType(value: string | null): boolean {
  return value !== null && /^application\/json\s*(;|$)/i.test(value.trim());
}
