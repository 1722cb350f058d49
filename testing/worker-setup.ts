import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

// Each test file gets its own embedded database directory: PGlite is single-process, and test files
// run in parallel workers. (Runs before any test module reads the configuration.) The whole folder is
// removed when the test run ends (testing/global-setup.ts).
process.env.STOP_DATA_DIR = mkdtempSync(path.join(inject('testDataRoot'), 'data-'));

// Queue workers killed by tests lose their jobs to others after a short lease (lib/queue), not 30 s.
process.env.STOP_WORKER_HEARTBEAT_MS ??= '200';
process.env.STOP_WORKER_LEASE_MS ??= '2000';
