import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ACTIVE_STATUSES, isActive, isTerminal, RUN_STATUSES, TERMINAL_STATUSES } from './status';

const root = path.resolve(import.meta.dirname, '../..');
const SCANNED = ['app', 'bin', 'components', 'db', 'lib'];
const SOURCE = /\.(ts|tsx|mjs)$/;
/** Test code may spell statuses; the status module is their source; migrations are SQL (not scanned). */
const EXEMPT = (file: string) =>
  /\.test\.tsx?$/.test(file) || /(^|\/)test-helpers\.ts$/.test(file) || /(^|\/)testing\//.test(file) || file === 'lib/runs/status.ts';

/** Lines that use one of the words for something else than a run (file: the line's text). */
const OTHER_MEANINGS: Record<string, string> = {
  // The benchmark's SSE report has its own status ('measured' | 'skipped' | 'failed').
  'lib/bench/index.ts': "SseReport => ({ status: 'failed'",
};

/** A status that names nothing but a run status, or a status-like word compared with or assigned to a `status`. */
const STATUS_LITERAL = /(['"`])(queued|running|completed|budget_reached)\1|\bstatus\W{1,8}(['"`])(failed|cancelled)\3/;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'migrations' ? [] : sourceFiles(relative);
    return SOURCE.test(entry.name) && !EXEMPT(relative) ? [relative] : [];
  });
}

describe('run statuses have one source (lib/runs/status.ts)', () => {
  test('no non-test source file spells a run status', () => {
    const offenders = SCANNED.flatMap((dir) => sourceFiles(dir)).flatMap((file) =>
      readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (STATUS_LITERAL.test(line) && !line.includes(OTHER_MEANINGS[file] ?? '\0') ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  test('the scan finds a status literal where there is one (the pattern is not vacuous)', () => {
    expect(STATUS_LITERAL.test("if (run.status === 'running') return;")).toBe(true);
    expect(STATUS_LITERAL.test("await updateRun(id, { status: 'cancelled' });")).toBe(true);
    expect(STATUS_LITERAL.test("throw new LmRequestError('closed', 'cancelled');")).toBe(false);
  });

  test('every status is either active or terminal, never both', () => {
    for (const status of RUN_STATUSES) expect(isActive(status)).not.toBe(isTerminal(status));
    expect([...ACTIVE_STATUSES, ...TERMINAL_STATUSES].sort()).toEqual([...RUN_STATUSES].sort());
    expect(isActive('paused')).toBe(false);
    expect(isTerminal('paused')).toBe(false);
  });
});
