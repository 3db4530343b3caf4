"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type FigureRow = {
  baseline: string;
  n: number;
  reference: number;
  tie: number;
  loss: number;
  published?: { reference: number; tie: number; loss: number; source: string };
};

const COLORS = { reference: "#059669", tie: "#94a3b8", loss: "#dc2626" };
const pct = (v: unknown) => (typeof v === "number" && v >= 6 ? `${Math.round(v)}%` : "");

/**
 * LIMA's Figure 1: per baseline, one horizontal stacked bar of reference wins / ties / baseline wins, in percent
 * on a fixed 0-100 scale (so panels compare), with published numbers as a thin bar beneath when the study has them.
 */
export function FigureOne({
  rows,
  reference,
  testId,
}: {
  rows: FigureRow[];
  reference: string;
  testId: string;
}) {
  const data = rows.map((r) => ({
    name: `${r.baseline} (n=${r.n})`,
    reference: 100 * r.reference,
    tie: 100 * r.tie,
    loss: 100 * r.loss,
    pubReference: r.published ? 100 * r.published.reference : undefined,
    pubTie: r.published ? 100 * r.published.tie : undefined,
    pubLoss: r.published ? 100 * r.published.loss : undefined,
  }));
  const hasPublished = rows.some((r) => r.published);
  return (
    <div data-testid={testId} style={{ width: "100%", height: 70 + rows.length * (hasPublished ? 56 : 44) }}>
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16, top: 8, bottom: 8 }} barGap={2}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis
            type="number"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(v) => `${v}%`}
          />
          <YAxis type="category" dataKey="name" width={230} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => (typeof v === "number" ? `${v.toFixed(1)}%` : v)} />
          <Legend />
          <Bar
            dataKey="reference"
            name={`${reference} wins`}
            stackId="measured"
            fill={COLORS.reference}
            barSize={22}
            isAnimationActive={false}
          >
            <LabelList dataKey="reference" position="center" fill="#fff" fontSize={11} formatter={pct} />
          </Bar>
          <Bar dataKey="tie" name="tie" stackId="measured" fill={COLORS.tie} isAnimationActive={false}>
            <LabelList dataKey="tie" position="center" fill="#fff" fontSize={11} formatter={pct} />
          </Bar>
          <Bar
            dataKey="loss"
            name="baseline wins"
            stackId="measured"
            fill={COLORS.loss}
            isAnimationActive={false}
          >
            <LabelList dataKey="loss" position="center" fill="#fff" fontSize={11} formatter={pct} />
          </Bar>
          {hasPublished ? (
            <>
              <Bar
                dataKey="pubReference"
                name="published"
                stackId="published"
                fill={COLORS.reference}
                fillOpacity={0.45}
                barSize={6}
                isAnimationActive={false}
                legendType="none"
              />
              <Bar
                dataKey="pubTie"
                stackId="published"
                fill={COLORS.tie}
                fillOpacity={0.45}
                isAnimationActive={false}
                legendType="none"
              />
              <Bar
                dataKey="pubLoss"
                stackId="published"
                fill={COLORS.loss}
                fillOpacity={0.45}
                isAnimationActive={false}
                legendType="none"
              />
            </>
          ) : null}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
