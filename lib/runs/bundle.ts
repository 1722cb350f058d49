import 'server-only';

/** A run and everything recorded about it, as one JSON document (export / import). */
export interface RunBundle {
  format: 'stop-studio-run';
  version: 1;
  run: Record<string, unknown>;
  improvers: Record<string, unknown>[];
  candidates: Record<string, unknown>[];
  evaluations: Record<string, unknown>[];
  lmCalls: Record<string, unknown>[];
  events: Record<string, unknown>[];
  steps: Record<string, unknown>[];
}

export async function exportRunBundle(_runId: string): Promise<RunBundle> {
  throw new Error('exportRunBundle: not landed yet');
}

/** Imports a bundle as a new run (fresh id) and returns that id; invalid bundles are refused with a reason. */
export async function importRunBundle(_bundle: unknown): Promise<{ runId: string }> {
  throw new Error('importRunBundle: not landed yet');
}
