/**
 * Keys of a run's persisted steps that other parts read back: one downstream copy (an improver run on
 * one copy of a task) and one self-improvement step of Algorithm 1.
 */
export interface DownstreamStep {
  repeat: number;
  improverHash: string;
  taskId: string;
  copy: number;
  /**
   * Set on a fresh copy: run at iteration `fresh` only to measure the adopted improver's test
   * meta-utility, independently of the copies that selected it.
   */
  fresh?: number;
}

export function downstreamStepKey(step: DownstreamStep): string {
  const base = `r${step.repeat}/inv/${step.improverHash}/${step.taskId}/c${step.copy}`;
  return step.fresh === undefined ? base : `${base}/fresh-t${step.fresh}`;
}

const DOWNSTREAM = /^r(\d+)\/inv\/([^/]+)\/([^/]+)\/c(\d+)(?:\/fresh-t(\d+))?$/;

export function parseDownstreamStep(stepKey: string): DownstreamStep | null {
  const match = DOWNSTREAM.exec(stepKey);
  if (!match) return null;
  const step: DownstreamStep = { repeat: Number(match[1]), improverHash: match[2]!, taskId: match[3]!, copy: Number(match[4]) };
  return match[5] === undefined ? step : { ...step, fresh: Number(match[5]) };
}

export function selfImprovementStepKey(repeat: number, iteration: number): string {
  return `r${repeat}/t${iteration}/improve`;
}

const SELF_IMPROVEMENT = /^r(\d+)\/t(\d+)\/improve$/;

export function parseSelfImprovementStep(stepKey: string): { repeat: number; iteration: number } | null {
  const match = SELF_IMPROVEMENT.exec(stepKey);
  return match ? { repeat: Number(match[1]), iteration: Number(match[2]) } : null;
}
