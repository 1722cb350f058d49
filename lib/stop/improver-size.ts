/** Improvers (seed, imported or written by a model) longer than this are refused: they are not measured or adopted. */
export const MAX_IMPROVER_CHARS = 200_000;

export function isOversizedImprover(code: string): boolean {
  return code.length > MAX_IMPROVER_CHARS;
}

/** What is stored for an oversized improver: its start and a mark saying how much was cut. */
export function truncatedImprover(code: string): string {
  if (!isOversizedImprover(code)) return code;
  return `${code.slice(0, MAX_IMPROVER_CHARS)}\n# [STOP Studio: truncated — this improver had ${code.length} characters, over the ${MAX_IMPROVER_CHARS}-character limit; it was refused]\n`;
}

export const OVERSIZED_IMPROVER_ERROR = {
  code: 'improver_too_long',
  message: `the improver is longer than ${MAX_IMPROVER_CHARS} characters and was refused`,
} as const;

/** Every program an improver returns (a solution or an improver) is held to the same limit. */
export function oversizedProgramError(length: number): { code: string; message: string } {
  return {
    code: 'program_too_long',
    message: `the improver returned a program of ${length.toLocaleString('en-US')} characters, over the ${MAX_IMPROVER_CHARS.toLocaleString('en-US')}-character limit; it was refused and not stored`,
  };
}
