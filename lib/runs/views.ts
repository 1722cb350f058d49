/**
 * What components are given about runs and improvers (docs/architecture.md, "Layers"): plain view types,
 * never database rows. A row of db/schema fits these shapes, so pages pass rows or picks of them.
 */

/** A run's header facts: what it is, where it came from, how it ran. */
export interface RunView {
  id: string;
  kind: string;
  title: string;
  status: string;
  provider: string;
  model: string;
  sandboxLevel: string | null;
  parentRunId: string | null;
  forkIteration: number | null;
  config: Record<string, unknown>;
  createdAt: Date;
}

/** One improver of a run at (repeat, iteration), with its scores. */
export interface ImproverView {
  id: number;
  runId: string;
  repeat: number;
  iteration: number;
  code: string;
  trainMetaUtility: number | null;
  testMetaUtility: number | null;
  strategyTags: string[];
}
