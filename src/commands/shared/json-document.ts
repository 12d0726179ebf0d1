// Every `--json` output: one pretty-printed document (two-space indent) and a newline, dates
// in it as ISO 8601 strings (the commands convert them), no control character in its text.
import { toJson } from "../../control-chars.ts";

export function jsonDocument(value: unknown): string {
  return `${toJson(value, 2)}\n`;
}
