import { Link } from '@/components/ui/link';
import { signOutAction } from '@/app/actions/auth';
import { authMode, isAdmin } from '@/lib/auth/session';

const chip = 'inline-flex h-8 items-center rounded-md px-2.5 text-xs';

export async function SessionControl() {
  if (authMode() === 'open') {
    return (
      <span className={`${chip} text-zinc-500 dark:text-zinc-400`} title="No admin token is configured: anyone who can reach this server can use it.">
        open access
      </span>
    );
  }
  if (!(await isAdmin())) {
    return (
      <Link href="/sign-in" className={`${chip} bg-accent-600 font-medium text-white hover:bg-accent-700`}>
        Sign in
      </Link>
    );
  }
  return (
    <form action={signOutAction}>
      <button type="submit" className={`${chip} border border-zinc-200 text-zinc-600 hover:bg-zinc-100 dark:border-zinc-800 dark:text-zinc-300 dark:hover:bg-zinc-900`}>
        Sign out
      </button>
    </form>
  );
}
