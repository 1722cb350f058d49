import 'server-only';
import type { StopRunConfig } from '@/lib/runs/config';

export interface PreflightFinding {
  rule: string;
  message: string;
  line: number | null;
  severity: 'error' | 'warning';
}

/** What the new-run page shows before launch. */
export interface PreflightReport {
  ok: boolean;
  syntax: { ok: boolean; message?: string; line?: number; column?: number };
  signature: { ok: boolean; form?: 'utility-language-model' | 'utility-str-utility'; message?: string };
  findings: PreflightFinding[];
  estimate: { lmCalls: number; tokens: number; costUsd: number; sandboxEvaluations: number; minutes: number };
}

export async function preflightImprover(_code: string, _config: StopRunConfig): Promise<PreflightReport> {
  throw new Error('preflightImprover: not landed yet');
}
