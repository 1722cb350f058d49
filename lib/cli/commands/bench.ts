import os from 'node:os';
import { runBench, runRealisticBench, type BenchReport, type RealisticPhase } from '@/lib/bench';
import { measurePages, type PagesReport } from '@/lib/bench/pages';
import { benchQueue, type QueueBenchReport } from '@/lib/bench/queue';
import { env } from '@/lib/env';
import { optionalInt, optionalNumber, UsageError, type CliCommand, type OptionValues } from '../command';
import { percent } from '../render';

const ms = (value: number | undefined) => (value === undefined ? 'n/a' : `${value} ms`);
const times = (value: number | null) => (value === null ? 'n/a' : `${value}×`);

function renderRealistic(phase: RealisticPhase): string {
  if ('status' in phase) return `realistic STOP run skipped: ${phase.reason}`;
  const { settings, workload } = phase;
  return [
    `realistic STOP T=${settings.iterations} R=${settings.repeats} k=${settings.copies} (scripted-strong, latency × ${settings.latency.timeScale}): wall ${ms(phase.wall_ms)}, bound ${ms(phase.bound_ms)} = max(critical path ${ms(phase.critical_path_bound_ms)}, programs' CPU / cores ${ms(phase.capacity_floor_ms)}) (wall/bound ${times(phase.wall_over_bound)}), sequential estimate ${ms(phase.sequential_estimate_ms)} (${times(phase.sequential_over_wall)} the wall time)`,
    `  ${workload.distinct_model_programs} distinct of ${workload.model_programs} programs written; ${workload.solution_utility_calls} solution utility calls, cache hit rate ${percent(phase.cache_hit_rate)}; ${workload.sandbox_evaluations} sandbox evaluations`,
    `  test meta-utility per iteration: ${phase.test_meta_utility.map((row) => percent(row.mean)).join(' → ')}`,
  ].join('\n');
}

function timeScaleFrom(values: OptionValues): number | undefined {
  if (values['time-scale'] === undefined) return undefined;
  const scale = optionalNumber(values, 'time-scale', 0.05);
  if (!(scale > 0 && scale <= 1)) throw new UsageError(`--time-scale must be above 0 and at most 1 (got ${scale})`);
  return scale;
}

function render(report: BenchReport): string {
  const { sandbox_overhead: sandbox, lpn_throughput: throughput, meta_utility: meta, stop_run: stop, server } = report;
  return [
    `machine: ${report.machine.cores} cores, ${report.machine.isolation}, load ${report.machine.load_average.join(' ')}`,
    `no-op evaluation: p50 ${ms(sandbox.warm.p50_ms)}, p95 ${ms(sandbox.warm.p95_ms)} (cold p50 ${ms(sandbox.cold.p50_ms)}; target p50 ≤ 40 ms: ${sandbox.meets_target ? 'met' : 'not met'})`,
    `LPN seed: ${throughput.one_worker.evaluations_per_second}/s with 1 worker, ${throughput.all_cores.evaluations_per_second}/s with ${throughput.all_cores.workers}`,
    `meta-utility (k=${report.settings.meta_utility_copies}, L=${report.settings.latency_ms} ms): fast ${ms(meta.fast.wall_ms)}, sequential ${ms(meta.sequential.wall_ms)} (${times(meta.speedup_vs_sequential)}), bound ${ms(meta.critical_path_bound_ms)} (fast/bound ${times(meta.fast_over_bound)})`,
    `STOP T=${report.settings.stop.iterations} R=${report.settings.stop.repeats}: fast ${ms(stop.fast.wall_ms)}, sequential ${ms(stop.sequential.wall_ms)} (${times(stop.speedup_vs_sequential)}), bound ${ms(stop.critical_path_bound_ms)} (fast/bound ${times(stop.fast_over_bound)})`,
    `LM latency recorded by the gateway: p50 ${ms(report.lm_latency.recorded.p50_ms)}, p95 ${ms(report.lm_latency.recorded.p95_ms)} over ${report.lm_latency.recorded.n} calls, injected ${ms(report.lm_latency.injected_ms)} (target ≤ ${ms(report.lm_latency.target_ms)}: ${report.lm_latency.within_target ? 'met' : 'not met'}); event-loop delay p99 ${ms(report.lm_latency.event_loop_delay.p99_ms)}, max ${ms(report.lm_latency.event_loop_delay.max_ms)}`,
    server.status === 'measured'
      ? `SSE delivery: p50 ${ms(server.delivery?.p50_ms)}, p95 ${ms(server.delivery?.p95_ms)} over ${server.delivery?.n} events; server peak RSS ${server.server_peak_rss_mb} MB`
      : `server phase skipped: ${server.reason}`,
    renderRealistic(report.realistic_run),
    `engine process peak RSS ${report.engine_process_peak_rss_mb} MB; ${report.duration_s} s in all`,
  ].join('\n');
}

