/** What every server action returns: data on success, a sentence (and per-field sentences) on failure. */
export type ActionResult<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export function failure(error: unknown, prefix?: string): { ok: false; error: string } {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: prefix ? `${prefix}: ${message}` : message };
}
