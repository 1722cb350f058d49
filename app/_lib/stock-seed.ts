import 'server-only';
import { readProgram } from '@/lib/stop/programs';

/** The stock seed improver, read at request time so that edits to the file show up without a rebuild. */
export async function readStockSeed(): Promise<{ code: string; error?: string }> {
  try {
    return { code: readProgram('seed') };
  } catch (error) {
    return { code: '', error: `The seed improver: ${error instanceof Error ? error.message : String(error)}` };
  }
}
