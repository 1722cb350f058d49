import { evaluateSolution } from '@/lib/sandbox';
import type { Launcher } from '@/lib/sandbox/launcher';
import { SandboxPool } from '@/lib/sandbox/pool';
import { evaluationOptions } from '@/lib/stop/utility';
import { lpnTask } from '@/lib/tasks/lpn';
import { quantile, ratio, round } from './stats';

/** Distinct programs, as in a run: the seed with a different constant each time (same work). */
const program = (index: number): string => `${lpnTask.seedSolution}\n_VARIANT = ${index}\n`;

export interface LauncherThroughput {
  evaluations: number;
  evaluations_per_second: number;
  /** Host wall time of one evaluation minus the program's own CPU time in its calls. */
  overhead_ms: { p50: number; p95: number };
  /** The programs' own CPU time per evaluation (p50), for scale. */
  program_cpu_ms_p50: number;
}

export interface EvaluationThroughput {
  instances: number;
  fork_server: LauncherThroughput;
  spawn_per_program: LauncherThroughput;
  /** fork_server / spawn_per_program evaluations per second, measured in this run. */
  speedup: number | null;
  target: { min_speedup: number; max_fork_server_overhead_p50_ms: number };
  meets_target: boolean;
  /** Host Node CPU time per evaluation (user + system), fork server and baseline. */
  host_cpu_ms_per_evaluation: { fork_server: number; spawn_per_program: number };
}

async function measure(launcher: Launcher, count: number): Promise<{ report: LauncherThroughput; hostCpuMs: number }> {
  // Judges are reused as in the engine's process; only the solution's process differs between launchers.
  const pool = new SandboxPool();
  const evaluate = (index: number) => evaluateSolution({ ...evaluationOptions(lpnTask, 'train', program(index)), pool, launcher });
  try {
    await evaluate(-1);
    const overheads: number[] = [];
    const programCpu: number[] = [];
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let index = 0; index < count; index += 1) {
      const begun = performance.now();
      const result = await evaluate(index);
      const wall = performance.now() - begun;
      if (result.failures.length > 0) throw new Error(`the LPN seed failed under ${launcher}: ${JSON.stringify(result.failures[0])}`);
      overheads.push(wall - result.programCpuMs);
      programCpu.push(result.programCpuMs);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      report: {
        evaluations: count,
        evaluations_per_second: round(count / seconds, 2),
        overhead_ms: { p50: round(quantile(overheads, 0.5)), p95: round(quantile(overheads, 0.95)) },
        program_cpu_ms_p50: round(quantile(programCpu, 0.5)),
      },
      hostCpuMs: round((cpu.user + cpu.system) / 1000 / count),
    };
  } finally {
    await pool.close();
  }
}

/**
 * `evaluation_throughput`: distinct LPN programs on the task's training instances, one after another,
 * with the fork server and with a process spawned per program (the baseline), in the same run.
 */
export async function measureEvaluationThroughput(count: number): Promise<EvaluationThroughput> {
  const fork = await measure('fork-server', count);
  const spawned = await measure('spawn-per-program', Math.max(4, Math.ceil(count / 4)));
  const speedup = ratio(fork.report.evaluations_per_second, spawned.report.evaluations_per_second);
  const target = { min_speedup: 10, max_fork_server_overhead_p50_ms: 10 };
  return {
    instances: lpnTask.trainInstances,
    fork_server: fork.report,
    spawn_per_program: spawned.report,
    speedup,
    target,
    meets_target: (speedup ?? 0) >= target.min_speedup && fork.report.overhead_ms.p50 <= target.max_fork_server_overhead_p50_ms,
    host_cpu_ms_per_evaluation: { fork_server: fork.hostCpuMs, spawn_per_program: spawned.hostCpuMs },
  };
}
