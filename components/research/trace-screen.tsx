import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import type { TracePageView } from '@/lib/runs/views';
import { InvocationTrace } from './invocation-trace';
import { TraceStepPicker } from './trace-step-picker';

/** The trace page's body (run page and shared page): the invocation list and the chosen timeline. */
export function TraceScreen({ page, base }: { page: TracePageView; base: string }) {
  const join = base.includes('?') ? '&' : '?';
  const withPrefix = page.prefix ? `&prefix=${encodeURIComponent(page.prefix)}` : '';
  const stepHref = (stepKey: string) => `${base}${join}step=${encodeURIComponent(stepKey)}${withPrefix}`;
  return (
    <div className="grid gap-6 xl:grid-cols-[20rem_1fr]">
      <Card title="Invocations" description={page.prefix ? `Those under ${page.prefix}` : 'Self-improvement steps, then downstream copies.'}>
        <TraceStepPicker steps={page.steps} current={page.step} href={stepHref} />
      </Card>
      <Card id="trace" title="Timeline" description="Each LM call and utility call in the order they started (times from the start of the invocation), then problems and the returned program.">
        {page.view ? (
          <InvocationTrace label={page.view.label} trace={page.view.trace} returned={page.view.returned} selected={page.view.selected} callHref={(index) => `${stepHref(page.view!.stepKey)}&call=${index}`} />
        ) : page.step ? (
          <Notice tone="warning" title="No stored invocation">The run has no completed invocation with the key {page.step}.</Notice>
        ) : (
          <p className="text-sm text-zinc-500">Choose an invocation.</p>
        )}
      </Card>
    </div>
  );
}
