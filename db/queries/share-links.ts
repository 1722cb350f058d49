import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { newShareToken } from '@/lib/auth/token';
import { type Database, dbOr } from '../client';
import { shareLinks, type ShareLink } from '../schema';


export async function createShareLink(runId: string, db?: Database): Promise<ShareLink> {
  const [row] = await (await dbOr(db)).insert(shareLinks).values({ token: newShareToken(), runId }).returning();
  if (!row) throw new Error('creating the share link returned nothing');
  return row;
}

/** The link when it exists and is not revoked. */
export async function findActiveShareLink(token: string, db?: Database): Promise<ShareLink | undefined> {
  const [row] = await (await dbOr(db))
    .select()
    .from(shareLinks)
    .where(and(eq(shareLinks.token, token), isNull(shareLinks.revokedAt)))
    .limit(1);
  return row;
}

export async function listShareLinks(runId: string, db?: Database): Promise<ShareLink[]> {
  return (await dbOr(db)).select().from(shareLinks).where(eq(shareLinks.runId, runId)).orderBy(desc(shareLinks.createdAt));
}

/** Returns whether a link was revoked now (false when unknown or already revoked). */
export async function revokeShareLink(token: string, db?: Database): Promise<boolean> {
  const rows = await (await dbOr(db))
    .update(shareLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(shareLinks.token, token), isNull(shareLinks.revokedAt)))
    .returning({ token: shareLinks.token });
  return rows.length > 0;
}
