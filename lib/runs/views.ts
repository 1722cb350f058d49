import type { AuthMode } from '@/lib/auth/session';
import type { TraceData } from '@/lib/charts/trace';
import type { HealthReport } from '@/lib/health';
import type { LmEndpoint } from '@/lib/lm/endpoint-list';
import type { WorkerView } from '@/lib/queue/workers-view';
import type { RunStatus } from './status';

/**
 * What components are given about runs and improvers (docs/architecture.md, "Layers"): plain view types,
 * never database rows. A row of db/schema fits these shapes, so pages pass rows or picks of them.
 */

/** A run's header facts: what it is, where it came from, how it ran. */
export interface RunView {
  id: string;
  kind: string;
  title: string;
  status: RunStatus;
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

/** A row of the runs list: the run, its task and its Figure-4 test curve in brief. */
export interface RunSummary {
  run: RunView;
  taskId: string;
  perIteration: (number | null)[];
  final: { mean: number; se: number; iteration: number; delta: number | null } | null;
}

/** A program a utility call of a traced invocation evaluated. */
export interface TraceProgram {
  index: number;
  programHash: string;
  code: string | null;
  /** Where the program came from, in words. */
  source: string;
}

/** One improver invocation's timeline, with what it returned and the program of the chosen call. */
export interface TraceView {
  stepKey: string;
  label: string;
  kind: 'self-improvement' | 'downstream' | 'other';
  trace: TraceData;
  returned: string | null;
  selected: TraceProgram | null;
}

/** The trace page: the run's traceable invocations and the one shown. */
export interface TracePageView {
  steps: { stepKey: string; label: string; kind: string }[];
  step: string | null;
  prefix: string | null;
  view: TraceView | null;
}

/** What the Settings page shows: health of each part, access mode, evaluation workers, model servers. */
export interface SettingsView {
  health: HealthReport;
  mode: AuthMode;
  workers: WorkerView[];
  endpoints: LmEndpoint[];
  /** Whether generated code runs at the limits-only level anyway (the operator's explicit opt-in). */
  allowUnisolated: boolean;
}
