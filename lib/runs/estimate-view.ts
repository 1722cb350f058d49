import { z } from 'zod';
import type { WorkPlan, Rates } from './eta';

/** What the run page needs for its ETA: the estimate recorded at launch and when the run started. */
export interface EtaView {
  plan: WorkPlan;
  rates: Rates;
  estimatedSeconds: number;
  /** ISO time the run started (or was created, while it waits). */
  startedAt: string;
}

const count = z.number().finite().min(0).max(1e12);
const recordedEstimate = z.object({
  seconds: count,
  plan: z.object({ sandboxEvaluations: count, lmCalls: count, lmConcurrency: count }),
  rates: z.object({ evaluationsPerSecond: count, lmLatencySeconds: count }),
});

/** The ETA inputs of a run's stored configuration, or null when it recorded no (valid) estimate. */
export function etaViewOf(config: unknown, startedAt: Date): EtaView | null {
  const parsed = recordedEstimate.safeParse((config as { estimate?: unknown } | null)?.estimate);
  if (!parsed.success) return null;
  return { plan: parsed.data.plan, rates: parsed.data.rates, estimatedSeconds: parsed.data.seconds, startedAt: startedAt.toISOString() };
}
