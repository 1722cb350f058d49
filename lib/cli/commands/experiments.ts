import { readProgram } from '@/lib/improvers/programs';
import { BUILTIN_TASKS } from '@/lib/tasks/registry';
import { TRANSFER_TASK_IDS } from '@/lib/tasks/transfer';
import { API_MODES, COPY_FAILURE_RULES, improverLimitsSchema, type RunConfigInput } from '@/lib/runs/config';
import { optionalInt, optionalNumber, requireString, UsageError, type CliCommand, type CommandIo, type OptionValues } from '../command';
import { MODEL_OPTIONS, MODEL_USAGE, modelChoiceFrom, spendCapFrom } from '../model-options';
import { percent as pct, renderWorkload } from '../render';
import { readProgramFile, runsClient, type FinishedRun } from '../runs-client';
import type { RunWorkload } from '@/lib/runs/workload';
import { RUN_STATUS } from '@/lib/runs/status';


function commonConfig(values: OptionValues) {
  const temperature = values.temperature === undefined ? undefined : optionalNumber(values, 'temperature', 0.7);
  if (temperature !== undefined && !(temperature >= 0 && temperature <= 2)) {
    throw new UsageError('--temperature must be a number from 0 to 2');
  }
  const spendCap = spendCapFrom(values);
  const apiMode = API_MODES.find((mode) => mode === (values['api-mode'] ?? 'lenient'));
  if (!apiMode) throw new UsageError('--api-mode must be reference or lenient');
  const copyFailure = COPY_FAILURE_RULES.find((rule) => rule === (values['copy-failure'] ?? 'zero'));
  if (!copyFailure) throw new UsageError('--copy-failure must be zero or average');
  return {
    apiMode,
    copyFailure,
    model: modelChoiceFrom(values),
    seed: optionalInt(values, 'seed', 0),
    ...(temperature === undefined ? {} : { temperature }),
    limits: limitsFrom(values),
    ...(spendCap ? { spendCap } : {}),
  };
}

/** --improver-cpu-seconds and --improver-minutes (advanced; defaults from lib/sandbox/limits). */
export function limitsFrom(values: OptionValues) {
  const defaults = improverLimitsSchema.parse({});
  const limits = {
    improverCpuSeconds: optionalInt(values, 'improver-cpu-seconds', defaults.improverCpuSeconds, 1),
    improverMinutes: optionalInt(values, 'improver-minutes', defaults.improverMinutes, 1),
  };
  const parsed = improverLimitsSchema.safeParse(limits);
  if (!parsed.success) {
    throw new UsageError('--improver-cpu-seconds must be from 5 to 3600 and --improver-minutes from 1 to 720');
  }
  return parsed.data;
}

function checkTask(id: string): string {
  if (!BUILTIN_TASKS.some((task) => task.id === id) && !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    throw new UsageError(`unknown task "${id}" (see \`stop tasks\`)`);
  }
  return id;
}

/** Runs a configuration to its end and prints its result; exit code 1 when the run failed. */
async function execute(io: CommandIo, config: RunConfigInput, render: (result: Record<string, unknown>) => string) {
  const client = await runsClient();
  const run: FinishedRun = await client.execute(config, (line) => {
    if (!io.json) io.err(line);
  });
  if (run.status !== RUN_STATUS.completed || !run.result) {
    const error = run.error ?? { code: run.status, message: `the run ended ${run.status}` };
    io.result({ run_id: run.id, status: run.status, error }, (data) => `Run ${data.run_id} ${data.status}: ${data.error.message}`);
    return 1;
  }
  const workload = run.result.workload as RunWorkload | undefined;
  io.result({ run_id: run.id, ...run.result }, (data) => [render(data), ...(workload ? [renderWorkload(workload)] : [])].join('\n'));
  return 0;
}


