/** The new-run form's state, the paper presets, and the mapping to a run configuration (validated on the server). */
import type { ScriptedModelName } from '@/lib/scripted-model/profiles';
import { TRANSFER_TASK_IDS } from '@/lib/tasks/transfer';

export type LaunchKind = 'stop' | 'transfer' | 'sandbox-study' | 'baseline';
export type BaselineName = 'chain-of-thought' | 'greedy-iterative';
export type ProviderChoice = 'scripted' | 'openai' | 'replay';

export interface RunForm {
  kind: LaunchKind;
  /** Which §5.1 baseline a baseline run measures. */
  baseline: BaselineName;
  title: string;
  taskId: string;
  taskIds: string[];
  iterations: number;
  repeats: number;
  copies: number;
  samples: number;
  adoption: 'any-nonzero' | 'no-worse' | 'random';
  temperature: number;
  lmCalls: number;
  maxResponsesPerCall: number;
  utilityCalls: number;
  metaUtilityCalls: number;
  provider: ProviderChoice;
  /** Which scripted model answers when the provider is scripted. */
  scriptedModel: ScriptedModelName;
  model: string;
  /** Name of an operator-configured model server; empty: the server's default. */
  endpoint: string;
  replayRunId: string;
  seed: number;
  /** Advanced: limits of each improver process. */
  improverCpuSeconds: number;
  improverMinutes: number;
  /** Spend cap of the run; NaN (an empty field) means no cap. */
  maxCostUsd: number;
  maxTokens: number;
  /** The improver API's strictness: 'reference' raises where the reference asserts. */
  apiMode: 'reference' | 'lenient';
  /** What a downstream copy that raises does to û: 'zero' (the reference) or 'average'. */
  copyFailure: 'zero' | 'average';
  /** Which seed improver the editor starts from (and transfer compares against): the paper's or the project's. */
  seedProgram: SeedProgram;
}

export type SeedProgram = 'paper' | 'project';

/** What a reproducing preset sets: the paper's seed improver and the reference's API. */
const AS_IN_THE_PAPER = { seedProgram: 'paper', apiMode: 'reference', copyFailure: 'zero' } as const;

/** The improver limits the server uses by default, passed in by the page (the form knows no sandbox). */
export interface ImproverLimitDefaults {
  improverCpuSeconds: number;
  improverMinutes: number;
}

/** The form as it opens: the paper's LPN set-up with the server's default improver limits. */
export const defaultForm = (limits: ImproverLimitDefaults): RunForm => ({
  kind: 'stop',
  baseline: 'chain-of-thought',
  title: '',
  taskId: 'lpn',
  taskIds: [...TRANSFER_TASK_IDS],
  iterations: 3,
  repeats: 3,
  copies: 5,
  samples: 100,
  adoption: 'any-nonzero',
  temperature: 0.7,
  lmCalls: 4,
  maxResponsesPerCall: 6,
  utilityCalls: 25,
  metaUtilityCalls: 25,
  provider: 'scripted',
  scriptedModel: 'scripted-strong',
  model: 'scripted',
  endpoint: '',
  replayRunId: '',
  seed: 0,
  improverCpuSeconds: limits.improverCpuSeconds,
  improverMinutes: limits.improverMinutes,
  maxCostUsd: Number.NaN,
  maxTokens: Number.NaN,
  apiMode: 'lenient',
  copyFailure: 'zero',
  seedProgram: 'project',
});

export interface Preset {
  id: string;
  label: string;
  description: string;
  form: Partial<RunForm>;
}

