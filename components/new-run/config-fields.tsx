'use client';

import { ADOPTION_LABELS } from './labels';
import { Field, NumberField, inputClass } from './field';
import { SCRIPTED_MODEL_NAMES } from '@/lib/scripted-model/profiles';
import type { RunForm } from './form-model';
import { SCRIPTED_MODEL_HINTS } from './labels';

export interface TaskOption {
  id: string;
  name: string;
}

interface Props {
  form: RunForm;
  set: <K extends keyof RunForm>(key: K, value: RunForm[K]) => void;
  errors: Record<string, string>;
  tasks: TaskOption[];
  serverModel: { provider: string; model: string; hasApiKey: boolean };
  /** Names of the operator-configured model servers (never their URLs). */
  endpoints: string[];
}

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-3 border-t border-zinc-100 pt-4 first:border-0 first:pt-0 dark:border-zinc-800">
      <legend className="mb-1 text-[11px] font-semibold uppercase tracking-wider text-zinc-500">{title}</legend>
      {children}
    </fieldset>
  );
}

/** What is run: the kind, the task(s), the sizes and the adoption gate. */
function ExperimentGroup({ form, set, errors, tasks }: Props) {
  const err = (key: string) => errors[key];
  return (
    <Group title="Experiment">
      <Field id="kind" label="Kind">
        <select id="kind" value={form.kind} onChange={(e) => set('kind', e.target.value as RunForm['kind'])} className={inputClass}>
          <option value="stop">STOP run (Algorithm 1)</option>
          <option value="transfer">Transfer (Table 1)</option>
          <option value="sandbox-study">Sandbox study (Table 2)</option>
          <option value="baseline">Baseline (§5.1)</option>
        </select>
      </Field>
      {form.kind === 'baseline' && (
        <Field id="baseline" label="Baseline" hint="Measured with the same test protocol as STOP; shown on Compare and as reference lines on Figure 4 of the same task and model.">
          <select id="baseline" value={form.baseline} onChange={(e) => set('baseline', e.target.value as RunForm['baseline'])} className={inputClass}>
            <option value="chain-of-thought">chain-of-thought (one LM attempt, no utility calls)</option>
            <option value="greedy-iterative">greedy iterative (spend the budget, keep the best)</option>
          </select>
        </Field>
      )}
      <Field id="title" label="Title" hint="Optional; a descriptive one is generated." error={err('title')}>
        <input id="title" value={form.title} onChange={(e) => set('title', e.target.value)} className={inputClass} maxLength={200} placeholder="e.g. LPN, scripted, strict gate" />
      </Field>
      {(form.kind === 'stop' || form.kind === 'baseline') && (
        <Field id="taskId" label="Task" error={err('taskId')}>
          <select id="taskId" value={form.taskId} onChange={(e) => set('taskId', e.target.value)} className={inputClass}>
            {tasks.map((task) => (
              <option key={task.id} value={task.id}>{task.name}</option>
            ))}
          </select>
        </Field>
      )}
      {form.kind === 'transfer' && (
        <Field id="taskIds" label="Transfer tasks" error={err('taskIds')} hint="The improver in the editor is I_T; the seed improver is I₀.">
          <div id="taskIds" className="grid grid-cols-1 gap-1 sm:grid-cols-2">
            {tasks.map((task) => (
              <label key={task.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="accent-accent-600"
                  checked={form.taskIds.includes(task.id)}
                  onChange={(e) => set('taskIds', e.target.checked ? [...form.taskIds, task.id] : form.taskIds.filter((id) => id !== task.id))}
                />
                {task.name}
              </label>
            ))}
          </div>
        </Field>
      )}
      <div className="grid grid-cols-3 gap-3">
        {form.kind === 'stop' && (
          <>
            <NumberField id="iterations" label="Iterations T" value={form.iterations} onChange={(v) => set('iterations', v)} min={1} max={20} error={err('iterations')} />
            <NumberField id="repeats" label="Repeats" value={form.repeats} onChange={(v) => set('repeats', v)} min={1} max={10} error={err('repeats')} />
          </>
        )}
        {form.kind !== 'sandbox-study' && (
          <NumberField id="copies" label="Copies k" value={form.copies} onChange={(v) => set('copies', v)} min={1} max={20} error={err('copies')} hint="Tasks in D" />
        )}
        {form.kind === 'sandbox-study' && (
          <NumberField id="samples" label="Samples per variant" value={form.samples} onChange={(v) => set('samples', v)} min={1} max={10000} error={err('samples')} />
        )}
      </div>
      {form.kind === 'stop' && (
        <Field id="adoption" label="Adoption gate" error={err('adoption')}>
          <select id="adoption" value={form.adoption} onChange={(e) => set('adoption', e.target.value as RunForm['adoption'])} className={inputClass}>
            {Object.entries(ADOPTION_LABELS).map(([value, label]) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </select>
        </Field>
      )}
      <Field id="apiMode" label="Improver API" error={err('apiMode')}>
        <select id="apiMode" value={form.apiMode} onChange={(e) => set('apiMode', e.target.value as RunForm['apiMode'])} className={inputClass}>
          <option value="reference">reference (raises where the reference asserts)</option>
          <option value="lenient">lenient (caps n and batches, default temperature)</option>
        </select>
      </Field>
      {form.kind !== 'sandbox-study' && (
        <Field id="copyFailure" label="A copy that raises" error={err('copyFailure')}>
          <select id="copyFailure" value={form.copyFailure} onChange={(e) => set('copyFailure', e.target.value as RunForm['copyFailure'])} className={inputClass}>
            <option value="zero">makes û 0 (the reference)</option>
            <option value="average">counts as the failure value in the mean</option>
          </select>
        </Field>
      )}
    </Group>
  );
}

/** Which model answers: the provider and its settings, temperature and seed. */
function ModelGroup({ form, set, errors, serverModel, endpoints }: Props) {
  const err = (key: string) => errors[key];
  return (
    <Group title="Model">
      <Field id="provider" label="Provider" hint={form.provider === 'openai' && !serverModel.hasApiKey ? 'No API key is configured on the server (fine for local servers that need none).' : undefined}>
        <select id="provider" value={form.provider} onChange={(e) => set('provider', e.target.value as RunForm['provider'])} className={inputClass}>
          <option value="scripted">scripted (built-in, offline, deterministic)</option>
          <option value="openai">OpenAI-compatible server</option>
          <option value="replay">replay a recorded run</option>
        </select>
      </Field>
      {form.provider === 'scripted' && (
        <Field id="scriptedModel" label="Scripted model" hint={SCRIPTED_MODEL_HINTS[form.scriptedModel]}>
          <select id="scriptedModel" value={form.scriptedModel} onChange={(e) => set('scriptedModel', e.target.value as RunForm['scriptedModel'])} className={inputClass}>
            {SCRIPTED_MODEL_NAMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {form.provider === 'openai' && (
        <>
          <Field id="model" label="Model" error={err('model')} hint={serverModel.provider === 'openai' ? `Server default: ${serverModel.model}` : undefined}>
            <input id="model" value={form.model} onChange={(e) => set('model', e.target.value)} className={inputClass} placeholder="gpt-4o-mini" aria-invalid={err('model') ? true : undefined} />
          </Field>
          <Field id="endpoint" label="Model server" error={err('endpoint')} hint="Servers are configured by the operator (STOP_LM_ENDPOINTS); the default is OPENAI_BASE_URL.">
            <select id="endpoint" value={form.endpoint} onChange={(e) => set('endpoint', e.target.value)} className={inputClass} aria-invalid={err('endpoint') ? true : undefined}>
              <option value="">server default</option>
              {endpoints.map((name) => (
                <option key={name} value={name}>{name}</option>
              ))}
            </select>
          </Field>
        </>
      )}
      {form.provider === 'replay' && (
        <Field id="replayRunId" label="Run to replay" error={err('replayRunId')}>
          <input id="replayRunId" value={form.replayRunId} onChange={(e) => set('replayRunId', e.target.value)} className={inputClass} placeholder="run_…" aria-invalid={err('replayRunId') ? true : undefined} />
        </Field>
      )}
      <div className="grid grid-cols-2 gap-3">
        <NumberField id="temperature" label="Temperature" value={form.temperature} onChange={(v) => set('temperature', v)} min={0} max={2} step={0.1} error={err('temperature')} />
        <NumberField id="seed" label="Random seed" value={form.seed} onChange={(v) => set('seed', v)} min={0} max={2 ** 31} error={err('seed')} />
      </div>
    </Group>
  );
}

/** The run settings; which fields appear depends on the kind of run. */
export function ConfigFields(props: Props) {
  const { form, set, errors } = props;
  const err = (key: string) => errors[key];
  return (
    <div className="space-y-4">
      <ExperimentGroup {...props} />

      <ModelGroup {...props} />

      <Group title="Spend cap of the run">
        <div className="grid grid-cols-2 gap-3">
          <NumberField id="maxCostUsd" label="Max cost ($)" value={form.maxCostUsd} onChange={(v) => set('maxCostUsd', v)} min={0} max={1_000_000} step={0.01} error={err('maxCostUsd')} hint="Empty: no cap." />
          <NumberField id="maxTokens" label="Max tokens" value={form.maxTokens} onChange={(v) => set('maxTokens', v)} min={1} max={1e12} step={1000} error={err('maxTokens')} hint="Empty: no cap." />
        </div>
      </Group>

      <Group title="Budgets per improver invocation">
        <div className="grid grid-cols-2 gap-3">
          <NumberField id="lmCalls" label="LM calls" value={form.lmCalls} onChange={(v) => set('lmCalls', v)} min={1} max={100} error={err('lmCalls')} />
          <NumberField id="maxResponsesPerCall" label="Responses per call" value={form.maxResponsesPerCall} onChange={(v) => set('maxResponsesPerCall', v)} min={1} max={32} error={err('maxResponsesPerCall')} />
          <NumberField id="utilityCalls" label="Utility calls" value={form.utilityCalls} onChange={(v) => set('utilityCalls', v)} min={1} max={500} error={err('utilityCalls')} />
          <NumberField id="metaUtilityCalls" label="Meta-utility calls" value={form.metaUtilityCalls} onChange={(v) => set('metaUtilityCalls', v)} min={1} max={500} error={err('metaUtilityCalls')} />
        </div>
      </Group>

      <details className="border-t border-zinc-100 pt-4 dark:border-zinc-800">
        <summary className="cursor-pointer text-[11px] font-semibold uppercase tracking-wider text-zinc-500">Advanced: improver limits</summary>
        <p className="mt-2 text-xs text-zinc-500">
          An improver&apos;s LM and utility calls run on the server; these bound its own process. One that runs past a limit ends with a timeout error naming it.
        </p>
        <div className="mt-3 grid grid-cols-2 gap-3">
          <NumberField id="improverCpuSeconds" label="CPU seconds" value={form.improverCpuSeconds} onChange={(v) => set('improverCpuSeconds', v)} min={5} max={3600} error={err('improverCpuSeconds')} />
          <NumberField id="improverMinutes" label="Wall-clock minutes" value={form.improverMinutes} onChange={(v) => set('improverMinutes', v)} min={1} max={720} error={err('improverMinutes')} />
        </div>
      </details>
    </div>
  );
}
