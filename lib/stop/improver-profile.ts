import { scanCode, type ScanFinding } from '@/lib/analysis/scanner';
import { detectStrategyTags } from '@/lib/strategy-tags';

export interface ImproverProfile {
  strategyTags: string[];
  findings: ScanFinding[];
}

/** What the run page shows about an improver's code: its strategies and its circumvention findings. */
export function describeImprover(code: string): ImproverProfile {
  return { strategyTags: detectStrategyTags(code), findings: scanCode(code) };
}
