import { estimateTokens } from './tokens';

/**
 * Most completion tokens believed per answer when no limit was sent (the largest output windows are
 * 128k tokens; hidden reasoning counts in them).
 */
export const MAX_BELIEVED_ANSWER_TOKENS = 262_144;
/** No tokenizer packs more characters than this into one token on average over a whole text. */
const MAX_CHARS_PER_TOKEN = 16;
/** Chat-template tokens a server may add per request on top of the messages' text. */
const TEMPLATE_TOKENS = 256;

export interface CheckedUsage {
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  /** Set when the server's figures were not believed (then they were estimated from the text). */
  note?: string;
  reported?: { prompt_tokens: number | null; completion_tokens: number | null };
}

/** What the request and its answers held, to judge the server's usage against. */
export interface SeenText {
  prompt: string;
  answers: string[];
  reasoning: (string | null)[];
  /** The completion token limit sent per answer, if any. */
  maxTokensPerAnswer?: number;
}

function tokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function reportedNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** At least this many tokens for `text`, whatever the tokenizer. */
function fewestTokens(text: string): number {
  return Math.floor(text.length / MAX_CHARS_PER_TOKEN);
}

function plausiblePrompt(tokens: number | undefined, prompt: string): tokens is number {
  return tokens !== undefined && tokens >= fewestTokens(prompt) && tokens <= Buffer.byteLength(prompt) + TEMPLATE_TOKENS;
}

function plausibleCompletion(tokens: number | undefined, seen: SeenText, visible: string): tokens is number {
  const perAnswer = seen.maxTokensPerAnswer ?? MAX_BELIEVED_ANSWER_TOKENS;
  return tokens !== undefined && tokens >= fewestTokens(visible) && tokens <= Math.max(1, seen.answers.length) * perAnswer;
}

/**
 * The usage a server reported, if it is believable: whole non-negative numbers, within bounds, and
 * consistent with the text sent and received. Otherwise the counts are estimated from the text, and
 * the call's record says so (a hostile or broken server must never lower what a run has spent).
 */
export function checkUsage(usage: unknown, seen: SeenText): CheckedUsage {
  const fields = (usage && typeof usage === 'object' ? usage : {}) as {
    prompt_tokens?: unknown;
    completion_tokens?: unknown;
    completion_tokens_details?: { reasoning_tokens?: unknown } | null;
  };
  const visible = seen.answers.join('') + seen.reasoning.map((text) => text ?? '').join('');
  const reasoningEstimate = seen.reasoning.reduce((sum, text) => sum + (text ? estimateTokens(text) : 0), 0);
  const prompt = tokenCount(fields.prompt_tokens);
  const completion = tokenCount(fields.completion_tokens);
  const promptOk = plausiblePrompt(prompt, seen.prompt);
  const completionOk = plausibleCompletion(completion, seen, visible);
  const promptTokens = promptOk ? prompt : estimateTokens(seen.prompt);
  const completionTokens = completionOk
    ? completion
    : seen.answers.reduce((sum, text) => sum + estimateTokens(text), 0) + reasoningEstimate;
  const reportedReasoning = tokenCount(fields.completion_tokens_details?.reasoning_tokens);
  const reasoningTokens =
    completionOk && reportedReasoning !== undefined && reportedReasoning <= completionTokens ? reportedReasoning : reasoningEstimate;
  if (promptOk && completionOk) return { promptTokens, completionTokens, reasoningTokens };
  const missing = usage === undefined || usage === null;
  return {
    promptTokens,
    completionTokens,
    reasoningTokens,
    note: missing
      ? 'the server reported no usage: tokens estimated from the text'
      : `the server's usage was not believable (${[promptOk ? null : 'prompt_tokens', completionOk ? null : 'completion_tokens'].filter(Boolean).join(' and ')}): tokens estimated from the text`,
    reported: { prompt_tokens: reportedNumber(fields.prompt_tokens), completion_tokens: reportedNumber(fields.completion_tokens) },
  };
}
