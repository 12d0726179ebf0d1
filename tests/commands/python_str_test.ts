// Python's str/repr of unwrapped RTypes, against what /usr/bin/python3 prints for the same values.
import assert from "node:assert/strict";
import type { RValue } from "../../src/omero/model.ts";
import { floatRepr, pythonStr, stringRepr } from "../../src/commands/who/python-str.ts";

Deno.test("python str: floats as repr(float)", () => {
  const cases: [number, string][] = [
    [1, "1.0"],
    [0.1, "0.1"],
    [1e16, "1e+16"],
    [1e15, "1000000000000000.0"],
    [123456789012345678, "1.2345678901234568e+17"],
    [1e-4, "0.0001"],
    [1e-5, "1e-05"],
    [0.00012345, "0.00012345"],
    [-2.5e-7, "-2.5e-07"],
    [1e22, "1e+22"],
    [-0, "-0.0"],
    [NaN, "nan"],
    [-Infinity, "-inf"],
    [14142135623.730951, "14142135623.730951"],
    [5e-324, "5e-324"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
  ];
  for (const [x, text] of cases) assert.equal(floatRepr(x), text, String(x));
});

Deno.test("python str: strings as repr(str) inside collections, bare at the top", () => {
  assert.equal(stringRepr("a'b"), `"a'b"`);
  assert.equal(stringRepr('a"b'), `'a"b'`);
  assert.equal(stringRepr(`a'"b`), `'a\\'"b'`);
  assert.equal(stringRepr("tab\tnl\n"), "'tab\\tnl\\n'");
  assert.equal(stringRepr("\x00\x7f\x80\xa0\xad"), "'\\x00\\x7f\\x80\\xa0\\xad'");
  assert.equal(stringRepr("ü😀\u2028\ud800x"), "'ü😀\\u2028\\ud800x'");
  assert.equal(stringRepr("\\"), "'\\\\'");
  assert.equal(stringRepr("\u{1F600}\u{E0001}"), "'😀\\U000e0001'");
  assert.equal(pythonStr("plain 'text'"), "plain 'text'");
  const map = new Map<string, RValue>([
    ["omero.group", "lab"],
    ["n", [1n, { float: 2.5 }, null, true, "x'"]],
  ]);
  assert.equal(pythonStr(map), `{'omero.group': 'lab', 'n': [1, 2.5, None, True, "x'"]}`);
  assert.equal(pythonStr([{ cycle: "list" }]), "[[...]]");
});
