import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

/** The layering rule's messages for `code` as if it were the file at `file` (relative to the project). */
async function layerViolations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((message) => message.ruleId === 'import/no-restricted-paths').map((message) => message.message);
}

describe('the layers hold by lint (docs/architecture.md, "Layers")', () => {
  test('a component importing a database row type fails lint', async () => {
    const violations = await layerViolations(
      'components/runs/bad-example.tsx',
      "import type { Run } from '@/db/schema';\nexport const title = (run: Run) => run.title;\n",
    );
    expect(violations).toEqual([expect.stringMatching(/view types/)]);
  });

  test('a relative import from a component into db/ fails lint too', async () => {
    const violations = await layerViolations('components/runs/bad-example.tsx', "export { runs } from '../../db/schema';\n");
    expect(violations).toHaveLength(1);
  });

  test('the sandbox importing the LM gateway fails lint', async () => {
    const violations = await layerViolations(
      'lib/sandbox/bad-example.ts',
      "import { LmBudgetExceededError } from '@/lib/lm/types';\nexport const refused = (error: unknown) => error instanceof LmBudgetExceededError;\n",
    );
    expect(violations).toEqual([expect.stringMatching(/knows nothing of the LM gateway/)]);
  });

  test('a component importing the sandbox fails lint', async () => {
    const violations = await layerViolations('components/new-run/bad-example.ts', "export { SANDBOX_LIMITS } from '@/lib/sandbox/limits';\n");
    expect(violations).toHaveLength(1);
  });

  test('the LM layer importing the database fails lint (the gateway too: it records through the runs part)', async () => {
    const code = "export { lmCalls } from '@/db/schema';\n";
    expect(await layerViolations('lib/lm/bad-example.ts', code)).toHaveLength(1);
    expect(await layerViolations('lib/lm/gateway.ts', code)).toHaveLength(1);
  });

  test('the LM layer importing the scripted model fails lint (its backend is passed in)', async () => {
    const code = "export { scriptedBackend } from '@/lib/scripted-model/backend';\n";
    expect(await layerViolations('lib/lm/gateway.ts', code)).toEqual([expect.stringMatching(/does not know the scripted model/)]);
    expect(await layerViolations('lib/lm/backends/bad-example.ts', code)).toHaveLength(1);
  });

  test('the scripted model importing the gateway, the engine or the database fails lint', async () => {
    expect(await layerViolations('lib/scripted-model/bad-example.ts', "export { createGateway } from '@/lib/lm/gateway';\n")).toHaveLength(1);
    expect(await layerViolations('lib/scripted-model/bad-example.ts', "export { openAiBackend } from '../lm/backends/openai';\n")).toHaveLength(1);
    expect(await layerViolations('lib/scripted-model/bad-example.ts', "export { launchRun } from '@/lib/runs/service';\n")).toHaveLength(1);
    expect(await layerViolations('lib/scripted-model/bad-example.ts', "export { lmCalls } from '@/db/schema';\n")).toHaveLength(1);
    expect(await layerViolations('lib/scripted-model/good-example.ts', "export { extractCode } from '@/lib/lm/extract-code';\nexport type { ModelBackend } from '@/lib/lm/backends/types';\n")).toEqual([]);
  });

  test('the improver programs importing the engine fails lint', async () => {
    expect(await layerViolations('lib/improvers/bad-example.ts', "export { runStop } from '@/lib/stop/algorithm';\n")).toEqual([expect.stringMatching(/improver programs are a leaf/)]);
  });

  test('allowed imports pass: a component importing view types, the engine importing the sandbox', async () => {
    expect(await layerViolations('components/runs/good-example.tsx', "import type { RunView } from '@/lib/runs/views';\nexport type T = RunView;\n")).toEqual([]);
    expect(await layerViolations('lib/stop/good-example.ts', "export { runImprover } from '@/lib/sandbox';\n")).toEqual([]);
  });
});
