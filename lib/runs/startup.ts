import 'server-only';
import { announceServerUrl, getDatabase } from '@/db/client';
import { serverBaseUrl } from '@/lib/env';
import { sweepStaleScratch } from '@/lib/sandbox/launcher';
import { resumeUnfinishedRuns } from './runner';

/**
 * Server start: sweep scratch directories of killed servers, open (and migrate) the database, mirror the
 * built-in tasks, start the evaluation queue (PostgreSQL only), and resume every run a previous server
 * left unfinished, from its last completed step.
 */
export async function startServerServices(): Promise<void> {
  // Scratch directories of a server that was killed (kill -9 skips every clean-up).
  const swept = await sweepStaleScratch();
  if (swept.length > 0) console.log(`[sandbox] removed ${swept.length} scratch director(ies) of stopped servers`);
  announceServerUrl(serverBaseUrl());
  const handle = await getDatabase();
  const { mirrorBuiltinTasks } = await import('@/db/queries/tasks');
  await mirrorBuiltinTasks(handle.db);
  // With PostgreSQL the server's local slots take evaluation jobs from the start, whoever enqueued them.
  const { queueFor } = await import('@/lib/queue');
  await queueFor(handle.db);
  const { resumed, quarantined } = await resumeUnfinishedRuns(handle.db);
  if (resumed.length > 0) console.log(`[runs] resuming ${resumed.length} unfinished run(s): ${resumed.join(', ')}`);
  if (quarantined.length > 0) {
    console.warn(`[runs] not resuming ${quarantined.length} run(s) that crashed the server during a resume: ${quarantined.join(', ')}`);
  }
}
