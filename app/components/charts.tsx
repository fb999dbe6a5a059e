// Charts rendered on the server as SVG React elements (docs/decisions/0025-indicators-and-exports.md):
// d3-scale and d3-shape compute the geometry, JSX draws it — no HTML string, no script needed to read it.
// Each chart is a <figure> with its title, a one-sentence summary (also the SVG's description) and its
// data as a <table> with a caption, for screen readers and anyone who prefers numbers (RGAA 1.3, 1.9).
// Colours: the Okabe–Ito palette, safe for colour-blind readers; lines also differ by dash and marker.
import { scaleBand, scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import type { ReactNode } from "react";
import { useT } from "~/lib/i18n-react.ts";

/** Okabe & Ito (2008), without yellow (too pale on white): blue, orange, bluish green, vermilion, purple, sky blue. */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9"] as const;
const DASHES = [undefined, "8 4", "3 3", "10 3 3 3", "1 3", "6 2"] as const;
const colour = (i: number) => PALETTE[i % PALETTE.length]!;

export type ChartSeries = { name: string; values: number[] };

const WIDTH = 640;
const LEFT = 150;
const RIGHT = 48;

function Figure(props: { id: string; title: string; summary: string; table: ReactNode; children: ReactNode }) {
  const t = useT();
  return (
    <figure className="chart" aria-labelledby={`${props.id}-title`}>
      <figcaption>
        <span id={`${props.id}-title`} className="chart__title">
          {props.title}
        </span>
        <span className="chart__summary" id={`${props.id}-summary`}>
          {props.summary}
        </span>
      </figcaption>
      {props.children}
      <details className="chart__data">
        <summary>{t("indicators.chartData")}</summary>
        {props.table}
      </details>
    </figure>
  );
}

function Legend({ series }: { series: readonly ChartSeries[] }) {
  if (series.length < 2) return null;
  return (
    <ul className="chart__legend">
      {series.map((s, i) => (
        <li key={s.name}>
          <svg width="28" height="12" aria-hidden="true" focusable="false">
            <line x1="0" x2="28" y1="6" y2="6" stroke={colour(i)} strokeWidth="4" strokeDasharray={DASHES[i]} />
          </svg>{" "}
          {s.name}
        </li>
      ))}
    </ul>
  );
}

/** Horizontal bars, one group per category, one bar per series. */
export function BarChart(props: {
  id: string;
  title: string;
  summary: string;
  categories: string[];
  series: ChartSeries[];
  table: ReactNode;
  format?: (value: number) => string;
}) {
  const { categories, series } = props;
  const format = props.format ?? ((v: number) => String(v));
  const rowHeight = 14 * series.length + 14;
  const height = categories.length * rowHeight + 24;
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const x = scaleLinear()
    .domain([0, max || 1])
    .nice()
    .range([LEFT, WIDTH - RIGHT]);
  const y = scaleBand()
    .domain(categories)
    .range([0, height - 24])
    .paddingInner(0.2);
  const inner = scaleBand()
    .domain(series.map((s) => s.name))
    .range([0, y.bandwidth()])
    .padding(0.1);
  return (
    <Figure {...props}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="chart__svg"
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-summary`}
      >
        {x.ticks(4).map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={0} y2={height - 20} stroke="#767676" strokeWidth="0.5" />
            <text x={x(tick)} y={height - 6} textAnchor="middle" fontSize="11" fill="currentColor">
              {format(tick)}
            </text>
          </g>
        ))}
        {categories.map((category, c) => (
          <g key={category}>
            <text
              x={LEFT - 6}
              y={(y(category) ?? 0) + y.bandwidth() / 2}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize="12"
              fill="currentColor"
            >
              {category}
            </text>
            {series.map((s, i) => {
              const value = s.values[c] ?? 0;
              const top = (y(category) ?? 0) + (inner(s.name) ?? 0);
              return (
                <g key={s.name}>
                  <rect x={LEFT} y={top} width={x(value) - LEFT} height={inner.bandwidth()} fill={colour(i)} />
                  <text
                    x={x(value) + 4}
                    y={top + inner.bandwidth() / 2}
                    dominantBaseline="middle"
                    fontSize="11"
                    fill="currentColor"
                  >
                    {format(value)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <Legend series={series} />
    </Figure>
  );
}

/** Lines over months (or any ordered labels), one per series, with a marker on each point. */
export function LineChart(props: {
  id: string;
  title: string;
  summary: string;
  labels: string[];
  series: ChartSeries[];
  table: ReactNode;
}) {
  const { labels, series } = props;
  const height = 240;
  const bottom = height - 28;
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const x = scalePoint()
    .domain(labels)
    .range([56, WIDTH - 24])
    .padding(0.3);
  const y = scaleLinear()
    .domain([0, max || 1])
    .nice()
    .range([bottom, 12]);
  const every = Math.max(1, Math.ceil(labels.length / 8)); // at most 8 month labels under the axis
  const path = (values: number[]) =>
    line<number>()
      .x((_, i) => x(labels[i]!) ?? 0)
      .y((v) => y(v))(values) ?? undefined;
  return (
    <Figure {...props}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="chart__svg"
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-summary`}
      >
        {y
          .ticks(4)
          .filter(Number.isInteger) // counts: no "0.5 person"
          .map((tick) => (
            <g key={tick}>
              <line x1={56} x2={WIDTH - 24} y1={y(tick)} y2={y(tick)} stroke="#767676" strokeWidth="0.5" />
              <text x={50} y={y(tick)} textAnchor="end" dominantBaseline="middle" fontSize="11" fill="currentColor">
                {tick}
              </text>
            </g>
          ))}
        {labels.map((label, i) =>
          i % every === 0 ? (
            <text key={label} x={x(label)} y={height - 8} textAnchor="middle" fontSize="11" fill="currentColor">
              {label}
            </text>
          ) : null,
        )}
        {series.map((s, i) => (
          <g key={s.name}>
            <path d={path(s.values)} fill="none" stroke={colour(i)} strokeWidth="2.5" strokeDasharray={DASHES[i]} />
            {s.values.map((v, j) => (
              <circle key={labels[j]} cx={x(labels[j]!)} cy={y(v)} r="3" fill={colour(i)} />
            ))}
          </g>
        ))}
      </svg>
      <Legend series={series} />
    </Figure>
  );
}
