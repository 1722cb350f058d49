/**
 * The runs table's view: rows (a view type, never database rows), the query kept in the URL (search,
 * filters, sort, grouping) and the pure functions that apply it.
 */
import type { StockSeed } from '@/components/diff/diff-href';
import type { RepeatPoint } from '@/lib/charts/figure4';

export interface RunRow {
  id: string;
  kind: string;
  title: string;
  status: string;
  /** Why the run failed, when it did. */
  error: string | null;
  taskId: string;
  provider: string;
  model: string;
  tags: string[];
  note: string;
  createdAt: string;
  /** The seed improver differs from both stock seeds (STOP runs only). */
  seedEdited: boolean;
  /** The stock seed it is, or was edited from (STOP runs only): what its diff link compares it with. */
  seedOrigin: StockSeed | null;
  perIteration: (number | null)[];
  final: { mean: number; se: number; iteration: number; delta: number | null } | null;
  points: RepeatPoint[];
}

export const SORT_KEYS = ['created', 'title', 'status', 'task', 'model', 'kind', 'final'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const GROUP_KEYS = ['model', 'task'] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];
export const FILTER_KEYS = ['task', 'model', 'kind', 'status', 'tag'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface TableQuery {
  q: string;
  filters: Record<FilterKey, string>;
  sort: SortKey;
  dir: 'asc' | 'desc';
  group: GroupKey | null;
  /** 1-based page of the table (groups are not paged). */
  page: number;
}

/** Rows a page of the runs table shows: the page renders fast however many runs there are. */
export const RUNS_PER_PAGE = 50;

type Params = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).slice(0, 200);

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | null {
  return (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

export function parseTableQuery(params: Params): TableQuery {
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, first(params[key]).trim()])) as Record<FilterKey, string>;
  return {
    q: first(params.q).trim(),
    filters,
    sort: oneOf(first(params.sort), SORT_KEYS) ?? 'created',
    dir: first(params.dir) === 'asc' ? 'asc' : 'desc',
    group: oneOf(first(params.group), GROUP_KEYS),
    page: Math.min(10_000, Math.max(1, Math.floor(Number(first(params.page))) || 1)),
  };
}

/** The query as URL search parameters (defaults left out, so plain views keep plain URLs). */
export function tableQueryParams(query: TableQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const key of FILTER_KEYS) if (query.filters[key]) params.set(key, query.filters[key]);
  if (query.sort !== 'created') params.set('sort', query.sort);
  if (query.dir !== 'desc') params.set('dir', query.dir);
  if (query.group) params.set('group', query.group);
  if (query.page > 1) params.set('page', String(query.page));
  return params;
}

const hrefOf = (params: URLSearchParams) => (params.size > 0 ? `/?${params.toString()}` : '/');

/** One page of the (filtered, sorted) rows: which rows, and where the neighbouring pages are. */
export interface TablePage {
  rows: RunRow[];
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown (0 and 0 when there are none). */
  first: number;
  last: number;
  previousHref: string | null;
  nextHref: string | null;
}

export function pageOf(rows: readonly RunRow[], query: TableQuery, perPage = RUNS_PER_PAGE): TablePage {
  const pages = Math.max(1, Math.ceil(rows.length / perPage));
  const page = Math.min(query.page, pages);
  const start = (page - 1) * perPage;
  const shown = rows.slice(start, start + perPage);
  const link = (target: number) => hrefOf(tableQueryParams({ ...query, page: target }));
  return {
    rows: shown,
    page,
    pages,
    first: shown.length > 0 ? start + 1 : 0,
    last: start + shown.length,
    previousHref: page > 1 ? link(page - 1) : null,
    nextHref: page < pages ? link(page + 1) : null,
  };
}

/** The link of a column header: sorting on it, descending first, flipping when it is already the key. */
export function sortHref(query: TableQuery, key: SortKey): string {
  const dir = query.sort === key && query.dir === 'desc' ? 'asc' : 'desc';
  return hrefOf(tableQueryParams({ ...query, sort: key, dir, page: 1 }));
}

function matchesFilter(row: RunRow, key: FilterKey, value: string): boolean {
  switch (key) {
    case 'task':
      return row.taskId === value;
    case 'model':
      return row.model === value;
    case 'kind':
      return row.kind === value;
    case 'status':
      return row.status === value;
    case 'tag':
      return row.tags.includes(value);
  }
}

function matchesSearch(row: RunRow, q: string): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  return [row.id, row.title, row.note, row.taskId, row.model, ...row.tags].some((text) => text.toLowerCase().includes(needle));
}

function sortValue(row: RunRow, key: SortKey): string | number | null {
  switch (key) {
    case 'created':
      return row.createdAt;
    case 'title':
      return row.title.toLowerCase();
    case 'status':
      return row.status;
    case 'task':
      return row.taskId;
    case 'model':
      return row.model;
    case 'kind':
      return row.kind;
    case 'final':
      return row.final?.mean ?? null;
  }
}

/** Filters, searches and sorts (runs without a value for the key go last either way). */
export function applyTableQuery(rows: readonly RunRow[], query: TableQuery): RunRow[] {
  const kept = rows.filter(
    (row) => matchesSearch(row, query.q) && FILTER_KEYS.every((key) => !query.filters[key] || matchesFilter(row, key, query.filters[key])),
  );
  const sign = query.dir === 'asc' ? 1 : -1;
  return kept
    .map((row, index) => ({ row, index, value: sortValue(row, query.sort) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      if (a.value < b.value) return -sign;
      if (a.value > b.value) return sign;
      return a.index - b.index;
    })
    .map(({ row }) => row);
}

export interface RunGroup {
  key: string;
  rows: RunRow[];
}

export function groupRows(rows: readonly RunRow[], by: GroupKey): RunGroup[] {
  const groups = new Map<string, RunRow[]>();
  for (const row of rows) {
    const key = by === 'model' ? row.model : row.taskId;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.entries()].map(([key, members]) => ({ key, rows: members }));
}

/** A group's curve: every repeat of every member run as one sample (repeats renumbered per run). */
export function groupPoints(group: RunGroup): RepeatPoint[] {
  const stride = 1 + Math.max(0, ...group.rows.flatMap((row) => row.points.map((point) => point.repeat)));
  return group.rows.flatMap((row, index) => row.points.map((point) => ({ ...point, repeat: index * stride + point.repeat })));
}

/** The values the filter menus offer: what the runs have. */
export function filterOptions(rows: readonly RunRow[]): Record<FilterKey, string[]> {
  const distinct = (values: string[]) => [...new Set(values)].filter(Boolean).sort();
  return {
    task: distinct(rows.map((row) => row.taskId)),
    model: distinct(rows.map((row) => row.model)),
    kind: distinct(rows.map((row) => row.kind)),
    status: distinct(rows.map((row) => row.status)),
    tag: distinct(rows.flatMap((row) => row.tags)),
  };
}

export const EDITED_SEED = 'edited seed';

/** A title that tells runs apart: the run's title, then model, seed (marked when edited) and date. */
export function runSubtitleParts(row: Pick<RunRow, 'kind' | 'model' | 'taskId' | 'seedEdited' | 'seedOrigin' | 'createdAt'>): string[] {
  const seed = row.kind === 'stop' ? (row.seedEdited ? EDITED_SEED : row.seedOrigin === 'paper-seed' ? "the paper's seed" : 'stock seed') : null;
  return [row.model, row.taskId, seed, row.createdAt.slice(0, 16).replace('T', ' ')].filter((part): part is string => Boolean(part));
}
