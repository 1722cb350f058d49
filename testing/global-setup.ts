import type { TestProject } from 'vitest/node';
import { startTestPostgres, type TestPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

let server: TestPostgres | undefined;

/** Starts one throwaway PostgreSQL server for the whole test run (set STOP_TEST_NO_POSTGRES=1 to skip). */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.STOP_TEST_NO_POSTGRES === '1') {
    project.provide('postgresUrl', '');
    return;
  }
  server = await startTestPostgres();
  project.provide('postgresUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
