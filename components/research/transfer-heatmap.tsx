import { cellKey, gainColour, type HeatmapData } from '@/lib/charts/heatmap';

const pts = (value: number) => `${value >= 0 ? '+' : '−'}${(Math.abs(value) * 100).toFixed(1)}`;
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Improvers × tasks coloured by gain over the seed improver; hover (or focus) a cell for the numbers. */
export function TransferHeatmap({ data }: { data: HeatmapData }) {
  if (data.rows.length === 0 || data.tasks.length === 0) return <p className="text-sm text-zinc-500">Pick at least one finished transfer experiment.</p>;
  return (
    <div className="space-y-3" data-testid="transfer-heatmap">
      <div className="overflow-x-auto pb-28">
        <table className="border-separate border-spacing-1 text-sm">
          <thead>
            <tr>
              <th className="px-2 text-left text-[11px] font-medium uppercase tracking-wider text-zinc-500">Improver</th>
              {data.tasks.map((task) => (
                <th key={task} scope="col" className="px-2 text-center font-mono text-xs font-medium text-zinc-600 dark:text-zinc-300">{task}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.id}>
                <th scope="row" className="max-w-[16rem] truncate pr-3 text-left font-medium">{row.label}</th>
                {data.tasks.map((task) => {
                  const cell = data.cells[cellKey(row.id, task)];
                  if (!cell) return <td key={task} className="h-12 w-28 rounded-md bg-zinc-50 text-center text-xs text-zinc-600 dark:bg-zinc-800/40 dark:text-zinc-400">not run</td>;
                  const description = `${row.label} on ${task}: gain ${pts(cell.gain)} pts over the seed improver (95 % interval ${pts(cell.low)} to ${pts(cell.high)}); û(I) ${pct(cell.improver)} vs û(I₀) ${pct(cell.baseline)}`;
                  return (
                    <td key={task} className="group relative h-12 w-28 p-0">
                      <button
                        type="button"
                        aria-label={description}
                        className={`flex h-full w-full items-center justify-center rounded-md text-sm font-semibold tabular-nums text-zinc-900 outline-none ring-accent-500 focus-visible:ring-2 ${cell.significant ? '' : 'italic'}`}
                        style={{ background: gainColour(cell.gain, data.scale) }}
                      >
                        {pts(cell.gain)}
                      </button>
                      <div role="tooltip" className="pointer-events-none invisible absolute left-1/2 top-full z-10 mt-1 w-72 -translate-x-1/2 rounded-lg border border-zinc-200 bg-white p-2 text-xs shadow-lg group-focus-within:visible group-hover:visible dark:border-zinc-700 dark:bg-zinc-900">
                        <div className="font-medium">{task}</div>
                        <div className="tabular-nums">gain {pts(cell.gain)} pts [{pts(cell.low)}, {pts(cell.high)}] (95 %)</div>
                        <div className="tabular-nums text-zinc-500">û(I) {pct(cell.improver)} · û(I₀) {pct(cell.baseline)}</div>
                      </div>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-[11px] text-zinc-500">Points of test meta-utility gained over the seed improver on each task; green is better, red worse, italic when the 95 % interval includes 0.</p>
    </div>
  );
}
