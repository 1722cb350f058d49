import { describe, expect, it } from 'vitest';
import { applyTableQuery, groupPoints, groupRows, pageOf, parseTableQuery, sortHref, tableQueryParams, type RunRow } from './table-view';

function row(id: string, patch: Partial<RunRow> = {}): RunRow {
  return {
    id,
    kind: 'stop',
    title: `run ${id}`,
    status: 'completed',
    error: null,
    taskId: 'lpn',
    provider: 'scripted',
    model: 'scripted-strong',
    tags: [],
    note: '',
    createdAt: `2026-12-0${id.length}T10:00:00.000Z`,
    seedEdited: false,
    seedOrigin: 'seed',
    perIteration: [],
    final: null,
    points: [],
    ...patch,
  };
}

const final = (mean: number) => ({ mean, se: 0, iteration: 2, delta: null });

describe('runs table view', () => {
  const rows = [
    row('a', { model: 'scripted-weak', tags: ['paper'], final: final(0.4) }),
    row('b', { tags: ['paper', 'ablation'], final: final(0.7), note: 'greedy gate' }),
    row('c', { final: null, status: 'failed' }),
    row('d', { tags: ['paper'], final: final(0.55), taskId: 'maxcut' }),
  ];

  it('filters by model and tag, and searches titles, notes and tags', () => {
    const query = parseTableQuery({ model: 'scripted-strong', tag: 'paper' });
    expect(applyTableQuery(rows, query).map((r) => r.id)).toEqual(['b', 'd']);
    expect(applyTableQuery(rows, parseTableQuery({ q: 'GREEDY' })).map((r) => r.id)).toEqual(['b']);
  });

  it('sorts on final test û either way, runs without one last', () => {
    expect(applyTableQuery(rows, parseTableQuery({ sort: 'final' })).map((r) => r.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(applyTableQuery(rows, parseTableQuery({ sort: 'final', dir: 'asc' })).map((r) => r.id)).toEqual(['a', 'd', 'b', 'c']);
  });

  it('keeps the whole view in the URL and ignores unknown values', () => {
    const query = parseTableQuery({ q: 'x', tag: 'paper', sort: 'final', dir: 'asc', group: 'model' });
    expect(parseTableQuery(Object.fromEntries(tableQueryParams(query)))).toEqual(query);
    expect(parseTableQuery({ sort: 'nonsense', group: 'colour' })).toMatchObject({ sort: 'created', group: null });
    expect(sortHref(parseTableQuery({ sort: 'final' }), 'final')).toBe('/?sort=final&dir=asc');
  });

  it('groups by model and pools the repeats of a group', () => {
    const withPoints = [
      row('a', { points: [{ repeat: 0, iteration: 0, train: 0.1, test: 0.2 }, { repeat: 1, iteration: 0, train: 0.1, test: 0.4 }] }),
      row('b', { points: [{ repeat: 0, iteration: 0, train: 0.1, test: 0.6 }] }),
    ];
    const groups = groupRows([...withPoints, row('c', { model: 'scripted-weak' })], 'model');
    expect(groups.map((g) => [g.key, g.rows.length])).toEqual([['scripted-strong', 2], ['scripted-weak', 1]]);
    expect(groupPoints(groups[0]!).map((p) => p.repeat)).toEqual([0, 1, 2]);
  });

  it('pages the table, keeping the view in the page links; a new sort starts at page 1', () => {
    const many = Array.from({ length: 120 }, (_, index) => ({ ...rows[0]!, id: `r${index}` }));
    const query = parseTableQuery({ tag: 'paper', page: '2' });
    const second = pageOf(many, query, 50);
    expect(second).toMatchObject({ page: 2, pages: 3, first: 51, last: 100 });
    expect(second.rows.map((row) => row.id)).toEqual(many.slice(50, 100).map((row) => row.id));
    expect(second.previousHref).toBe('/?tag=paper');
    expect(second.nextHref).toBe('/?tag=paper&page=3');
    expect(pageOf(many, parseTableQuery({ page: '99' }), 50)).toMatchObject({ page: 3, first: 101, last: 120, nextHref: null });
    expect(pageOf([], parseTableQuery({}), 50)).toMatchObject({ page: 1, pages: 1, first: 0, last: 0, previousHref: null, nextHref: null });
    expect(parseTableQuery({ page: '-3' }).page).toBe(1);
    expect(parseTableQuery({ page: 'x' }).page).toBe(1);
    expect(sortHref(parseTableQuery({ page: '3' }), 'title')).toBe('/?sort=title');
  });
});
