import { env } from '@/lib/env';
import { crossSiteRefusal, originFactsOf } from './csrf';
import { unknownHostRefusal } from './known-hosts';

export interface GuardRefusal {
  status: 403 | 421;
  error: string;
}

/** The checks every request passes before anything else (proxy.ts; the import route, which proxy.ts skips). */
export function requestRefusal(request: Request): GuardRefusal | null {
  const unknownHost = unknownHostRefusal(request.headers.get('host'), env.STOP_PUBLIC_ORIGIN);
  if (unknownHost) return { status: 421, error: `Refused: ${unknownHost}.` };
  const crossSite = crossSiteRefusal(originFactsOf(request, env.STOP_TRUSTED_PROXIES), env.STOP_PUBLIC_ORIGIN);
  if (crossSite) return { status: 403, error: `Refused: ${crossSite}.` };
  return null;
}