export const PRESETS: Preset[] = [
  {
    id: 'figure4',
    label: 'Figure 4 · parity with noise',
    description: "STOP on learning parity with noise from the paper's seed improver: 5 copies per meta-utility, 5 independent repeats, 3 iterations, reference budgets (4 LM calls × 6 responses, 25 utility calls) and the reference's improver API.",
    form: { kind: 'stop', taskId: 'lpn', iterations: 3, repeats: 5, copies: 5, adoption: 'any-nonzero', temperature: 0.7, lmCalls: 4, maxResponsesPerCall: 6, utilityCalls: 25, metaUtilityCalls: 25, provider: 'scripted', scriptedModel: 'scripted-strong', ...AS_IN_THE_PAPER },
  },
  {
    id: 'table1',
    label: 'Table 1 · transfer',
    description: "Scores the improver in the editor (paste your I_T) against the paper's seed improver on the other five tasks: u(s), û(I₀), û(I_T), with the reference's improver API.",
    form: { kind: 'transfer', taskIds: [...TRANSFER_TASK_IDS], copies: 5, ...AS_IN_THE_PAPER },
  },
  {
    id: 'table2',
    label: 'Table 2 · sandbox study',
    description: 'Generates independent improvements of a seed whose utility takes use_sandbox=True, with and without a warning comment, and counts how many switch the sandbox off.',
    form: { kind: 'sandbox-study', samples: 100, apiMode: 'reference' },
  },
  {
    id: 'quick',
    label: 'Quick demo',
    description: 'A small STOP run for a first look: 2 iterations, 2 repeats, 2 copies, small budgets (2 LM calls × 4 responses, 8 utility and 8 meta-utility calls), the scripted-strong model.',
    form: { kind: 'stop', taskId: 'lpn', iterations: 2, repeats: 2, copies: 2, lmCalls: 2, maxResponsesPerCall: 4, utilityCalls: 8, metaUtilityCalls: 8, provider: 'scripted', scriptedModel: 'scripted-strong' },
  },
];

function modelChoice(form: RunForm): Record<string, unknown> {
  if (form.provider === 'scripted') return { provider: 'scripted', model: form.scriptedModel };
  if (form.provider === 'replay') return { provider: 'replay', replayRunId: form.replayRunId.trim(), model: 'replay' };
  return { provider: 'openai', model: form.model.trim(), ...(form.endpoint ? { endpoint: form.endpoint } : {}) };
}

function common(form: RunForm) {
  return {
    ...(form.title.trim() ? { title: form.title.trim() } : {}),
    temperature: form.temperature,
    budgets: { lmCalls: form.lmCalls, maxResponsesPerCall: form.maxResponsesPerCall, utilityCalls: form.utilityCalls, metaUtilityCalls: form.metaUtilityCalls },
    model: modelChoice(form),
    seed: form.seed,
    apiMode: form.apiMode,
    copyFailure: form.copyFailure,
    limits: { improverCpuSeconds: form.improverCpuSeconds, improverMinutes: form.improverMinutes },
    ...spendCap(form),
  };
}

function spendCap(form: RunForm): { spendCap?: { maxCostUsd?: number; maxTokens?: number } } {
  const cap = {
    ...(Number.isFinite(form.maxCostUsd) ? { maxCostUsd: form.maxCostUsd } : {}),
    ...(Number.isFinite(form.maxTokens) ? { maxTokens: form.maxTokens } : {}),
  };
  return Object.keys(cap).length ? { spendCap: cap } : {};
}

/** The configuration the launch action validates (runConfigSchema). */
export function toRunConfig(form: RunForm, code: string, seedImprover: string): Record<string, unknown> {
  switch (form.kind) {
    case 'stop':
      return { kind: 'stop', taskId: form.taskId, seedImprover: code, iterations: form.iterations, repeats: form.repeats, copies: form.copies, adoption: form.adoption, ...common(form) };
    case 'transfer':
      return { kind: 'transfer', improver: code, baselineImprover: seedImprover, taskIds: form.taskIds, copies: form.copies, ...common(form) };
    case 'sandbox-study':
      return { kind: 'sandbox-study', samples: form.samples, ...common(form) };
    case 'baseline':
      return { kind: 'baseline', baseline: form.baseline, taskId: form.taskId, copies: form.copies, ...common(form) };
  }
}

/** The STOP configuration the preflight check estimates (transfer runs are checked as if on their first task). */
export function toPreflightConfig(form: RunForm, code: string): Record<string, unknown> {
  return { kind: 'stop', taskId: form.kind === 'transfer' ? (form.taskIds[0] ?? form.taskId) : form.taskId, seedImprover: code, iterations: form.iterations, repeats: form.repeats, copies: form.copies, adoption: form.adoption, ...common(form) };
}

/** Server field errors use config paths; the form shows them next to its own fields. */
export function fieldKey(path: string): string {
  const map: Record<string, string> = {
    seedImprover: 'code',
    improver: 'code',
    'model.model': 'model',
    'model.baseUrl': 'endpoint',
    'model.endpoint': 'endpoint',
    'model.replayRunId': 'replayRunId',
  };
  if (map[path]) return map[path];
  if (path.startsWith('budgets.')) return path.slice('budgets.'.length);
  if (path.startsWith('limits.')) return path.slice('limits.'.length);
  if (path.startsWith('spendCap.')) return path.slice('spendCap.'.length);
  if (path.startsWith('taskIds')) return 'taskIds';
  return path;
}
