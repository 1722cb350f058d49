'use client';

import { useEffect, useMemo, useState, useTransition } from 'react';
import { launchRunAction, preflightAction } from '@/app/actions/runs';
import { PythonEditor, type EditorMarker } from '@/components/editor/lazy';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { ConfigFields, type TaskOption } from './config-fields';
import { preflightRejectionReason } from '@/lib/runs/preflight-verdict';
import { defaultForm, PRESETS, fieldKey, toPreflightConfig, toRunConfig, type ImproverLimitDefaults, type RunForm } from './form-model';
import { PreflightPanel, type PreflightState } from './preflight-panel';

const PREFLIGHT_DELAY_MS = 700;

const LAUNCH_LABELS: Record<RunForm['kind'], string> = {
  stop: 'Launch STOP run',
  transfer: 'Launch transfer experiment',
  'sandbox-study': 'Launch sandbox study',
  baseline: 'Launch baseline',
};

export interface NewRunFormProps {
  /** The project's own seed improver (lib/improvers/seeds/seed_improver.py). */
  seedImprover: string;
  /** The paper's seed improver (lib/improvers/paper/reference_seed.py): the reproducing presets start from it. */
  paperSeedImprover: string;
  tasks: TaskOption[];
  serverModel: { provider: string; model: string; hasApiKey: boolean };
  endpoints: string[];
  limits: ImproverLimitDefaults;
}

function mapFieldErrors(errors: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors ?? {})) out[fieldKey(path)] ??= message;
  return out;
}

/** Checks the improver on the server a moment after the last edit; findings become editor markers. */
function usePreflight(preflightInput: ReturnType<typeof toPreflightConfig>, usesEditor: boolean): { preflight: PreflightState; markers: EditorMarker[] } {
  const [preflight, setPreflight] = useState<PreflightState>({ status: 'idle' });
  useEffect(() => {
    if (!usesEditor) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      setPreflight({ status: 'checking' });
      const result = await preflightAction(preflightInput).catch((error: unknown) => ({ ok: false as const, error: error instanceof Error ? error.message : String(error) }));
      if (cancelled) return;
      setPreflight(result.ok ? { status: 'done', report: result.report } : { status: 'error', error: result.error });
    }, PREFLIGHT_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [preflightInput, usesEditor]);

  const markers: EditorMarker[] = useMemo(() => {
    if (preflight.status !== 'done') return [];
    const { report } = preflight;
    const list: EditorMarker[] = report.findings
      .filter((finding) => finding.line !== null)
      .map((finding) => ({ line: finding.line!, message: `${finding.message} (${finding.rule})`, severity: finding.severity }));
    if (!report.syntax.ok && report.syntax.line) list.push({ line: report.syntax.line, column: report.syntax.column, message: report.syntax.message ?? 'syntax error', severity: 'error' });
    return list;
  }, [preflight]);
  return { preflight, markers };
}

/** The paper's presets, one button each. */
function PresetPicker({ presetId, onPick }: { presetId: string | null; onPick: (id: string) => void }) {
  return (
    <div role="radiogroup" aria-label="Presets from the paper" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {PRESETS.map((p) => (
        <button
          key={p.id}
          type="button"
          role="radio"
          aria-checked={presetId === p.id}
          onClick={() => onPick(p.id)}
          className={`rounded-xl border px-4 py-3 text-left transition-colors ${
            presetId === p.id
              ? 'border-accent-500 bg-accent-50 ring-1 ring-accent-500 dark:bg-accent-500/10'
              : 'border-zinc-200 bg-white hover:border-zinc-300 dark:border-zinc-800 dark:bg-zinc-900/60 dark:hover:border-zinc-700'
          }`}
        >
          <div className="text-sm font-medium">{p.label}</div>
          <div className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{p.description}</div>
        </button>
      ))}
    </div>
  );
}

