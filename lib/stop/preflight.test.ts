import { describe, expect, it } from 'vitest';
import { stopRunConfigSchema } from '@/lib/runs/config';
import { preflightImprover } from './preflight';
import { readProgram } from '@/lib/improvers/programs';

const SEED = readProgram('seed');
const LEGACY = readProgram('seed-legacy');
const config = stopRunConfigSchema.parse({ seedImprover: SEED, taskId: 'lpn' });

describe('preflightImprover', () => {
  it('accepts both improver API forms and estimates the run', async () => {
    const report = await preflightImprover(SEED, config);
    expect(report.ok).toBe(true);
    expect(report.signature.form).toBe('utility-language-model');
    expect(report.findings).toEqual([]);
    expect(report.estimate.lmCalls).toBeGreaterThan(0);
    expect(report.estimate.sandboxEvaluations).toBeGreaterThan(report.estimate.lmCalls / 4);
    expect(report.estimate.costUsd).toBe(0);
    expect((await preflightImprover(LEGACY, config)).signature.form).toBe('utility-str-utility');
  });

  it('reports a syntax error with its line without running anything', async () => {
    const report = await preflightImprover('import os\nos.system("touch /tmp/preflight-ran")\ndef improve_algorithm(:\n', config);
    expect(report.ok).toBe(false);
    expect(report.syntax).toMatchObject({ ok: false, line: 3 });
    expect(report.findings[0]).toMatchObject({ rule: 'syntax_error', severity: 'error', line: 3 });
  });

  it('flags a wrong signature and circumvention findings with their lines', async () => {
    const code = 'def improve_algorithm(solution, utility):\n    return utility(solution, use_sandbox=False)\n';
    const report = await preflightImprover(code, config);
    expect(report.ok).toBe(false);
    expect(report.signature.ok).toBe(false);
    expect(report.findings.map((finding) => finding.rule)).toEqual(expect.arrayContaining(['signature', 'use_sandbox_false']));
    expect(report.findings.find((finding) => finding.rule === 'use_sandbox_false')?.line).toBe(2);
  });

  it('prices a real model from the price table', async () => {
    const priced = await preflightImprover(SEED, { ...config, model: { provider: 'openai', model: 'gpt-4o' } });
    expect(priced.estimate.costUsd).toBeGreaterThan(0);
  });
});
