import 'server-only';
import { readProgram } from '@/lib/improvers/programs';

/** A stock seed improver, read at request time so that edits to the file show up without a rebuild. */
export async function readStockSeed(name: 'seed' | 'paper-seed' = 'seed'): Promise<{ code: string; error?: string }> {
  try {
    return { code: readProgram(name) };
  } catch (error) {
    return { code: '', error: `The seed improver: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const BLANKS = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/** Whether a STOP run's seed differs from the stock seed (blank lines around it aside), as the runs table marks it. */
export async function seedIsEdited(run: { kind: string; seedImprover: string }): Promise<boolean> {
  if (run.kind !== 'stop') return false;
  const stock = (await readStockSeed()).code.replace(BLANKS, '');
  return stock !== '' && run.seedImprover.replace(BLANKS, '') !== stock;
}
