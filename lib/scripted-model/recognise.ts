import type { TaskDefinition } from '@/lib/tasks/types';

export type PromptKind = { kind: 'improver' } | { kind: 'task'; task: TaskDefinition } | { kind: 'other' };

/** The task whose prompt markers occur most often in `text` (case-insensitive), if any. */
export function taskForText(text: string, tasks: readonly TaskDefinition[]): TaskDefinition | undefined {
  const haystack = text.toLowerCase();
  let best: { task: TaskDefinition; hits: number } | undefined;
  for (const task of tasks) {
    const hits = task.promptMarkers.filter(
      (marker) => marker && haystack.includes(marker.toLowerCase()),
    ).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { task, hits };
  }
  return best?.task;
}

/** Improving an improver (the paper's self-improvement prompt), a built-in task, or anything else. */
export function recognisePrompt(text: string, tasks: readonly TaskDefinition[]): PromptKind {
  if (text.includes('improve_algorithm')) return { kind: 'improver' };
  const task = taskForText(text, tasks);
  return task ? { kind: 'task', task } : { kind: 'other' };
}

/** Code compared line by line, ignoring blank lines and trailing spaces. */
function normaliseCode(code: string): string {
  return code
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .join('\n');
}

/** A prompt normalised once, to test which known programs it quotes. */
export function quotesCode(prompt: string): (code: string) => boolean {
  const normalisedPrompt = normaliseCode(prompt);
  return (code) => {
    const normalised = normaliseCode(code);
    return normalised.length > 0 && normalisedPrompt.includes(normalised);
  };
}

/**
 * Every complete outermost fenced block of a prompt, in order: a line starting with ``` and a language
 * name opens a block, a line that is exactly ``` closes the innermost one.
 */
export function fencedBlocks(text: string): string[] {
  const lines = text.split('\n');
  const blocks: string[] = [];
  let depth = 0;
  let start = -1;
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (/^```\w/.test(line)) {
      if (depth === 0) start = index + 1;
      depth += 1;
    } else if (line === '```' && depth > 0) {
      depth -= 1;
      if (depth === 0) blocks.push(lines.slice(start, index).join('\n'));
    }
  });
  return blocks;
}

const TRIPLE_QUOTES = /"""|'''/g;

/**
 * The first fenced program in `text` that contains `marker`, read as a model would: a fence line inside
 * one of the program's triple-quoted strings (an improver's prompt template quotes code in fences,
 * ``` and ```python alike) does not end it; the block ends at the first bare fence where the program's
 * triple-quoted strings are all closed.
 */
export function quotedProgram(text: string, marker: string): string | undefined {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  let open = 0;
  while (open < lines.length) {
    if (!lines[open]!.startsWith('```')) {
      open += 1;
      continue;
    }
    let quotes = 0;
    let end = open + 1;
    for (; end < lines.length; end += 1) {
      if (lines[end] === '```' && quotes % 2 === 0) break;
      quotes += lines[end]!.match(TRIPLE_QUOTES)?.length ?? 0;
    }
    const body = lines.slice(open + 1, end).join('\n');
    if (end < lines.length && body.includes(marker)) return body;
    open = end + 1;
  }
  return undefined;
}
