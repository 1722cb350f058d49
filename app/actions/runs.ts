'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { RUN_ID_PATTERN } from '@/db/ids';
import { findRun, updateRunLabels } from '@/db/queries/runs';
import { createComparisonShare, revokeComparisonShare } from '@/db/queries/comparison-shares';
import { createShareLink, revokeShareLink } from '@/db/queries/share-links';
import { comparisonViewSchema } from '@/lib/runs/comparison-view';
import { NOT_SIGNED_IN, isAdmin } from '@/lib/auth/session';
import { forkRefusal } from '@/lib/runs/fork-policy';
import { spendCapSchema, stopRunConfigSchema, type RunConfig } from '@/lib/runs/config';
import { validateLaunchInput } from '@/lib/runs/launch-input';
import { findUnsafeText } from '@/lib/runs/unsafe-text';
import { cancelRun, forkRun, launchRun, resumeRun, resumeWithCap } from '@/lib/runs/service';
import { preflightImprover, type PreflightReport } from '@/lib/stop/preflight';
import { preflightRejectionReason } from '@/lib/runs/preflight-verdict';
import { failure, type ActionResult } from './result';

const runIdSchema = z.string().regex(RUN_ID_PATTERN);

async function denied(): Promise<{ ok: false; error: string } | null> {
  return (await isAdmin()) ? null : { ok: false, error: NOT_SIGNED_IN };
}

function issueMessages(issues: { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.path] ??= issue.message;
  return out;
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  return issueMessages(error.issues.map((issue) => ({ path: issue.path.join('.') || 'form', message: issue.message })));
}

const launchOptionsSchema = z.object({ launchAnyway: z.boolean().default(false) }).default({ launchAnyway: false });

/** Why the preflight check rejects a STOP seed (syntax or signature), or null when it does not. */
async function preflightRejection(config: RunConfig): Promise<string | null> {
  if (config.kind !== 'stop') return null;
  const report = await preflightImprover(config.seedImprover, config);
  return preflightRejectionReason(report);
}

/**
 * Validates and launches a run (STOP, transfer, sandbox study or baseline), then goes to its page. A seed the
 * preflight check rejects launches only with `launchAnyway`.
 */
export async function launchRunAction(input: unknown, options?: unknown): Promise<ActionResult<{ runId: string }>> {
  const refused = await denied();
  if (refused) return refused;
  const launch = await validateLaunchInput(input);
  if (!launch.ok) {
    return { ok: false, error: 'Some settings are not valid: see the messages next to the fields.', fieldErrors: issueMessages(launch.issues) };
  }
  const launchOptions = launchOptionsSchema.safeParse(options ?? undefined);
  if (!launchOptions.success) return { ok: false, error: 'Invalid launch options.' };
  if (!launchOptions.data.launchAnyway) {
    const rejection = await preflightRejection(launch.config).catch(() => null);
    if (rejection) return { ok: false, error: `The preflight check rejects this improver (${rejection}). Tick "Launch anyway" to launch it regardless.` };
  }
  let runId: string;
  try {
    ({ runId } = await launchRun(launch.config));
  } catch (error) {
    console.error('[actions] launching a run failed:', error);
    return { ok: false, error: 'The run could not be launched (the server log has the details).' };
  }
  revalidatePath('/');
  redirect(runPagePath(launch.config.kind, runId));
}

function runPagePath(kind: string, runId: string): string {
  if (kind === 'transfer') return `/transfer#${runId}`;
  if (kind === 'sandbox-study') return `/sandbox-study#${runId}`;
  return `/runs/${runId}`;
}

export async function preflightAction(input: unknown): Promise<ActionResult<{ report: PreflightReport }>> {
  const refused = await denied();
  if (refused) return refused;
  if (findUnsafeText(input)) return { ok: false, error: 'The settings contain a NUL character or an unpaired surrogate.' };
  const parsed = stopRunConfigSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'Fix the settings first.', fieldErrors: fieldErrors(parsed.error) };
  try {
    return { ok: true, report: await preflightImprover(parsed.data.seedImprover, parsed.data) };
  } catch (error) {
    return failure(error, 'The preflight check could not run');
  }
}

export async function cancelRunAction(runId: unknown): Promise<ActionResult> {
  const refused = await denied();
  if (refused) return refused;
  const id = runIdSchema.safeParse(runId);
  if (!id.success) return { ok: false, error: 'Unknown run.' };
  try {
    await cancelRun(id.data);
  } catch (error) {
    return failure(error, 'The run could not be cancelled');
  }
  revalidatePath(`/runs/${id.data}`);
  return { ok: true };
}

/** Resumes a failed run (e.g. one quarantined after crashing the server) from its last completed step. */
export async function resumeRunAction(runId: unknown): Promise<ActionResult> {
  const refused = await denied();
  if (refused) return refused;
  const id = runIdSchema.safeParse(runId);
  if (!id.success) return { ok: false, error: 'Unknown run.' };
  try {
    const { finished } = await resumeRun(id.data);
    finished.catch((error: unknown) => console.error(`[runs] resuming ${id.data} by hand failed:`, error));
  } catch (error) {
    return failure(error, 'The run could not be resumed');
  }
  revalidatePath(`/runs/${id.data}`);
  return { ok: true };
}

