import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTestPostgres, type TestPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    /** The folder under which each test file gets its embedded database directory (removed at the end). */
    testDataRoot: string;
  }
}

let server: TestPostgres | undefined;
let dataRoot: string | undefined;

/** Starts one throwaway PostgreSQL server for the whole test run (set STOP_TEST_NO_POSTGRES=1 to skip). */
export async function setup(project: TestProject): Promise<void> {
  dataRoot = mkdtempSync(path.join(os.tmpdir(), 'stop-studio-test-'));
  project.provide('testDataRoot', dataRoot);
  if (process.env.STOP_TEST_NO_POSTGRES === '1') {
    project.provide('postgresUrl', '');
    return;
  }
  server = await startTestPostgres();
  project.provide('postgresUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
}
