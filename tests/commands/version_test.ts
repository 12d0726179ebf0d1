// `version`: the client's version number alone on the first line; with a current session, the
// server's IConfig.getVersion on a second; an unreachable server only adds a note on stderr.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { freePort } from "../../testserver/ports.ts";
import { cli } from "../login/cli.ts";

Deno.test("version: client only without a session, the server's with one", async () => {
  await using server = await startTestServer({ version: "5.6.99-test" });
  const dir = await Deno.makeTempDir({ prefix: "version-e2e-" });
  const alone = await cli(dir, ["version"]);
  assert.equal(alone.code, 0);
  assert.match(alone.stdout, /^\d+\.\d+\.\d+\n$/);
  assert.equal(alone.stderr, "");
  assert.equal(JSON.parse((await cli(dir, ["version", "--json"])).stdout).server, null);

  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  assert.equal((await cli(dir, ["login", "-w", "ome", `bob@${tcp}`])).code, 0);
  const text = await cli(dir, ["version"]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(
    text.stdout,
    new RegExp(`^\\d+\\.\\d+\\.\\d+\nserver ${tcp} OMERO 5\\.6\\.99-test\n$`),
  );
  const jsonText = (await cli(dir, ["version", "--json"])).stdout;
  const json = JSON.parse(jsonText);
  assert.equal(jsonText, JSON.stringify(json, null, 2) + "\n", "pretty, as every --json");
  assert.deepEqual(json.server, { server: tcp, version: "5.6.99-test" });
  assert.equal(json.client.name, "omero-sessions");

  const userDir = `${dir}/sessions/${encodeURIComponent("tcp://127.0.0.1")}/bob`;
  const key = Deno.readTextFileSync(`${userDir}/._LASTSESS_`);
  const file = `${userDir}/${key}`;
  const deadPort = await freePort();
  Deno.writeTextFileSync(
    file,
    Deno.readTextFileSync(file).replace(/omero\.port=\d+/, `omero.port=${deadPort}`),
  );
  const down = await cli(dir, ["version"]);
  assert.equal(down.code, 0);
  assert.match(down.stdout, /^\d+\.\d+\.\d+\n$/);
  assert.match(down.stderr, /^note: no server version: .*connection refused/);
  await Deno.remove(dir, { recursive: true });
});
