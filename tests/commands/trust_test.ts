// `trust list|forget` after a login over ssl pinned the test server's certificate.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { cli } from "../login/cli.ts";

Deno.test("trust: list shows the pinned certificate, forget removes it", async () => {
  await using server = await startTestServer();
  const dir = await Deno.makeTempDir({ prefix: "trust-e2e-" });
  const hostPort = `127.0.0.1:${server.ports.ssl}`;
  const empty = await cli(dir, ["trust", "list"]);
  assert.equal(empty.stdout.split("\n").at(-2), "(0 rows)");

  const login = await cli(dir, ["login", "-w", "ome", `alice@${hostPort}`]);
  assert.equal(login.code, 0, login.stderr);
  const table = await cli(dir, ["trust", "list"]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(
    table.stdout,
    new RegExp(`^ ${hostPort} +\\| pin +\\| ${server.fingerprint256} `, "m"),
  );
  // Expires as `list` prints dates (ctime, local time), e.g. "Sat Nov 27 12:00:00 2027".
  assert.match(table.stdout, /\| [A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} +\n/);
  const json = JSON.parse((await cli(dir, ["trust", "list", "--json"])).stdout);
  assert.equal(json.file, `${dir}/known_hosts`);
  assert.deepEqual(
    json.certificates.map((c: Record<string, string>) => [c.hostPort, c.trust, c.fingerprint256]),
    [[hostPort, "pin", server.fingerprint256]],
  );

  const forgot = await cli(dir, ["trust", "forget", hostPort]);
  assert.equal(forgot.code, 0, forgot.stderr);
  assert.equal(forgot.stdout, "");
  assert.equal(forgot.stderr, `Forgot the certificate of ${hostPort} (${dir}/known_hosts)\n`);
  assert.equal(
    JSON.parse((await cli(dir, ["trust", "list", "--json"])).stdout).certificates.length,
    0,
  );
  const again = await cli(dir, ["trust", "forget", `ssl://${hostPort}`]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, new RegExp(`^no certificate is pinned for ${hostPort} in `));

  // The next connection pins the certificate again, with the first-use notice.
  const relogin = await cli(dir, ["login", "-C", "-w", "ome", `alice@${hostPort}`]);
  assert.match(relogin.stderr, /^Trusting the certificate of /);
  await Deno.remove(dir, { recursive: true });
});
