import { Link } from '@/components/ui/link';

/** The invocations of a run that have a trace, as links (self-improvement steps first). */
export function TraceStepPicker({ steps, current, href, limit = 300 }: { steps: { stepKey: string; label: string; kind: string }[]; current: string | null; href: (stepKey: string) => string; limit?: number }) {
  if (steps.length === 0) return <p className="text-sm text-zinc-500">This run has no stored improver invocations.</p>;
  const shown = steps.slice(0, limit);
  return (
    <nav aria-label="Invocations">
      <ul className="flex flex-col gap-0.5 text-sm">
        {shown.map((step) => (
          <li key={step.stepKey}>
            <Link href={href(step.stepKey)} aria-current={step.stepKey === current ? 'page' : undefined} className={`block rounded px-2 py-1 text-[13px] leading-snug hover:bg-zinc-50 dark:hover:bg-zinc-800 ${step.stepKey === current ? 'bg-accent-50 font-medium text-accent-700 dark:bg-accent-500/10 dark:text-accent-300' : ''}`}>
              {step.label}
            </Link>
          </li>
        ))}
      </ul>
      {steps.length > shown.length && <p className="mt-1 text-xs text-zinc-500">{steps.length - shown.length} more not listed; open them from the lineage view.</p>}
    </nav>
  );
}
