"use client";

import { useRef, useSyncExternalStore } from "react";
import {
  Bar,
  ErrorBar,
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
  /** 95% intervals of the reference-win share and of equal-or-better (reference wins + ties); null: none. */
  ci?: { reference: [number, number] | null; equalOrBetter: [number, number] | null };
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
  const box = useRef<HTMLDivElement>(null);
  const narrow = useNarrowScreen();
  // Whiskers as distances below and above the bar's end: the reference segment ends at the reference-win share, the
  // tie segment at equal-or-better, so each whisker sits on the boundary its interval is about.
  const whisker = (end: number, ci: [number, number] | null | undefined) =>
    ci ? [100 * end - 100 * ci[0], 100 * ci[1] - 100 * end] : undefined;
  const data = rows.map((r) => ({
    refErr: whisker(r.reference, r.ci?.reference),
    tieErr: whisker(r.reference + r.tie, r.ci?.equalOrBetter),
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
    <figure className="space-y-1">
      <div
        ref={box}
        data-testid={testId}
        style={{ width: "100%", height: 70 + rows.length * (hasPublished ? 56 : 44) }}
      >
        <ResponsiveContainer>
          <BarChart
            data={data}
            layout="vertical"
            margin={{ left: 8, right: 16, top: 8, bottom: 8 }}
            barGap={2}
          >
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis
              type="number"
              domain={[0, 100]}
              ticks={[0, 25, 50, 75, 100]}
              tickFormatter={(v) => `${v}%`}
            />
            <YAxis
              type="category"
              dataKey="name"
              width={narrow ? 110 : 230}
              tick={{ fontSize: narrow ? 10 : 12 }}
            />
            <Tooltip formatter={(v) => (typeof v === "number" ? `${v.toFixed(1)}%` : v)} />
            {/* Unsorted: the legend reads in the bars' order (Recharts sorts it by name otherwise). */}
            <Legend itemSorter={null} />
            <Bar
              dataKey="reference"
              name={`${reference} wins`}
              stackId="measured"
              fill={COLORS.reference}
              barSize={22}
              isAnimationActive={false}
            >
              <LabelList dataKey="reference" position="center" fill="#fff" fontSize={11} formatter={pct} />
              <ErrorBar dataKey="refErr" direction="x" width={6} stroke="#0f172a" strokeWidth={1.5} />
            </Bar>
            <Bar dataKey="tie" name="tie" stackId="measured" fill={COLORS.tie} isAnimationActive={false}>
              <LabelList dataKey="tie" position="center" fill="#fff" fontSize={11} formatter={pct} />
              <ErrorBar dataKey="tieErr" direction="x" width={6} stroke="#0f172a" strokeWidth={1.5} />
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
      <figcaption className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <span>
          Whiskers: 95% intervals (prompt bootstrap) of {reference}&apos;s win share and of equal-or-better.
        </span>
        <button type="button" className="underline" onClick={() => download(box.current, testId, "svg")}>
          Download SVG
        </button>
        <button type="button" className="underline" onClick={() => download(box.current, testId, "png")}>
          Download PNG
        </button>
      </figcaption>
    </figure>
  );
}

/** Saves the chart as drawn: its SVG as a file, or rendered onto a canvas at twice its size for a PNG. */
function download(box: HTMLDivElement | null, name: string, format: "svg" | "png") {
  const svg = box?.querySelector("svg.recharts-surface");
  if (!svg) return;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  // The legend is HTML beside the SVG: draw a white background so the PNG is readable in any viewer.
  const bg = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  Object.entries({ width: "100%", height: "100%", fill: "#fff" }).forEach(([k, v]) => bg.setAttribute(k, v));
  clone.insertBefore(bg, clone.firstChild);
  const text = new XMLSerializer().serializeToString(clone);
  const save = (blob: Blob, ext: string) => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `${name}.${ext}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };
  if (format === "svg") return save(new Blob([text], { type: "image/svg+xml" }), "svg");
  const img = new Image();
  img.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = width * 2;
    canvas.height = height * 2;
    const ctx = canvas.getContext("2d")!;
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0);
    canvas.toBlob((blob) => blob && save(blob, "png"), "image/png");
  };
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
}

const NARROW = "(max-width: 639px)";
/** Whether the screen is phone-sized (the labels' column shrinks so the bars keep their room). */
function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const m = window.matchMedia(NARROW);
      m.addEventListener("change", onChange);
      return () => m.removeEventListener("change", onChange);
    },
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}
