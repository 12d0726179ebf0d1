// `perm1` as omero-py's PermissionsI.__str__ prints it (values from its from_string).
import assert from "node:assert/strict";
import { permissionsString } from "../../src/omero/permissions.ts";

Deno.test("permissions: OMERO's group types and the edge values", () => {
  const cases: [bigint, string][] = [
    [-120n, "rw----"],
    [-56n, "rwr---"],
    [-40n, "rwra--"],
    [-8n, "rwrw--"],
    [-35n, "rwrara"],
    [-1n, "rwrwrw"],
    [0n, "------"],
    [0x444n, "r-r-r-"],
  ];
  for (const [perm1, text] of cases) assert.equal(permissionsString(perm1), text, String(perm1));
});
