import type { Metadata } from 'next';
import { loadSettings } from '@/app/_lib/settings-data';
import { SettingsCards } from '@/components/settings/settings-cards';
import { PageHeader } from '@/components/ui/page-header';
import { requireReader } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Settings and health' };

export default async function SettingsPage() {
  await requireReader('/settings');
  const view = await loadSettings();
  return (
    <>
      <PageHeader title="Settings and health" description="What this server runs on. Configuration comes from the server's environment (see the README); nothing here is editable from the browser." />
      <SettingsCards view={view} />
    </>
  );
}
