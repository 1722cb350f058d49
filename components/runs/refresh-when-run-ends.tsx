'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Follows a running run's event stream and re-renders the page's server components when it ends, so a
 * result drawn on the server (transfer table, sandbox study) appears without a reload.
 */
export function RefreshWhenRunEnds({ runId }: { runId: string }) {
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events?after=0`);
    source.addEventListener('end', () => {
      source.close();
      router.refresh();
    });
    return () => source.close();
  }, [runId, router]);
  return null;
}
