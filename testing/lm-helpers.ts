import type { Database } from '@/db/client';
import { newId } from '@/db/ids';
import { insertRun } from '@/db/queries/runs';
import type { LmPromptRequest } from '@/lib/lm/types';

/** A run row for lm_calls to belong to (tests only). */
export async function insertTestRun(db: Database, provider = 'scripted'): Promise<string> {
  const run = await insertRun(
    {
      id: newId('run'),
      kind: 'improve',
      title: 'lm test',
      status: 'running',
      config: {},
      provider,
      model: 'scripted',
    },
    db,
  );
  return run.id;
}

export function promptRequest(message: string, n = 1, temperature = 0.7): LmPromptRequest {
  return { expertise: 'You are an expert programmer.', messages: [message], n, temperature };
}