function renderPages(report: PagesReport): string {
  if (report.status !== 'measured') return `page benchmark skipped: ${report.reason}`;
  const line = (name: string, timing: PagesReport['run_page_chart']) =>
    timing ? `${name.padEnd(30)} p50 ${ms(timing.p50_ms)}, p95 ${ms(timing.p95_ms)} (target ${ms(timing.target_ms)}: ${timing.meets_target ? 'met' : 'not met'}), ${timing.ratio ?? '—'}× the reference` : `${name}: n/a`;
  return [
    `page speed in Chromium, ${report.samples} samples each (machine load ${os.loadavg().map((v) => v.toFixed(2)).join(' ')})`,
    line('run page: Figure 4 chart', report.run_page_chart),
    line('run page: lineage', report.run_page_lineage),
    line(`runs list (${report.runs_listed} rows)`, report.runs_list_200),
    `reference (health check)       p50 ${ms(report.reference_page?.p50_ms ?? 0)}`,
  ].join('\n');
}

function renderQueue(report: QueueBenchReport): string {
  if (report.status !== 'measured') return `queue benchmark skipped: ${report.reason}`;
  const lines = report.rows.map((row) => {
    const added = row.added_latency ? `, added by the queue p50 ${ms(row.added_latency.p50_ms)} p95 ${ms(row.added_latency.p95_ms)}, ${row.transactions_per_evaluation} transactions/evaluation` : '';
    const who = row.mode === 'queue' ? `queue, ${row.workers} worker process(es)` : `in-process, ${row.workers} at a time`;
    return `${who.padEnd(30)} ${String(row.evaluations_per_second).padStart(6)} evaluations/s; latency p50 ${ms(row.latency.p50_ms)} p95 ${ms(row.latency.p95_ms)}${added}`;
  });
  return [`LPN seed evaluations on ${report.database}`, ...lines].join('\n');
}

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'Measure sandbox overhead, meta-utility and STOP wall time against their baselines, SSE latency (docs/performance.md)',
  usage: [
    'stop bench [--latency-ms L=500] [--quick] [--no-server] [--no-realistic] [--time-scale S=0.05] [--json]',
    '       stop bench --realistic [--quick] [--time-scale S=0.05] [--json]   (only the realistic STOP run: scripted-strong, realistic latency × S)',
    '       stop bench --workers N [--quick] [--json]   (evaluation queue: in-process vs 1..N worker processes, docs/scaling.md)',
    '       stop bench --pages [--quick] [--json]   (page speed in Chromium on the built app: run page chart and lineage, runs list with 200 runs)',
  ].join('\n'),
  options: {
    'latency-ms': { type: 'string' },
    quick: { type: 'boolean' },
    'no-server': { type: 'boolean' },
    workers: { type: 'string' },
    realistic: { type: 'boolean' },
    'no-realistic': { type: 'boolean' },
    'time-scale': { type: 'string' },
    pages: { type: 'boolean' },
  },
  async run(values, _positionals, io) {
    const timeScale = timeScaleFrom(values);
    if (values.realistic === true) {
      const report = await runRealisticBench({ quick: values.quick === true, timeScale, log: (line) => io.err(line) });
      io.result(report, (data) => renderRealistic(data.realistic_run));
      return;
    }
    if (values.pages === true) {
      const report = await measurePages({ root: process.cwd(), samples: values.quick === true ? 2 : 5, log: (line) => io.err(line) });
      io.result({ machine: { cores: os.cpus().length, load_average: os.loadavg().map((v) => Math.round(v * 100) / 100) }, pages: report }, (data) => renderPages(data.pages));
      return report.status === 'measured' ? 0 : 1;
    }
    if (values.workers !== undefined) {
      const quick = values.quick === true;
      const report = await benchQueue({
        workers: optionalInt(values, 'workers', 2, 1),
        evaluations: quick ? 8 : 40,
        latencySamples: quick ? 5 : 30,
        databaseUrl: env.DATABASE_URL,
        log: (line) => io.err(line),
      });
      io.result(report, renderQueue);
      return report.status === 'measured' ? 0 : 1;
    }
    const report = await runBench({
      latencyMs: optionalInt(values, 'latency-ms', 500),
      quick: values.quick === true,
      skipSse: values['no-server'] === true,
      skipRealistic: values['no-realistic'] === true,
      timeScale,
      root: process.cwd(),
      log: (line) => io.err(line),
    });
    io.result(report, render);
  },
};
