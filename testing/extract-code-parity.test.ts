/** The model-side extractCode (lib/lm) and the sandbox-side helpers.extract_code (Python) give the same answer on every input: a check across both layers, so it lives here. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { extractCode } from '@/lib/lm/extract-code';
import table from '@/lib/sandbox/testing/extract-code-cases.json';

/** The sandbox's helpers.extract_code on every input of the table, in one python3 process. */
function pythonAnswers(inputs: unknown[]): unknown[] {
  const script = [
    'import json, sys',
    `sys.path.insert(0, ${JSON.stringify(path.resolve('lib/sandbox/python'))})`,
    'from helpers import extract_code',
    'inputs = json.load(sys.stdin)',
    'inputs.append(("tuple", "is not a list"))',
    'print(json.dumps([extract_code(value) for value in inputs]))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-I', '-B', '-c', script], { input: JSON.stringify(inputs) }).toString()) as unknown[];
}

const all = [...table.cases, ...table.nonStringCases];

describe('helpers.extract_code agrees with the reference on every case of the table', () => {
  const answers = pythonAnswers(all.map((entry) => entry.input));
  test.each(all.map((entry, index) => [entry.name, index] as const))('%s', (_name, index) => {
    expect(answers[index]).toEqual(all[index]!.expected);
  });
  test('a tuple gives None (the reference only maps lists)', () => {
    expect(answers[all.length]).toBeNull();
  });
});

describe('the host-side extractCode agrees with it on every string case', () => {
  test.each(table.cases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    expect(extractCode(entry.input)).toEqual(entry.expected);
  });
});
