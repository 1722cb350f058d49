'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';

/** At most one refresh of the server-drawn cards per this many ms while the run goes on. */
const REFRESH_GAP_MS = 5_000;
/** The run's row is marked finished just after its last event: a second refresh picks that up. */
const SETTLE_MS = 2_500;

/**
 * Re-renders the page's server components (lineage, spend, header) as a live run makes progress and once
 * more when it ends, so no card needs a reload. Client state (the streamed view) survives a refresh.
 */
export function useRefreshOnProgress(progressKey: string, ended: boolean): void {
  const router = useRouter();
  const loadedWith = useRef(progressKey);
  const lastRefresh = useRef(0);
  useEffect(() => {
    if (progressKey === loadedWith.current) return;
    const refresh = () => {
      lastRefresh.current = Date.now();
      router.refresh();
    };
    if (ended) {
      refresh();
      const settle = setTimeout(refresh, SETTLE_MS);
      return () => clearTimeout(settle);
    }
    const timer = setTimeout(refresh, Math.max(0, lastRefresh.current + REFRESH_GAP_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [progressKey, ended, router]);
}
