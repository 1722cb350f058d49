import { Badge } from '@/components/ui/badge';
import { strategyLabel } from '@/lib/strategy-tags';

export function StrategyTags({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return <span className="text-xs text-zinc-400">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {tags.map((tag) => (
        <Badge key={tag} tone="accent">{strategyLabel(tag)}</Badge>
      ))}
    </span>
  );
}
