import type { BaselineReference } from '@/lib/charts/baselines';
import { repeatKey, yTicks, type Figure4Data } from '@/lib/charts/figure4';

const WIDTH = 800;
const MARGIN = { left: 72, right: 16, top: 8, bottom: 48 };
const pctTick = (value: number) => `${Math.round(value * 100)}%`;
const path = (points: readonly (readonly [number, number])[]) => points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');

/**
 * Figure 4 drawn without JavaScript, in the interactive chart's place and style: the server sends it with
 * the page, so the curves show before the chart library has loaded (it replaces this once mounted).
 */
export function Figure4Static({ data, domain, height, references }: { data: Figure4Data; domain: [number, number]; height: number; references: readonly BaselineReference[] }) {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const last = Math.max(1, data.rows.length - 1);
  const sx = (iteration: number) => MARGIN.left + 10 + ((plotW - 20) * iteration) / last;
  const sy = (value: number) => MARGIN.top + plotH - ((value - domain[0]) / (domain[1] - domain[0] || 1)) * plotH;
  const tests = data.rows.filter((row) => row.testMean !== null);
  const trains = data.rows.filter((row) => row.trainMean !== null);
  const band = data.rows.filter((row) => row.testBand !== null);
  const xStep = Math.max(1, Math.ceil(last / 10));
  return (
    <svg
      className="figure4-static block"
      width="100%"
      height={height}
      viewBox={`0 0 ${WIDTH} ${height}`}
      preserveAspectRatio="xMinYMid meet"
      role="img"
      aria-label={`Test meta-utility per iteration: ${tests.map((row) => `iteration ${row.iteration} ${pctTick(row.testMean!)}`).join(', ')}`}
      fontSize={12}
    >
      {yTicks(domain).map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={MARGIN.left + plotW} y1={sy(tick)} y2={sy(tick)} stroke="var(--chart-grid)" strokeDasharray="3 3" />
          <text x={MARGIN.left - 8} y={sy(tick) + 4} textAnchor="end" fill="var(--chart-axis)">{pctTick(tick)}</text>
        </g>
      ))}
      {Array.from({ length: Math.floor(last / xStep) + 1 }, (_, i) => i * xStep).map((iteration) => (
        <text key={iteration} x={sx(iteration)} y={MARGIN.top + plotH + 16} textAnchor="middle" fill="var(--chart-axis)">{iteration}</text>
      ))}
      <line x1={MARGIN.left} x2={MARGIN.left + plotW} y1={MARGIN.top + plotH} y2={MARGIN.top + plotH} stroke="var(--chart-grid)" />
      <text x={MARGIN.left + plotW / 2} y={height - 6} textAnchor="middle" fill="var(--chart-axis)">Iteration (0 = seed improver)</text>
      <text x={14} y={MARGIN.top + plotH / 2} textAnchor="middle" fill="var(--chart-axis)" transform={`rotate(-90 14 ${MARGIN.top + plotH / 2})`}>Test meta-utility û</text>
      {band.length > 0 && (
        <path
          d={`${path(band.map((row) => [sx(row.iteration), sy(row.testBand![1])] as const))} ${path(band.map((row) => [sx(row.iteration), sy(row.testBand![0])] as const).reverse()).replace(/^M/, 'L')} Z`}
          fill="var(--chart-test)"
          fillOpacity={0.14}
        />
      )}
      {data.repeats.map((repeat) => {
        const key = repeatKey(repeat);
        const points = data.rows.filter((row) => typeof row[key] === 'number').map((row) => [sx(row.iteration), sy(row[key] as number)] as const);
        return <path key={repeat} d={path(points)} fill="none" stroke="var(--chart-test)" strokeOpacity={0.4} strokeWidth={1.5} />;
      })}
      {references.map((reference) => (
        <line key={reference.runId} x1={MARGIN.left} x2={MARGIN.left + plotW} y1={sy(reference.value)} y2={sy(reference.value)} stroke="var(--chart-axis)" strokeDasharray="2 3" />
      ))}
      <path d={path(trains.map((row) => [sx(row.iteration), sy(row.trainMean!)]))} fill="none" stroke="var(--chart-train)" strokeDasharray="5 4" strokeWidth={1.75} />
      {trains.map((row) => <circle key={row.iteration} cx={sx(row.iteration)} cy={sy(row.trainMean!)} r={2.5} fill="var(--chart-train)" />)}
      <path d={path(tests.map((row) => [sx(row.iteration), sy(row.testMean!)]))} fill="none" stroke="var(--chart-test)" strokeWidth={2.5} />
      {tests.map((row) => <circle key={row.iteration} className="figure4-static-point" cx={sx(row.iteration)} cy={sy(row.testMean!)} r={3.5} fill="var(--chart-test)" />)}
    </svg>
  );
}
