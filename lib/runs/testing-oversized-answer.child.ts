/**
 * A coordinator in its own process (spawned by spend-bytes.test.ts), so that its peak memory can be
 * measured alone: one improve run against the model server at argv[2], on the (already created) PGlite
 * data directory at argv[3].
 * Prints one JSON line: the run's status, its calls' errors, and the process's peak RSS.
 */
import { openDatabase } from '@/db/client';
import { listLmCalls } from '@/db/queries/lm-calls';
import { findRun } from '@/db/queries/runs';
import { launchRun } from './service';

/** Three calls; each failure is caught, so one failed call leaves the others to be answered. */
const PERSISTENT_IMPROVER = `
def improve_algorithm(initial_solution, utility, language_model):
    expertise = "You are an expert programmer who improves algorithms."
    for attempt in range(3):
        try:
            language_model.prompt(expertise, "Improve this solution (attempt %d):\\n%s" % (attempt, initial_solution), n_responses=2, temperature=0.7)
        except Exception:
            pass
    return initial_solution
`;

async function main(): Promise<void> {
  const handle = await openDatabase({ dataDir: process.argv[3]! });
  const { runId, finished } = await launchRun(
    {
      kind: 'improve',
      improver: PERSISTENT_IMPROVER,
      taskId: 'parity',
      budgets: { lmCalls: 3, maxResponsesPerCall: 2, utilityCalls: 2, metaUtilityCalls: 2 },
      model: { provider: 'openai', model: 'scripted', baseUrl: process.argv[2]! },
    },
    handle.db,
  );
  await finished;
  const run = await findRun(runId, handle.db);
  const calls = await listLmCalls(runId, {}, handle.db);
  const report = {
    status: run?.status,
    errors: calls.map((call) => call.error),
    answered: calls.filter((call) => call.error === null).map((call) => call.responses.length),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  await handle.close();
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
