import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { newShareToken } from '@/lib/auth/token';
import { comparisonViewSchema, type ComparisonView } from '@/lib/runs/comparison-view';
import { type Database, dbOr } from '../client';
import { comparisonShares } from '../schema';

export interface ComparisonShareRow {
  token: string;
  view: ComparisonView;
  createdAt: Date;
  revokedAt: Date | null;
}

function toRow(row: typeof comparisonShares.$inferSelect): ComparisonShareRow | null {
  const view = comparisonViewSchema.safeParse(row.view);
  return view.success ? { token: row.token, view: view.data, createdAt: row.createdAt, revokedAt: row.revokedAt } : null;
}

export async function createComparisonShare(view: ComparisonView, db?: Database): Promise<ComparisonShareRow> {
  const [row] = await (await dbOr(db)).insert(comparisonShares).values({ token: newShareToken(), view }).returning();
  const share = row && toRow(row);
  if (!share) throw new Error('creating the comparison share returned nothing');
  return share;
}

/** The shared view when the link exists, is not revoked and its stored view is valid. */
export async function findActiveComparisonShare(token: string, db?: Database): Promise<ComparisonShareRow | undefined> {
  const [row] = await (await dbOr(db))
    .select()
    .from(comparisonShares)
    .where(and(eq(comparisonShares.token, token), isNull(comparisonShares.revokedAt)))
    .limit(1);
  return (row && toRow(row)) ?? undefined;
}

/** Links (live and revoked) that share exactly these runs in this layout. */
export async function listComparisonShares(runIds: string[], layout: ComparisonView['layout'], db?: Database): Promise<ComparisonShareRow[]> {
  const rows = await (await dbOr(db))
    .select()
    .from(comparisonShares)
    .where(and(sql`${comparisonShares.view}->'runs' = ${JSON.stringify(runIds)}::jsonb`, sql`${comparisonShares.view}->>'layout' = ${layout}`))
    .orderBy(desc(comparisonShares.createdAt))
    .limit(50);
  return rows.map(toRow).filter((row): row is ComparisonShareRow => row !== null);
}

/** Whether a link was revoked now (false when unknown or already revoked). */
export async function revokeComparisonShare(token: string, db?: Database): Promise<boolean> {
  const rows = await (await dbOr(db))
    .update(comparisonShares)
    .set({ revokedAt: new Date() })
    .where(and(eq(comparisonShares.token, token), isNull(comparisonShares.revokedAt)))
    .returning({ token: comparisonShares.token });
  return rows.length > 0;
}
