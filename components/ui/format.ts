/** Display formatting shared by pages: meta-utilities as percentages, money, tokens, durations, dates. */
export function pct(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

export function pctPm(mean: number | null | undefined, se: number | null | undefined, digits = 1): string {
  if (mean === null || mean === undefined) return '—';
  return se ? `${pct(mean, digits)} ± ${(se * 100).toFixed(digits)}` : pct(mean, digits);
}

export function usd(value: number): string {
  if (value === 0) return '$0';
  return value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

export function count(value: number): string {
  return new Intl.NumberFormat('en-US').format(value);
}

export function ms(value: number): string {
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(value < 10_000 ? 1 : 0)} s`;
}

export function dateTime(value: Date | string | null | undefined): string {
  if (!value) return '—';
  const date = typeof value === 'string' ? new Date(value) : value;
  return date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function duration(start: Date | null | undefined, end: Date | null | undefined): string {
  if (!start) return '—';
  return ms((end ?? new Date()).getTime() - start.getTime());
}