const forkSchema = z.object({ runId: runIdSchema, iteration: z.number().int().min(0).max(100) });

export async function forkRunAction(input: unknown): Promise<ActionResult<{ runId: string }>> {
  const refused = await denied();
  if (refused) return refused;
  const parsed = forkSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'Choose an iteration to fork from.' };
  const refusal = await forkRefusal(parsed.data.runId);
  if (refusal) return { ok: false, error: refusal };
  let runId: string;
  try {
    ({ runId } = await forkRun(parsed.data.runId, parsed.data.iteration));
  } catch (error) {
    return failure(error, 'The run could not be forked');
  }
  redirect(`/runs/${runId}`);
}

const resumeSchema = z.object({
  runId: runIdSchema,
  cap: spendCapSchema.refine((cap) => cap.maxCostUsd !== undefined || cap.maxTokens !== undefined, 'Give a new cost or token cap.'),
});

/** Resumes a run stopped at its spend cap with a raised cap (the run keeps everything it did). */
export async function resumeWithCapAction(input: unknown): Promise<ActionResult> {
  const refused = await denied();
  if (refused) return refused;
  const parsed = resumeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'Give a new cap.' };
  try {
    // Not awaited to the end: the run page follows it live.
    void (await resumeWithCap(parsed.data.runId, parsed.data.cap)).finished.catch(() => undefined);
  } catch (error) {
    return failure(error, 'The run could not be resumed');
  }
  revalidatePath(`/runs/${parsed.data.runId}`);
  return { ok: true };
}

export async function shareRunAction(runId: unknown): Promise<ActionResult<{ token: string }>> {
  const refused = await denied();
  if (refused) return refused;
  const id = runIdSchema.safeParse(runId);
  if (!id.success || !(await findRun(id.data))) return { ok: false, error: 'Unknown run.' };
  try {
    const link = await createShareLink(id.data);
    revalidatePath(`/runs/${id.data}`);
    return { ok: true, token: link.token };
  } catch (error) {
    return failure(error, 'The share link could not be created');
  }
}

export async function revokeShareAction(token: unknown): Promise<ActionResult> {
  const refused = await denied();
  if (refused) return refused;
  const parsed = z.string().min(1).max(200).safeParse(token);
  if (!parsed.success) return { ok: false, error: 'Unknown share link.' };
  try {
    if (!(await revokeShareLink(parsed.data))) return { ok: false, error: 'This link is unknown or already revoked.' };
  } catch (error) {
    return failure(error, 'The share link could not be revoked');
  }
  revalidatePath('/runs/[id]', 'page');
  return { ok: true };
}

const labelsSchema = z.object({
  runId: runIdSchema,
  title: z.string().trim().min(1, 'Give the run a name.').max(200, 'At most 200 characters.'),
  tags: z
    .array(z.string().trim().min(1).max(40, 'A tag has at most 40 characters.'))
    .max(20, 'At most 20 tags.')
    .transform((tags) => [...new Set(tags)]),
  note: z.string().max(4000, 'The note has at most 4,000 characters.'),
});

/** Renames a run and sets its tags and free-text note (runs table). */
export async function updateRunLabelsAction(input: unknown): Promise<ActionResult> {
  const refused = await denied();
  if (refused) return refused;
  if (findUnsafeText(input)) return { ok: false, error: 'The text contains a NUL character or an unpaired surrogate.' };
  const parsed = labelsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'Invalid labels.', fieldErrors: fieldErrors(parsed.error) };
  const { runId, ...labels } = parsed.data;
  try {
    if (!(await updateRunLabels(runId, labels))) return { ok: false, error: 'Unknown run.' };
  } catch (error) {
    return failure(error, 'The run could not be updated');
  }
  revalidatePath('/');
  revalidatePath(`/runs/${runId}`);
  return { ok: true };
}

/** A read-only, revocable link to a comparison (runs on Compare, or a group of the runs table). */
export async function shareComparisonAction(input: unknown): Promise<ActionResult<{ token: string }>> {
  const refused = await denied();
  if (refused) return refused;
  if (findUnsafeText(input)) return { ok: false, error: 'The view contains a NUL character or an unpaired surrogate.' };
  const parsed = comparisonViewSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'Invalid comparison.' };
  const known = await Promise.all(parsed.data.runs.map((id) => findRun(id)));
  if (known.some((run) => !run)) return { ok: false, error: 'Unknown run.' };
  try {
    const share = await createComparisonShare(parsed.data);
    revalidatePath('/compare');
    return { ok: true, token: share.token };
  } catch (error) {
    return failure(error, 'The share link could not be created');
  }
}

export async function revokeComparisonShareAction(token: unknown): Promise<ActionResult> {
  const refused = await denied();
  if (refused) return refused;
  const parsed = z.string().min(1).max(200).safeParse(token);
  if (!parsed.success) return { ok: false, error: 'Unknown share link.' };
  try {
    if (!(await revokeComparisonShare(parsed.data))) return { ok: false, error: 'This link is unknown or already revoked.' };
  } catch (error) {
    return failure(error, 'The share link could not be revoked');
  }
  revalidatePath('/compare');
  return { ok: true };
}
