import { useId } from 'react';

/**
 * A chart drawn as plain SVG with the table of its numbers under it. Hand-rolled rather than a library: the charts
 * here are three simple forms (lines over months, grouped bars, a reference line), and the libraries that draw SVG
 * (Recharts, Victory, Observable Plot) bring d3 and tens to hundreds of kB for them, while the small ones (uPlot,
 * Chart.js) draw on a canvas, which prints as a bitmap and says nothing to a screen reader. SVG prints sharp at
 * any scale; the series differ by dash and marker as well as colour, so a grey print still tells them apart; the
 * table is the chart's accessible form and what staff copy into a spreadsheet.
 */

export interface ChartSeries {
  label: string;
  /** One per category; null draws nothing (and reads — in the table). */
  values: readonly (number | null)[];
}

export interface ChartSpec {
  title: string;
  /** Shown on the axis and in the table's header. */
  unit: string;
  kind: 'line' | 'bar';
  /** `id` keeps them apart (two staff may share a name); `label` in the table; `short` under the axis (a month as 2025/04). */
  categories: readonly { id: string; label: string; short: string }[];
  /** The header of the table's first column. */
  categoryHeader: string;
  series: readonly ChartSeries[];
  /** The axis's top when it is fixed (100 for a percentage); otherwise from the values. */
  axisMax?: number;
  /** A horizontal line to read the values against (the standard caseload). */
  reference?: { label: string; value: number };
}

// Okabe–Ito colours (told apart with colour-blindness), with dashes and markers for a grey print.
const colours = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8A6D00', '#3F8FBF', '#000000', '#8C564B'];
const dashes = ['', '6 3', '2 3', '8 3 2 3', '4 4', '10 3', '1 2', '6 2 2 2'];

const WIDTH = 720;
const HEIGHT = 260;
const margin = { top: 24, right: 16, bottom: 40, left: 56 };
const plotWidth = WIDTH - margin.left - margin.right;
const plotHeight = HEIGHT - margin.top - margin.bottom;

const TICKS = 4;

/** The axis step: 1, 2, 2.5 or 5 times a power of ten, so that TICKS steps reach `max`; whole numbers for counts. */
function axisStep(max: number, whole: boolean): number {
  const raw = Math.max(max, whole ? TICKS : 0.1) / TICKS;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((k) => k * power).find((step) => step >= raw && (!whole || Number.isInteger(step))) ?? 10 * power;
}

const format = (value: number | null) => (value === null ? '—' : value.toLocaleString('ja-JP'));

