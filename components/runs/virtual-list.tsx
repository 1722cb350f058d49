'use client';

import { useState, type ReactNode } from 'react';

/**
 * Renders only the rows in view (fixed row height), so logs of thousands of rows stay cheap.
 * Rows are keyed by index within `items`.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  height,
  renderRow,
  label,
  testId,
}: {
  items: readonly T[];
  rowHeight: number;
  height: number;
  renderRow: (item: T, index: number) => ReactNode;
  label: string;
  testId?: string;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const overscan = 8;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return (
    <div
      role="list"
      aria-label={label}
      tabIndex={0}
      data-testid={testId}
      data-count={items.length}
      className="relative overflow-y-auto rounded-lg border border-zinc-100 dark:border-zinc-800"
      style={{ height: Math.min(height, Math.max(rowHeight * items.length, rowHeight) + 2) }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        {items.slice(first, last).map((item, offset) => (
          <div role="listitem" key={first + offset} style={{ position: 'absolute', top: (first + offset) * rowHeight, height: rowHeight, left: 0, right: 0 }}>
            {renderRow(item, first + offset)}
          </div>
        ))}
      </div>
    </div>
  );
}
