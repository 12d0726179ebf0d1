// omero-py's SQL-style table (reference §7): used by `list` and `who`.

/**
 * Every cell is " value " padded to its column's width (in code points), cells joined by "|";
 * a dashed separator under the header; a "(N rows)" footer; a final newline.
 */
export function renderSqlTable(headers: readonly string[], rows: readonly string[][]): string {
  const length = (text: string) => [...text].length;
  const widths = headers.map((header, column) =>
    Math.max(length(header), ...rows.map((row) => length(row[column] ?? "")))
  );
  const line = (cells: readonly string[]) =>
    widths.map((width, column) => {
      const cell = cells[column] ?? "";
      return ` ${cell}${" ".repeat(width - length(cell))} `;
    }).join("|");
  const separator = widths.map((width) => "-".repeat(width + 2)).join("+");
  const footer = rows.length === 1 ? "(1 row)" : `(${rows.length} rows)`;
  return [line(headers), separator, ...rows.map(line), footer].join("\n") + "\n";
}
