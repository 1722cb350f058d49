'use client';

import { fileStem } from '@/lib/figures/svg';
import { tableCsv, tableLatex, tableSvg, type FigureTable } from '@/lib/figures/table';
import { ExportButtons } from './export-buttons';

/** Exports of a table (SVG, PNG, CSV, LaTeX/booktabs), all built from the same table model. */
export function TableExports({ table, name }: { table: FigureTable; name?: string }) {
  return <ExportButtons label={table.title} source={{ name: name ?? fileStem(table.title), svg: () => tableSvg(table), csv: () => tableCsv(table), latex: () => tableLatex(table) }} />;
}
