import 'server-only';
import type { StopRunConfig } from './config';

/**
 * The run service: what server actions, API routes and the CLI call to start and control runs.
 * (Being implemented by the engine work; signatures are the contract.)
 */
export interface LaunchResult {
  runId: string;
}

export async function launchStopRun(_config: StopRunConfig): Promise<LaunchResult> {
  throw new Error('launchStopRun: the STOP engine has not landed yet');
}

export async function cancelRun(_runId: string): Promise<void> {
  throw new Error('cancelRun: the STOP engine has not landed yet');
}

/** A new run that starts from `iteration` of the source run (its improvers and LM record up to there). */
export async function forkRun(_runId: string, _iteration: number): Promise<LaunchResult> {
  throw new Error('forkRun: the STOP engine has not landed yet');
}
