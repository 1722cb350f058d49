import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandIo {
  json: boolean;
  out(text: string): void;
  err(text: string): void;
  /** Prints `data` as JSON under --json, else the human rendering. */
  result<T>(data: T, human: (data: T) => string): void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  /** Returns the exit code (0 when omitted). */
  run(values: OptionValues, positionals: string[], io: CommandIo): Promise<number | void>;
}

/** A user error: printed as a message, not a stack trace; exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function requireString(values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

export function optionalInt(values: OptionValues, name: string, fallback: number, min = 0): number {
  const value = values[name];
  if (value === undefined) return fallback;
  const parsed = typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isInteger(parsed) || parsed < min) {
    throw new UsageError(`--${name} must be a whole number ≥ ${min} (got ${String(value)})`);
  }
  return parsed;
}

export function optionalNumber(values: OptionValues, name: string, fallback: number): number {
  const value = values[name];
  if (value === undefined) return fallback;
  const parsed = typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(parsed)) throw new UsageError(`--${name} must be a number (got ${String(value)})`);
  return parsed;
}