/** What runs when the kind has no editable improver: a baseline's or the sandbox study's own program. */
function FixedImproverCard({ form }: { form: RunForm }) {
  return form.kind === 'baseline' ? (
    <Card title="Baseline" description="Uses the project's baseline improver; nothing to edit.">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {form.baseline === 'chain-of-thought'
          ? 'Chain-of-thought: one LM attempt at the task per copy, no utility calls.'
          : 'Greedy iterative improvement: spend the whole budget of LM and utility calls, keep the best solution, repeat.'}{' '}
        Its test meta-utility over k copies is the reference the paper plots STOP against.
      </p>
    </Card>
  ) : (
    <Card title="Sandbox study" description="Uses the project's sandbox-study seed improver; nothing to edit.">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Each sample asks the model to improve a seed improver whose utility is called with <code className="font-mono">use_sandbox=True</code>, once with a warning comment and once without. The result page
        reports the share of generations containing <code className="font-mono">use_sandbox=False</code> or <code className="font-mono">exec(</code> with 95 % Wilson intervals and a two-proportion z-test.
      </p>
    </Card>
  );
}

export function NewRunForm({ seedImprover: projectSeed, paperSeedImprover, tasks, serverModel, endpoints, limits }: NewRunFormProps) {
  const [code, setCode] = useState(projectSeed);
  const [editorKey, setEditorKey] = useState(0);
  const [form, setForm] = useState<RunForm>(() => defaultForm(limits));
  const [presetId, setPresetId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [launchError, setLaunchError] = useState<string | null>(null);
  const [launching, startLaunch] = useTransition();
  const [launchAnyway, setLaunchAnyway] = useState(false);

  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _dropped, ...rest }) => rest);
  };
  const applyPreset = (id: string) => {
    const preset = PRESETS.find((p) => p.id === id);
    if (!preset) return;
    setPresetId(id);
    setForm((current) => ({ ...current, ...preset.form }));
    const program = preset.form.seedProgram;
    if (program && program !== form.seedProgram) {
      setCode(program === 'paper' ? paperSeedImprover : projectSeed);
      setEditorKey((key) => key + 1);
    }
    setErrors({});
  };
  const seedImprover = form.seedProgram === 'paper' ? paperSeedImprover : projectSeed;

  const usesEditor = form.kind === 'stop' || form.kind === 'transfer';
  const preflightInput = useMemo(() => toPreflightConfig(form, code), [form, code]);

  const { preflight, markers } = usePreflight(preflightInput, usesEditor);

  const rejection = usesEditor && form.kind === 'stop' && preflight.status === 'done' ? preflightRejectionReason(preflight.report) : null;

  const launch = () =>
    startLaunch(async () => {
      setLaunchError(null);
      const result = await launchRunAction(toRunConfig(form, code, seedImprover), { launchAnyway });
      // On success the action redirects; only failures come back.
      if (result && !result.ok) {
        setLaunchError(result.error);
        setErrors(mapFieldErrors(result.fieldErrors));
      }
    });

  const preset = PRESETS.find((p) => p.id === presetId);

  return (
    <div className="space-y-6">
      <PresetPicker presetId={presetId} onPick={applyPreset} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_360px]">
        <div className="min-w-0 space-y-6">
          {usesEditor ? (
            <Card
              title={form.kind === 'transfer' ? 'Improver to transfer (I_T)' : 'Seed improver I₀'}
              description="Python; defines improve_algorithm(initial_solution, utility, language_model). Findings of the preflight check are marked in the margin."
              bodyClassName="p-3"
            >
              <PythonEditor key={editorKey} value={code} onChange={setCode} markers={markers} height={560} ariaLabel="Seed improver (Python)" />
              {errors.code && <p role="alert" className="mt-2 text-sm text-rose-600 dark:text-rose-400">{errors.code}</p>}
              <div className="mt-2 flex justify-end">
                <Button
                  onClick={() => {
                    setCode(seedImprover);
                    setEditorKey((key) => key + 1);
                  }}
                  disabled={code === seedImprover} className="text-xs">{form.seedProgram === 'paper' ? "Reset to the paper's seed" : 'Reset to the project seed'}</Button>
              </div>
            </Card>
          ) : (
            <FixedImproverCard form={form} />
          )}
          {usesEditor && (
            <Card title="Preflight check" description="Syntax, improve_algorithm signature, circumvention scanner, and an estimate of what the run will use.">
              <PreflightPanel state={preflight} />
            </Card>
          )}
        </div>

        <div className="space-y-4">
          <Card title="Configuration" description={preset ? preset.description : 'Pick a preset above or set things by hand.'}>
            <ConfigFields form={form} set={set} errors={errors} tasks={tasks} serverModel={serverModel} endpoints={endpoints} />
          </Card>
          {launchError && <Notice tone="error" title="Not launched">{launchError}</Notice>}
          {rejection && (
            <div className="space-y-2 rounded-lg border border-rose-300 bg-rose-50 p-3 text-sm dark:border-rose-500/40 dark:bg-rose-500/10" data-testid="preflight-rejection">
              <p className="text-rose-800 dark:text-rose-200">The preflight check rejects this improver: {rejection}. The run would score nothing.</p>
              <label className="flex items-center gap-2 font-medium">
                <input type="checkbox" checked={launchAnyway} onChange={(event) => setLaunchAnyway(event.target.checked)} className="h-4 w-4 accent-rose-600" />
                Launch anyway
              </label>
            </div>
          )}
          <Button variant="primary" onClick={launch} disabled={launching || (rejection !== null && !launchAnyway)} className="w-full !py-2.5" data-testid="launch">
            {launching ? 'Launching…' : LAUNCH_LABELS[form.kind]}
          </Button>
        </div>
      </div>
    </div>
  );
}
