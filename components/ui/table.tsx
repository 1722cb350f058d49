import type { HTMLAttributes, ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  align?: 'left' | 'right';
  /** Extra classes of this column's cells. */
  className?: string;
  cell: (row: T) => ReactNode;
}

const HEAD_ROW = 'border-b border-zinc-100 text-left text-[11px] font-medium uppercase tracking-wider text-zinc-600 dark:border-zinc-800 dark:text-zinc-400';
const BODY_ROW = 'border-b border-zinc-100 last:border-0 dark:border-zinc-800';

/**
 * The app's data table: a header row, one row per item, right-aligned numeric columns. Wide tables
 * scroll sideways in a region that keyboard users can focus.
 */
export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  rowProps,
  minWidth = 640,
  dense = false,
}: {
  /** Names the table (and its scroll region) for assistive technology. */
  label: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  minWidth?: number;
  dense?: boolean;
}) {
  const pad = dense ? 'py-2 pr-4' : 'px-4 py-2';
  const align = (column: Column<T>) => (column.align === 'right' ? 'text-right' : '');
  return (
    <div className="overflow-x-auto" role="region" aria-label={label} tabIndex={0}>
      <table className="w-full text-sm" style={{ minWidth }} aria-label={label}>
        <thead>
          <tr className={HEAD_ROW}>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={`${pad} ${dense ? '' : 'py-2.5'} ${align(column)}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={BODY_ROW} {...rowProps?.(row)}>
              {columns.map((column) => (
                <td key={column.key} className={`${pad} ${align(column)} ${column.className ?? ''}`}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
