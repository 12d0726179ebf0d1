// The one escaping helper for the terminal, and the JSON that keeps exact strings.
import assert from "node:assert/strict";
import { escapeControl, toJson } from "../../src/control-chars.ts";

const EVERY_CONTROL = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code))
  .concat(Array.from({ length: 0x21 }, (_, index) => String.fromCharCode(0x7f + index)))
  .join("");
// deno-lint-ignore no-control-regex -- looking for control characters is the point
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

Deno.test("escapeControl: C0, DEL and C1 become \\n, \\r, \\t or \\xHH; the rest stays", () => {
  assert.equal(escapeControl("\x1b[2J\x1b]0;pwned\x07"), "\\x1b[2J\\x1b]0;pwned\\x07");
  assert.equal(escapeControl("a\r\nb\tc\0\x7f\x9b"), "a\\r\\nb\\tc\\x00\\x7f\\x9b");
  assert.equal(escapeControl("grüße \\ 東京 \u00a0"), "grüße \\ 東京 \u00a0");
  const escaped = escapeControl(EVERY_CONTROL);
  assert.doesNotMatch(escaped, RAW_CONTROL);
  assert.equal(escapeControl(escaped), escaped, "idempotent");
});

Deno.test("toJson: parses back to the exact strings, and holds no raw control character", () => {
  const value = { name: EVERY_CONTROL + "\u2028\u2029", nested: [EVERY_CONTROL] };
  for (const indent of [undefined, 2]) {
    const text = toJson(value, indent);
    assert.doesNotMatch(text.replaceAll("\n", ""), RAW_CONTROL);
    assert.doesNotMatch(text, /[\u2028\u2029]/u);
    assert.deepEqual(JSON.parse(text), value);
  }
});
