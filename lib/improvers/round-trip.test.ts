import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { extractCode } from '@/lib/lm/extract-code';
import { PROGRAM_FOLDERS, readProgram } from './programs';

// A model that improves an improver answers with the whole program in a fenced block, and the improver
// reads it back with extract_code (nesting-aware, as in the reference: a bare fence always closes). A
// program whose prompt template opens a block with a bare fence would come back cut short, fail, and
// never be adopted; so every improver the project ships must round-trip.
const programs = PROGRAM_FOLDERS.flatMap((folder) =>
  readdirSync(path.join(process.cwd(), 'lib/improvers', folder))
    .filter((file) => file.endsWith('.py'))
    .map((file) => [`${folder}/${file}`, readProgram(`${folder}/${file}`).trimEnd()] as const),
);

describe('improvers come back whole from a model answer', () => {
  test('there are programs to check', () => {
    expect(programs.length).toBeGreaterThan(15);
  });

  test.each(programs)('%s', (_file, code) => {
    const answer = `I would make the search more careful.\n\n\`\`\`python\n${code}\n\`\`\`\n\nThis should score better.`;
    expect(extractCode(answer)?.trimEnd()).toBe(code);
  });
});
