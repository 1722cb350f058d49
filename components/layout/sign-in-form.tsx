'use client';

import { useActionState } from 'react';
import { signInAction } from '@/app/actions/auth';
import { inputClass } from '@/components/new-run/field';

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signInAction, null);
  const error = state?.ok === false ? state.error : undefined;
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="next" value={next} />
      <div className="space-y-1">
        <label htmlFor="token" className="text-sm font-medium">Admin token</label>
        <input id="token" name="token" type="password" autoComplete="current-password" required autoFocus className={inputClass}
          aria-invalid={error ? true : undefined} aria-describedby={error ? 'token-error' : undefined} />
        {error && <p id="token-error" role="alert" className="text-sm text-rose-600 dark:text-rose-400">{error}</p>}
      </div>
      <button type="submit" disabled={pending} className="w-full rounded-lg bg-accent-600 px-3 py-2 text-sm font-medium text-white hover:bg-accent-700 disabled:opacity-50">
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
