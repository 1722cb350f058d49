import { LinkButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function NotFound() {
  return (
    <EmptyState title="Not found" action={<LinkButton href="/">Back to the runs</LinkButton>}>
      There is nothing here: the run may have been deleted, or the share link revoked.
    </EmptyState>
  );
}
