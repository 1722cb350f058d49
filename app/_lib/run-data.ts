import 'server-only';
import { listImprovers } from '@/db/queries/improvers';
import { findRun } from '@/db/queries/runs';
import type { Run } from '@/db/schema';
import { storedEvents } from '@/lib/runs/events';
import { applyEvents, initialViewState, withImprovers, type RunViewState } from '@/lib/runs/view-state';
import { redactEventForShare, scrubForShare } from './share-redaction';
import { toTypedEvent } from './typed-events';

/**
 * A run and its view state so far: the stored events folded on the server, completed from the improvers
 * table. `forShare`: what a share-link holder may see (no server addresses, scrubbed error messages).
 */
export async function loadRunView(runId: string, options: { forShare?: boolean } = {}): Promise<{ run: Run; state: RunViewState } | undefined> {
  const run = await findRun(runId);
  if (!run) return undefined;
  let state = initialViewState(run.status, run.config);
  for await (const page of storedEvents(runId, state.lastSeq)) {
    const events = page.map(toTypedEvent);
    state = applyEvents(state, options.forShare ? events.map(redactEventForShare) : events);
  }
  // The runs table is authoritative for the status (e.g. a run cancelled while no writer was alive).
  state = { ...state, status: run.status, sandboxLevel: state.sandboxLevel ?? run.sandboxLevel };
  if (run.error && !state.error) state = { ...state, error: run.error };
  if (options.forShare && state.error) state = { ...state, error: { code: state.error.code, message: scrubForShare(state.error.message) } };
  const shown = options.forShare ? { ...run, baseUrl: null } : run;
  return { run: shown, state: withImprovers(state, await listImprovers(runId)) };
}
