import 'server-only';
import { cache } from 'react';
import { listImprovers } from '@/db/queries/improvers';
import { findRun } from '@/db/queries/runs';
import type { Run } from '@/db/schema';
import { storedEvents } from '@/lib/runs/events';
import { applyEvents, initialViewState, withImprovers, type RunViewState } from '@/lib/runs/view-state';
import { redactEventForShare, scrubForShare } from './share-redaction';
import { toTypedEvent } from './typed-events';

/** Folded view states by run and audience: a later request folds only the events stored since. */
const FOLDED_RUNS = 32;
const folded = new Map<string, RunViewState>();

async function foldEvents(run: Run, forShare: boolean): Promise<RunViewState> {
  // The run's updatedAt is in the key: a resumed or reconfigured run folds again from its first event.
  const key = `${run.id}\u0000${forShare ? 'share' : 'full'}\u0000${run.updatedAt.getTime()}`;
  let state = folded.get(key) ?? initialViewState(run.status, run.config);
  for await (const page of storedEvents(run.id, state.lastSeq)) {
    const events = page.map(toTypedEvent);
    state = applyEvents(state, forShare ? events.map(redactEventForShare) : events);
  }
  folded.delete(key);
  folded.set(key, state);
  if (folded.size > FOLDED_RUNS) folded.delete(folded.keys().next().value!);
  return state;
}

/** The improvers of a run, read once per request however many loaders ask. */
export const improversOfRun = cache((runId: string) => listImprovers(runId));

/**
 * A run and its view state so far: the stored events folded on the server, completed from the improvers
 * table. `forShare`: what a share-link holder may see (no server addresses, scrubbed error messages).
 */
export async function loadRunView(runId: string, options: { forShare?: boolean } = {}): Promise<{ run: Run; state: RunViewState } | undefined> {
  const run = await findRun(runId);
  if (!run) return undefined;
  let state = await foldEvents(run, options.forShare === true);
  // The runs table is authoritative for the status (e.g. a run cancelled while no writer was alive).
  state = { ...state, status: run.status, sandboxLevel: state.sandboxLevel ?? run.sandboxLevel };
  if (run.error && !state.error) state = { ...state, error: run.error };
  if (options.forShare && state.error) state = { ...state, error: { code: state.error.code, message: scrubForShare(state.error.message) } };
  const shown = options.forShare ? { ...run, baseUrl: null } : run;
  return { run: shown, state: withImprovers(state, await improversOfRun(runId)) };
}
