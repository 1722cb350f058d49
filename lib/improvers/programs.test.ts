import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGRAMS, readProgram, type ProgramName } from './programs';

describe('improver programs by name', () => {
  it('every named program is an improver: it defines improve_algorithm', () => {
    for (const name of Object.keys(PROGRAMS) as ProgramName[]) expect(readProgram(name), name).toMatch(/^def improve_algorithm\(/m);
  });

  it('the seed is the paper’s Figure 2 seed in its main API form', () => {
    expect(readProgram('seed')).toMatch(/def improve_algorithm\(initial_solution, utility, language_model\)/);
    expect(readProgram('seed-legacy')).toMatch(/def improve_algorithm\(initial_solution, utility_str, utility\)/);
  });
});

describe('one folder of improver programs', () => {
  it('no improver program lives outside lib/improvers', () => {
    const outside = readdirSync('lib', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.py') && !file.startsWith(`improvers${path.sep}`))
      .filter((file) => /^def improve_algorithm\(/m.test(readFileSync(path.join('lib', file), 'utf8')));
    expect(outside).toEqual([]);
  });
});
