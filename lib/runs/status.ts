/**
 * The one source of run statuses (docs/architecture.md, "Runs"): the database column, the view state, the
 * bundle format, the CLI and the pages all take them from here. No other non-test file spells a status.
 */
export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled', 'budget_reached'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Each status by name, so that code says `RUN_STATUS.running` instead of repeating the string. */
export const RUN_STATUS = {
  queued: 'queued',
  running: 'running',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  budgetReached: 'budget_reached',
} as const satisfies Record<string, RunStatus>;

/** Statuses of a run that has not ended: a worker will (still) run it. */
export const ACTIVE_STATUSES: readonly RunStatus[] = [RUN_STATUS.queued, RUN_STATUS.running];
/** Statuses of a run that has ended (a budget_reached run may be resumed by hand with a higher cap). */
export const TERMINAL_STATUSES: readonly RunStatus[] = [RUN_STATUS.completed, RUN_STATUS.failed, RUN_STATUS.cancelled, RUN_STATUS.budgetReached];

export const isRunStatus = (status: string): status is RunStatus => (RUN_STATUSES as readonly string[]).includes(status);
export const isActive = (status: string): boolean => (ACTIVE_STATUSES as readonly string[]).includes(status);
export const isTerminal = (status: string): boolean => (TERMINAL_STATUSES as readonly string[]).includes(status);
