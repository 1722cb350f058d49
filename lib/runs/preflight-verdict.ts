import type { PreflightReport } from '@/lib/stop/preflight';

/**
 * Why the preflight check rejects an improver (it cannot parse, or improve_algorithm has the wrong
 * signature), or null when it does not. Scanner findings are warnings and never reject. Pure: the
 * new-run form and the launch action share it.
 */
export function preflightRejectionReason(report: Pick<PreflightReport, 'syntax' | 'signature'>): string | null {
  if (!report.syntax.ok) return `syntax error${report.syntax.line ? ` at line ${report.syntax.line}` : ''}${report.syntax.message ? `: ${report.syntax.message}` : ''}`;
  if (!report.signature.ok) return `signature problem${report.signature.message ? `: ${report.signature.message}` : ''}`;
  return null;
}
