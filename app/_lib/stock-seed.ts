import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const SEED_PATH = path.join(process.cwd(), 'lib', 'stop', 'seeds', 'seed_improver.py');

/** The stock seed improver, read at request time so that edits to the file show up without a rebuild. */
export async function readStockSeed(): Promise<{ code: string; error?: string }> {
  try {
    return { code: await readFile(SEED_PATH, 'utf8') };
  } catch (error) {
    return { code: '', error: `The seed improver could not be read from lib/stop/seeds/seed_improver.py: ${error instanceof Error ? error.message : String(error)}` };
  }
}