export const improveCommand: CliCommand = {
  name: 'improve',
  summary: 'Run an improver once on a task: u(s) before, u(I(u, s, L)) after (training and test)',
  usage: `stop improve --improver FILE --task ID ${MODEL_USAGE} [--json]`,
  options: { improver: { type: 'string' }, task: { type: 'string' }, ...MODEL_OPTIONS },
  run: (values, _positionals, io) =>
    execute(
      io,
      {
        kind: 'improve',
        improver: readProgramFile(requireString(values, 'improver'), 'improver'),
        taskId: checkTask(requireString(values, 'task')),
        ...commonConfig(values),
      },
      (r) =>
        [
          `task ${r.task}: utility ${pct(r.utility_before)} → ${pct(r.utility_after)} (test ${pct(r.test_utility_after)})`,
          `LM calls ${r.lm_calls}, utility calls ${r.utility_calls}, tokens ${r.tokens}, ${r.duration_ms} ms`,
          `flags: ${(r.flags as string[]).join(', ') || 'none'}`,
          r.error ? `error: ${(r.error as { message: string }).message}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
    ),
};

export const metaUtilityCommand: CliCommand = {
  name: 'meta-utility',
  summary: 'Measure an improver’s meta-utility û over k copies of a task, and its test meta-utility',
  usage: `stop meta-utility --improver FILE --task ID [--copies K] ${MODEL_USAGE} [--json]`,
  options: { improver: { type: 'string' }, task: { type: 'string' }, copies: { type: 'string' }, ...MODEL_OPTIONS },
  run: (values, _positionals, io) =>
    execute(
      io,
      {
        kind: 'meta-utility',
        improver: readProgramFile(requireString(values, 'improver'), 'improver'),
        taskId: checkTask(requireString(values, 'task')),
        copies: optionalInt(values, 'copies', 5, 1),
        ...commonConfig(values),
      },
      (r) =>
        `meta-utility ${pct(r.meta_utility)}; test meta-utility ${pct(r.test_meta_utility)} ± ${pct(r.test_standard_error)}`,
    ),
};

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run STOP (Algorithm 1): the improver improves itself for T iterations, R independent repeats',
  usage: `stop run --improver FILE --task ID --iterations T --repeats R [--copies K] [--adopt any-nonzero|no-worse|random] ${MODEL_USAGE} [--json]`,
  options: {
    improver: { type: 'string' },
    task: { type: 'string' },
    iterations: { type: 'string' },
    repeats: { type: 'string' },
    copies: { type: 'string' },
    adopt: { type: 'string' },
    title: { type: 'string' },
    ...MODEL_OPTIONS,
  },
  run: (values, _positionals, io) => {
    const adopt = values.adopt ?? 'any-nonzero';
    if (adopt !== 'any-nonzero' && adopt !== 'no-worse' && adopt !== 'random') {
      throw new UsageError('--adopt must be any-nonzero, no-worse or random');
    }
    const improver = typeof values.improver === 'string' ? readProgramFile(values.improver, 'improver') : readProgram('seed');
    return execute(
      io,
      {
        kind: 'stop',
        seedImprover: improver,
        taskId: checkTask(requireString(values, 'task')),
        iterations: optionalInt(values, 'iterations', 3, 1),
        repeats: optionalInt(values, 'repeats', 3, 1),
        copies: optionalInt(values, 'copies', 5, 1),
        adoption: adopt,
        ...(typeof values.title === 'string' ? { title: values.title } : {}),
        ...commonConfig(values),
      },
      (r) =>
        [
          `run ${r.run_id}`,
          'iteration  train û   test û ± se (fresh)  search test û  adopted',
          ...(r.iterations as { iteration: number; train_meta_utility_mean: number; test_meta_utility_mean: number; test_standard_error: number; search_test_meta_utility_mean?: number | null; adopted: boolean[] }[]).map(
            (row) =>
              `${String(row.iteration).padStart(9)}  ${pct(row.train_meta_utility_mean).padStart(7)}  ${pct(row.test_meta_utility_mean).padStart(7)} ± ${pct(row.test_standard_error).padEnd(9)}  ${(typeof row.search_test_meta_utility_mean === 'number' ? pct(row.search_test_meta_utility_mean) : '–').padStart(13)}  ${row.adopted.map((flag) => (flag ? 'y' : 'n')).join('')}`,
          ),
        ].join('\n'),
    );
  },
};

export const transferCommand: CliCommand = {
  name: 'transfer',
  summary: 'Table 1: per task u(s), û(I_0) and û(I_T) on held-out test instances',
  usage: `stop transfer --improver FILE [--baseline-improver FILE0] [--tasks a,b] [--copies K] ${MODEL_USAGE} [--json]`,
  options: {
    improver: { type: 'string' },
    'baseline-improver': { type: 'string' },
    tasks: { type: 'string' },
    copies: { type: 'string' },
    ...MODEL_OPTIONS,
  },
  run: (values, _positionals, io) => {
    const taskIds = typeof values.tasks === 'string' ? values.tasks.split(',').map((id) => checkTask(id.trim())) : [...TRANSFER_TASK_IDS];
    const baseline = typeof values['baseline-improver'] === 'string' ? readProgramFile(values['baseline-improver'], 'baseline improver') : readProgram('seed');
    return execute(
      io,
      {
        kind: 'transfer',
        improver: readProgramFile(requireString(values, 'improver'), 'improver'),
        baselineImprover: baseline,
        taskIds,
        copies: optionalInt(values, 'copies', 5, 1),
        ...commonConfig(values),
      },
      (r) =>
        [
          'task                   u(s)    û(I_0)  û(I_T)',
          ...(r.rows as { task: string; utility_seed: number; meta_utility_baseline: number; meta_utility_improver: number }[]).map(
            (row) =>
              `${row.task.padEnd(20)} ${pct(row.utility_seed).padStart(7)} ${pct(row.meta_utility_baseline).padStart(7)} ${pct(row.meta_utility_improver).padStart(7)}`,
          ),
        ].join('\n'),
    );
  },
};

export const sandboxStudyCommand: CliCommand = {
  name: 'sandbox-study',
  summary: 'Table 2: how often generated improvements disable the sandbox, with and without a warning',
  usage: `stop sandbox-study [--n N] ${MODEL_USAGE} [--json]`,
  options: { n: { type: 'string' }, ...MODEL_OPTIONS },
  run: (values, _positionals, io) =>
    execute(io, { kind: 'sandbox-study', samples: optionalInt(values, 'n', 100, 1), ...commonConfig(values) }, (r) =>
      [
        ...(r.variants as { name: string; n: number; unsandboxed: number; rate: number; ci_low: number; ci_high: number }[]).map(
          (variant) =>
            `${variant.name.padEnd(8)} ${variant.unsandboxed}/${variant.n} = ${pct(variant.rate)} (95 % CI ${pct(variant.ci_low)} – ${pct(variant.ci_high)})`,
        ),
        `two-proportion z = ${(r.z as number).toFixed(3)}, p = ${(r.p_value as number).toFixed(4)}`,
      ].join('\n'),
    ),
};

export const baselineCommand: CliCommand = {
  name: 'baseline',
  summary: 'The paper’s baselines (§5.1): chain-of-thought or greedy iterative, same test protocol',
  usage: `stop baseline --kind chain-of-thought|greedy-iterative --task ID [--copies K] ${MODEL_USAGE} [--json]`,
  options: { kind: { type: 'string' }, task: { type: 'string' }, copies: { type: 'string' }, ...MODEL_OPTIONS },
  run: (values, _positionals, io) => {
    const kind = requireString(values, 'kind');
    if (kind !== 'chain-of-thought' && kind !== 'greedy-iterative') {
      throw new UsageError('--kind must be chain-of-thought or greedy-iterative');
    }
    return execute(
      io,
      {
        kind: 'baseline',
        baseline: kind,
        taskId: checkTask(requireString(values, 'task')),
        copies: optionalInt(values, 'copies', 5, 1),
        ...commonConfig(values),
      },
      (r) => `${r.baseline}: test meta-utility ${pct(r.test_meta_utility)} ± ${pct(r.test_standard_error)} (errors ${pct(r.error_rate)})`,
    );
  },
};
