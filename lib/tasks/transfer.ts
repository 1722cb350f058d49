/**
 * The tasks of the paper's transfer experiment (Table 1), in its order: the default task list of a
 * transfer run in the new-run form and the CLI. Kept free of task code so that the browser can import it.
 */
export const TRANSFER_TASK_IDS = ['string-grid', 'quadratic-assignment', '3sat', 'maxcut', 'parity'] as const;
