'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Changes closer together than this cause one refresh. */
const DEBOUNCE_MS = 1_000;

/**
 * Follows a shared comparison's event stream while one of its runs is unfinished and re-renders the page's
 * server components when a run changes, so curves, statistics and statuses follow the runs without a reload.
 * A revoked link ends the stream; the refresh then shows that the comparison is gone.
 */
export function RefreshWhenRunsChange({ token }: { token: string }) {
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource(`/api/share/compare/${encodeURIComponent(token)}/events`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refreshSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), DEBOUNCE_MS);
    };
    const closeAndRefresh = () => {
      source.close();
      refreshSoon();
    };
    source.addEventListener('message', refreshSoon);
    source.addEventListener('end', closeAndRefresh);
    source.addEventListener('revoked', closeAndRefresh);
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [token, router]);
  return null;
}
