'use client';

import { useEffect, useState } from 'react';
import { remainingSeconds } from '@/lib/runs/eta';
import type { EtaView } from '@/lib/runs/estimate-view';

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/**
 * Time left in a running run, from the work it has done so far (evaluations, model calls) against the
 * plan recorded at launch; it ticks down every second between updates of the run's progress.
 */
export function EtaCountdown({ eta, running, evaluationsDone, lmCallsDone }: { eta: EtaView; running: boolean; evaluationsDone: number; lmCallsDone: number }) {
  // The clock starts after hydration: a time read during rendering would differ between server and browser.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!running) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [running]);
  if (!running || now === null) return null;
  const elapsedSeconds = Math.max(0, (now - Date.parse(eta.startedAt)) / 1000);
  const left = remainingSeconds(eta.plan, eta.rates, { elapsedSeconds, evaluationsDone, lmCallsDone });
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="run-eta">
      About <span className="font-medium tabular-nums">{duration(left)}</span> left (estimated {duration(eta.estimatedSeconds)} at launch; {duration(elapsedSeconds)} so far)
    </p>
  );
}
