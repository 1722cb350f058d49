import { describe, expect, test } from 'vitest';
import { IMPROVER_LIMIT_DEFAULTS, runConfigSchema } from '@/lib/runs/config';
import { defaultForm, PRESETS, fieldKey, toRunConfig } from './form-model';

const DEFAULT_FORM = defaultForm(IMPROVER_LIMIT_DEFAULTS);

const SEED = 'def improve_algorithm(initial_solution, utility, language_model):\n    return initial_solution\n';

describe('improver limits in the run configuration', () => {
  test('the advanced settings of the form are stored in the config', () => {
    const config = runConfigSchema.parse(toRunConfig({ ...DEFAULT_FORM, improverCpuSeconds: 30, improverMinutes: 5 }, SEED, SEED));
    expect(config.limits).toEqual({ improverCpuSeconds: 30, improverMinutes: 5 });
  });

  test('a config without limits gets the defaults (120 CPU seconds, 30 minutes)', () => {
    const config = runConfigSchema.parse({ kind: 'improve', improver: SEED, taskId: 'lpn' });
    expect(config.limits).toEqual({ improverCpuSeconds: 120, improverMinutes: 30 });
  });

  test('an out-of-range limit is refused and shown next to its field', () => {
    const parsed = runConfigSchema.safeParse(toRunConfig({ ...DEFAULT_FORM, improverCpuSeconds: 1 }, SEED, SEED));
    expect(parsed.success).toBe(false);
    const path = parsed.error!.issues[0]!.path.join('.');
    expect(path).toBe('limits.improverCpuSeconds');
    expect(fieldKey(path)).toBe('improverCpuSeconds');
  });

  test.each(['figure4', 'table1'])('the %s preset reproduces the paper: its seed improver and the reference API', (id) => {
    const preset = PRESETS.find((p) => p.id === id)!;
    expect(preset.form.seedProgram).toBe('paper');
    const config = runConfigSchema.parse(toRunConfig({ ...DEFAULT_FORM, ...preset.form }, SEED, SEED));
    expect(config.apiMode).toBe('reference');
    expect(config.copyFailure).toBe('zero');
  });
});
