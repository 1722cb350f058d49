'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { endSession, startSession } from '@/lib/auth/session';
import { isValidAdminToken, safeNextPath } from '@/lib/auth/token';
import { env } from '@/lib/env';

export type SignInState = { ok: false; error: string } | { ok: true } | null;

const signInSchema = z.object({ token: z.string().min(1, 'Enter the admin token.'), next: z.string().optional() });

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ token: form.get('token'), next: form.get('next') ?? undefined });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'Enter the admin token.' };
  const adminToken = env.STOP_ADMIN_TOKEN;
  if (!adminToken) return { ok: false, error: 'This server has no admin token: everything is already open.' };
  if (!isValidAdminToken(adminToken, parsed.data.token)) return { ok: false, error: 'That token is not the admin token.' };
  await startSession();
  redirect(safeNextPath(parsed.data.next));
}

export async function signOutAction(): Promise<void> {
  await endSession();
  redirect('/sign-in');
}
