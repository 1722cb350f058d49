/** A plausible token count for text whose tokenizer is unknown (≈ 4 characters per token). */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}
