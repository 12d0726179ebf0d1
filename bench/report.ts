// The results table: medians and p90 of ours beside the reference, and their ratio.
import type { Summary } from "./stats.ts";

export interface Row {
  name: string;
  /** "" for counts. */
  unit: "ms" | "µs" | "";
  ours: Summary;
  /** The Python ZeroC Ice reference client (or another baseline) measured in the same run. */
  reference?: Summary;
}

const HEADERS = [
  "benchmark",
  "runs",
  "ours median",
  "ours p90",
  "ref median",
  "ref p90",
  "ref/ours",
];

export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => {
    const number = (value: number) =>
      row.unit === ""
        ? String(value)
        : `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ${row.unit}`;
    const ref = row.reference;
    return [
      row.name,
      String(row.ours.runs),
      number(row.ours.median),
      number(row.ours.p90),
      ref ? number(ref.median) : "",
      ref ? number(ref.p90) : "",
      ref ? `${(ref.median / row.ours.median).toFixed(2)}×` : "",
    ];
  });
  const widths = HEADERS.map((header, i) =>
    Math.max(header.length, ...cells.map((line) => line[i].length))
  );
  const render = (line: string[]) =>
    line.map((cell, i) => i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))
      .join("  ").trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [render(HEADERS), rule, ...cells.map(render)].join("\n");
}
