import type { LmCallMeta } from './record';
import type { CompletionResult } from './backends/types';
import { splitInlineReasoning } from './reasoning';
import { estimateTokens } from './tokens';

/** How the run page names the scripted model's deliberate imperfections (lib/scripted-model/imperfect.ts). */
const IMPERFECTION_WORDS: Record<string, string> = {
  prose: 'prose without a code block',
  truncated: 'code cut at the token limit',
  'syntax-error': 'a syntax error',
  'wrong-signature': 'a wrong signature',
  refusal: 'a refusal',
  reasoning: 'a reasoning preamble',
};

function imperfectionNotes(kinds: readonly (string | null)[] | undefined): string[] {
  const counts = new Map<string, number>();
  for (const kind of kinds ?? []) if (kind !== null) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].map(
    ([kind, count]) => `scripted model: ${count} answer${count === 1 ? '' : 's'} given ${IMPERFECTION_WORDS[kind] ?? kind} on purpose`,
  );
}

/**
 * The answers as the improver sees them — a `<think>` preamble removed — and what else they carried,
 * for the record: reasoning (inline or sent apart), finish reasons, reasoning tokens, adaptations.
 */
export function separateAnswers(result: CompletionResult): { responses: string[]; meta: LmCallMeta | null } {
  const reasoning: (string | null)[] = [];
  const responses = result.responses.map((raw, index) => {
    const { content, reasoning: inline } = splitInlineReasoning(raw);
    const apart = result.reasoning?.[index] ?? null;
    reasoning.push(inline !== null && apart !== null ? `${apart}\n${inline}` : (inline ?? apart));
    return content;
  });
  const kept = reasoning.filter((text): text is string => text !== null);
  const truncated = (result.finishReasons ?? []).filter((reason) => reason === 'length').length;
  const reasoningTokens =
    result.reasoningTokens || kept.reduce((sum, text) => sum + estimateTokens(text), 0);
  const notes = [...(result.adaptations ?? []), ...(result.usageNotes ?? [])];
  if (kept.length > 0)
    notes.push(`reasoning removed from ${kept.length} answer${kept.length === 1 ? '' : 's'} before the improver saw them (${reasoningTokens} tokens, kept in the record)`);
  if (truncated > 0)
    notes.push(`${truncated} answer${truncated === 1 ? '' : 's'} cut at the token limit (finish_reason "length")`);
  notes.push(...imperfectionNotes(result.scriptedImperfections));
  const meta: LmCallMeta = {
    ...(kept.length > 0 ? { reasoning, reasoning_tokens: reasoningTokens } : {}),
    ...(result.finishReasons && result.finishReasons.some((reason) => reason !== 'stop')
      ? { finish_reasons: result.finishReasons }
      : {}),
    ...(notes.length > 0 ? { notes } : {}),
    ...(result.reportedUsage ? { reported_usage: result.reportedUsage } : {}),
    ...(result.scriptedImperfections?.some((kind) => kind !== null) ? { scripted_imperfections: result.scriptedImperfections } : {}),
  };
  return { responses, meta: Object.keys(meta).length > 0 ? meta : null };
}
