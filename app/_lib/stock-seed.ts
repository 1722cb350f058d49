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
