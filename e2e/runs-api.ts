import type { APIRequestContext } from '@playwright/test';
import { authHeader, expect } from './support';

/** How long a test waits for a run to end: generous, so that a loaded machine only makes it slower. */
export const RUN_DONE = 600_000;

/** Launches a run through the API as the admin; its id. */
export async function launchRun(request: APIRequestContext, config: Record<string, unknown>): Promise<string> {
  const response = await request.post('/api/runs', { headers: authHeader, data: config });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { runId: string }).runId;
}

export async function runStatus(request: APIRequestContext, runId: string): Promise<string> {
  const response = await request.get(`/api/runs/${runId}`, { headers: authHeader });
  return ((await response.json()) as { run: { status: string } }).run.status;
}

/** Waits until the run has the given status (by default: completed). */
export async function waitForStatus(request: APIRequestContext, runId: string, status = 'completed'): Promise<void> {
  await expect.poll(() => runStatus(request, runId), { timeout: RUN_DONE, intervals: [1_000] }).toBe(status);
}
