// omero-py's table styles, against output of omero-py's own `omero.util.text.TableBuilder`
// (captured once from its source; the cells are what omero-py passes, all as text).
import assert from "node:assert/strict";
import { renderTable } from "../../src/table.ts";

const HEADERS = ["id", "name"];

Deno.test("table styles: no rows", () => {
  assert.equal(renderTable(HEADERS, [], "sql"), " id | name \n----+------\n(0 rows)\n");
  assert.equal(renderTable(HEADERS, [], "plain"), "\n");
  assert.equal(renderTable(HEADERS, [], "csv"), "id,name\n");
  assert.equal(renderTable(HEADERS, [], "json"), "[]\n");
});

Deno.test("table styles: csv quotes only where needed, the header never", () => {
  assert.equal(
    renderTable(["id", "a,b"], [["3", 'a,"b" ü😀'], ["4", "plain"]], "csv"),
    'id,a,b\n3,"a,""b"" ü😀"\n4,plain\n',
  );
  assert.equal(renderTable(["only"], [[""]], "plain"), '""\n');
});

Deno.test("table styles: json is one json.dumps object per row with ASCII escapes", () => {
  assert.equal(
    renderTable(HEADERS, [["3", 'a,"b" ü😀\x7f']], "json"),
    '[{"id": "3", "name": "a,\\"b\\" \\u00fc\\ud83d\\ude00\\u007f"}]\n',
  );
  assert.equal(
    renderTable(HEADERS, [["1", "x"], ["2", "y"], ["3", "z"]], "json"),
    '[{"id": "1", "name": "x"},\n{"id": "2", "name": "y"},\n{"id": "3", "name": "z"}]\n',
  );
});

Deno.test("table styles: sql pads by code points and counts rows", () => {
  assert.equal(
    renderTable(HEADERS, [["1", "ünï"]]),
    " id | name \n----+------\n 1  | ünï  \n(1 row)\n",
  );
  // An astral character is one code point (two UTF-16 units); an escape is measured as shown.
  assert.equal(
    renderTable(HEADERS, [["1", "😀"], ["22", "a\tb"]]),
    " id | name \n----+------\n 1  | 😀    \n 22 | a\\tb \n(2 rows)\n",
  );
});