export function Chart({ spec }: { spec: ChartSpec }) {
  const id = useId();
  const values = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const highest = Math.max(0, ...values, spec.reference?.value ?? 0);
  const step = spec.axisMax === undefined ? axisStep(highest, values.every(Number.isInteger)) : spec.axisMax / TICKS;
  const top = step * TICKS;
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const count = spec.categories.length;
  const band = plotWidth / Math.max(count, 1);
  const x = (k: number) => margin.left + band * (k + 0.5);
  // At most 12 labels under the axis, spaced evenly and ending with the last category.
  const labelEvery = Math.ceil(count / 12);
  const ticks = Array.from({ length: TICKS + 1 }, (_, k) => k * step);

  if (count === 0) {
    return (
      <figure className="chart" aria-labelledby={`${id}-caption`}>
        <figcaption id={`${id}-caption`}>
          <strong>{spec.title}</strong>
        </figcaption>
        <p>該当するデータがありません。</p>
      </figure>
    );
  }
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`} style={{ margin: '1rem 0' }}>
      <figcaption id={`${id}-caption`} style={{ breakAfter: 'avoid' }}>
        <strong>{spec.title}</strong>
      </figcaption>
      {/* On paper the chart stays whole with its legend; its table may run on to the next page. */}
      <div style={{ breakInside: 'avoid' }}>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" style={{ maxWidth: `${WIDTH}px` }} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
          <title id={`${id}-title`}>{spec.title}</title>
          <desc id={`${id}-desc`}>{`${spec.kind === 'line' ? '折れ線' : '棒'}グラフ。数値は下の表のとおりです。`}</desc>
          <g fontSize="11" fill="#3c4043">
            {ticks.map((tick) => (
              <g key={tick}>
                <line x1={margin.left} x2={WIDTH - margin.right} y1={y(tick)} y2={y(tick)} stroke="#d0d4da" strokeWidth="1" />
                <text x={margin.left - 6} y={y(tick) + 4} textAnchor="end">
                  {tick.toLocaleString('ja-JP', { maximumFractionDigits: 1 })}
                </text>
              </g>
            ))}
            <text x={4} y={12} fontSize="10">
              （{spec.unit}）
            </text>
            {spec.categories.map((category, k) =>
              (count - 1 - k) % labelEvery === 0 ? (
                <text key={category.id} x={x(k)} y={HEIGHT - margin.bottom + 16} textAnchor="middle">
                  {category.short}
                </text>
              ) : null,
            )}
          </g>
          <line x1={margin.left} x2={WIDTH - margin.right} y1={y(0)} y2={y(0)} stroke="#3c4043" strokeWidth="1" />
          {spec.kind === 'bar'
            ? spec.series.map((series, s) => {
                // A few categories do not make bars as wide as the chart.
                const width = Math.min((band * 0.8) / spec.series.length, 40);
                return series.values.map((value, k) =>
                  value === null ? null : (
                    <rect
                      key={`${series.label}-${spec.categories[k]!.id}`}
                      x={x(k) - (width * spec.series.length) / 2 + s * width}
                      y={y(value)}
                      width={Math.max(width - 1, 1)}
                      height={y(0) - y(value)}
                      fill={colours[s % colours.length]}
                      stroke="#1b1f24"
                      strokeWidth="0.5"
                    />
                  ),
                );
              })
            : spec.series.map((series, s) => {
                const path = series.values
                  .map((value, k) =>
                    value === null ? null : `${k === 0 || series.values[k - 1] === null ? 'M' : 'L'}${x(k).toFixed(1)},${y(value).toFixed(1)}`,
                  )
                  .filter(Boolean)
                  .join(' ');
                return (
                  <g key={series.label} stroke={colours[s % colours.length]} fill={colours[s % colours.length]}>
                    <path d={path} fill="none" strokeWidth="2" strokeDasharray={dashes[s % dashes.length]} />
                    {count <= 36 &&
                      series.values.map((value, k) =>
                        value === null ? null : <circle key={spec.categories[k]!.id} cx={x(k)} cy={y(value)} r={s % 2 === 0 ? 2.5 : 2} />,
                      )}
                  </g>
                );
              })}
          {spec.reference && (
            <g>
              <line
                x1={margin.left}
                x2={WIDTH - margin.right}
                y1={y(spec.reference.value)}
                y2={y(spec.reference.value)}
                stroke="#b3261e"
                strokeWidth="1.5"
                strokeDasharray="8 4"
              />
              <text x={WIDTH - margin.right} y={y(spec.reference.value) - 4} textAnchor="end" fontSize="11" fill="#b3261e">
                {spec.reference.label}
              </text>
            </g>
          )}
        </svg>
        <ul
          className="chart-legend"
          aria-hidden="true"
          style={{ display: 'flex', flexWrap: 'wrap', gap: '0.3rem 1rem', listStyle: 'none', padding: 0, margin: 0 }}
        >
          {spec.series.map((series, s) => (
            <li key={series.label}>
              <svg width="28" height="10" aria-hidden="true">
                {spec.kind === 'bar' ? (
                  <rect x="6" y="0" width="16" height="10" fill={colours[s % colours.length]} />
                ) : (
                  <line x1="0" x2="28" y1="5" y2="5" stroke={colours[s % colours.length]} strokeWidth="2" strokeDasharray={dashes[s % dashes.length]} />
                )}
              </svg>{' '}
              {series.label}
            </li>
          ))}
        </ul>
      </div>
      <table className="chart-table">
        <caption>{spec.title}（表）</caption>
        <thead>
          <tr>
            <th scope="col">{spec.categoryHeader}</th>
            {spec.series.map((series) => (
              <th key={series.label} scope="col">
                {series.label}（{spec.unit}）
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.categories.map((category, k) => (
            <tr key={category.id}>
              <th scope="row">{category.label}</th>
              {spec.series.map((series) => (
                <td key={series.label}>{format(series.values[k] ?? null)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
