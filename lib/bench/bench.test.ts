import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { benchCommand } from '@/lib/cli/commands/bench';
import type { BenchReport } from './index';

/** Runs `stop bench --quick --json` in-process and returns what it printed. */
async function runCommand(args: Record<string, string | boolean>): Promise<BenchReport> {
  const printed: unknown[] = [];
  await benchCommand.run(args, [], {
    json: true,
    out: () => undefined,
    err: () => undefined,
    result: (data) => void printed.push(data),
  });
  expect(printed).toHaveLength(1);
  return printed[0] as BenchReport;
}

const built = existsSync(path.join(process.cwd(), '.next', 'BUILD_ID')) && existsSync('/usr/bin/chromium');

describe('stop bench --quick (smoke: the benchmark cannot silently break)', () => {
  test('measures every phase and reports ratios against baselines of the same run', async () => {
    const report = await runCommand({ quick: true, 'latency-ms': '100', ...(built ? {} : { 'no-server': true }) });
    expect(report.settings).toMatchObject({ quick: true, latency_ms: 100 });
    expect(report.sandbox_overhead.warm.n).toBeGreaterThan(0);
    expect(report.sandbox_overhead.warm.p50_ms).toBeGreaterThan(0);
    expect(report.sandbox_overhead.speedup_p50).not.toBeNull();
    expect(report.lpn_throughput.one_worker.evaluations_per_second).toBeGreaterThan(0);
    for (const comparison of [report.meta_utility, report.stop_run]) {
      expect(comparison.fast.wall_ms).toBeGreaterThan(0);
      expect(comparison.sequential.wall_ms).toBeGreaterThan(0);
      // The bound includes at least one LM call at the injected latency.
      expect(comparison.critical_path_bound_ms).toBeGreaterThanOrEqual(100);
      expect(comparison.fast_over_bound).not.toBeNull();
      expect(comparison.speedup_vs_sequential).not.toBeNull();
    }
    // The gateway's recorded latency includes the server's injected 100 ms, and is compared with it.
    expect(report.lm_latency.recorded.n).toBeGreaterThan(0);
    expect(report.lm_latency.recorded.min_ms).toBeGreaterThanOrEqual(100);
    expect(report.lm_latency.target_ms).toBe(160);
    // The realistic run: scripted-strong behind a latency profile; a real workload, not a cached one.
    const realistic = report.realistic_run;
    if ('status' in realistic) throw new Error(`realistic phase ${realistic.status}: ${realistic.reason}`);
    expect(realistic.settings.model).toBe('scripted-strong');
    expect(realistic.wall_ms).toBeGreaterThan(0);
    expect(realistic.lm.latency_ms_total).toBeGreaterThan(0);
    expect(realistic.workload.model_programs).toBeGreaterThan(0);
    expect(realistic.workload.sandbox_evaluations).toBeGreaterThan(0);
    expect(realistic.critical_path_bound_ms).toBeGreaterThan(0);
    expect(realistic.sequential_estimate_ms).toBeGreaterThanOrEqual(realistic.critical_path_bound_ms);
    expect(realistic.test_meta_utility.map((row) => row.iteration)).toEqual([0, 1]);
    expect(report.engine_process_peak_rss_mb).toBeGreaterThan(0);
    if (built) {
      expect(report.server.status).toBe('measured');
      expect(report.server.delivery?.n).toBeGreaterThan(0);
      expect(report.server.server_peak_rss_mb).toBeGreaterThan(0);
    }
  });
});
