import { z } from 'zod';
import { RUN_ID_PATTERN } from '@/db/ids';

/** What a comparison share link shows: these runs (STOP runs and baselines) in this layout. */
export const comparisonViewSchema = z.object({
  runs: z.array(z.string().regex(RUN_ID_PATTERN)).min(1, 'Choose at least one run.').max(12, 'At most 12 runs.'),
  layout: z.enum(['one', 'panels']).default('one'),
  /** Set when the link shares a group of the runs table, e.g. "model scripted-strong". */
  group: z.string().trim().max(200).optional(),
});
export type ComparisonView = z.infer<typeof comparisonViewSchema>;
