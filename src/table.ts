// omero-py's tables (its `omero.util.text` styles): `sql` by default, as `list`, `who` and the
// group plugin print them, and `csv`, `plain` and `json` where omero-py offers `--style`. Cells
// often hold what a server sent, so every style but json (whose escapes keep the exact strings)
// shows control characters escaped: one cell, one line, nothing a terminal would act on.
import { escapeControl } from "./control-chars.ts";

export const TABLE_STYLES = ["sql", "csv", "plain", "json"] as const;
export type TableStyle = typeof TABLE_STYLES[number];

/** Renders the table in `style`; always ends with a newline (omero-py prints it as one line). */
export function renderTable(
  headers: readonly string[],
  rows: readonly string[][],
  style: TableStyle = "sql",
): string {
  switch (style) {
    case "sql":
      return renderSqlTable(headers, rows);
    case "csv":
      return [headers.join(","), ...rows.map(csvLine)].join("\n") + "\n";
    case "plain":
      return rows.map(csvLine).join("\n") + "\n";
    case "json":
      return jsonRows(headers, rows) + "\n";
  }
}

/**
 * Every cell is " value " padded to its column's width (in code points), cells joined by "|";
 * a dashed separator under the header; a "(N rows)" footer; a final newline.
 */
export function renderSqlTable(
  headers: readonly string[],
  rows: readonly string[][],
): string {
  // Each cell escaped and measured once: `list` renders hundreds of rows at start-up.
  const cells = [headers, ...rows].map((row) =>
    headers.map((_, column) => escapeControl(row[column] ?? ""))
  );
  const lengths = cells.map((row) => row.map(codePointLength));
  const widths = headers.map((_, column) =>
    lengths.reduce((width, row) => Math.max(width, row[column]), 0)
  );
  const line = (row: readonly string[], index: number) =>
    row.map((cell, column) => ` ${cell}${" ".repeat(widths[column] - lengths[index][column])} `)
      .join("|");
  const separator = widths.map((width) => "-".repeat(width + 2)).join("+");
  const footer = rows.length === 1 ? "(1 row)" : `(${rows.length} rows)`;
  const lines = cells.map(line);
  lines.splice(1, 0, separator);
  lines.push(footer);
  return lines.join("\n") + "\n";
}

/** Length in code points, as a terminal column count would have it for most text. */
function codePointLength(text: string): number {
  return /[\ud800-\udfff]/.test(text) ? [...text].length : text.length;
}

/**
 * Python's `csv.writer` (excel dialect): quote a cell only when it must be. Line breaks arrive
 * escaped (`\n`), so a row stays one record (Python 3.11 with omero-py's empty line terminator
 * leaves a raw one bare).
 */
function csvLine(rawCells: readonly string[]): string {
  const cells = rawCells.map(escapeControl);
  if (cells.length === 1 && cells[0] === "") return '""';
  return cells.map((cell) => /[",]/u.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)
    .join(",");
}

/**
 * One `json.dumps` object per row (Python's separators and ASCII escapes), the first opening
 * and the last closing one JSON array; `[]` without rows.
 */
function jsonRows(headers: readonly string[], rows: readonly string[][]): string {
  if (rows.length === 0) return "[]";
  return rows.map((row, index) => {
    const fields = headers.map((header, column) =>
      `${pythonJsonString(header)}: ${pythonJsonString(row[column] ?? "")}`
    );
    const prefix = index === 0 ? "[" : "";
    const suffix = index === rows.length - 1 ? "]" : ",";
    return `${prefix}{${fields.join(", ")}}${suffix}`;
  }).join("\n");
}

/** `json.dumps(text)` with `ensure_ascii`: every non-ASCII UTF-16 unit as `\uXXXX`. */
function pythonJsonString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
