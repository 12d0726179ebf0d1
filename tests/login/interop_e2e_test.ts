// End-to-end interop with the reference Python client (ZeroC Ice, omero-py's call sequences):
// a session our CLI created is joined by it, and a session it created is joined by us with -k
// (the file under the server-reported user, current markers unchanged).
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { ref } from "../testserver/refclient_helper.ts";
import { cli, hostDir, loginTempDir, markers, readStoreFile, serverUrl } from "./cli.ts";

Deno.test("interop with the reference client, both ways", async (t) => {
  await using server = await startTestServer();
  const url = serverUrl(server.ports, "tcp");
  const port = server.ports.tcp;
  const dir = await loginTempDir();
  try {
    await t.step("a session created by us is joined by the reference client", async () => {
      const created = await cli(dir, ["login", "-w", "ome", "-g", "imaging", `alice@${url}`]);
      assert.equal(created.code, 0, created.stderr);
      const key = markers(dir).sess!;
      const joined = await ref(server, "tcp", "join", key);
      assert.equal(joined.ok, true, JSON.stringify(joined));
      assert.equal(joined.session, key);
      assert.equal(joined.user, "alice");
      assert.equal(joined.group, "imaging");
      assert.equal(joined.agent, "OMERO.sessions");
      // Still alive for us after the other client detached.
      const using = await cli(dir, ["login", `alice@${url}`, "-g", "imaging"]);
      assert.match(using.stderr, /^Using session for alice@/);
    });

    await t.step("a session created by the reference client is joined by us with -k", async () => {
      const before = markers(dir);
      const created = await ref(server, "tcp", "login", "bob", "ome");
      assert.equal(created.ok, true, JSON.stringify(created));
      const key: string = created.session;
      const joined = await cli(dir, ["login", "-k", key, url]);
      assert.equal(joined.code, 0, joined.stderr);
      assert.equal(joined.stdout, "");
      assert.equal(
        joined.stderr,
        `Joined session for bob@tcp://127.0.0.1:${port}. Idle timeout: 10 min. ` +
          `Current group: public\n`,
      );
      assert.equal(
        readStoreFile(dir, hostDir("tcp"), "bob", key),
        `omero.host=tcp://127.0.0.1\nomero.user=bob\nomero.port=${port}\nomero.sess=${key}\n`,
      );
      assert.deepEqual(markers(dir), before, "a foreign key does not become current");
      // Joining it again finds it in the store: now it is current, and never under the key.
      const again = await cli(dir, ["login", "-k", key, url]);
      assert.match(again.stderr, /^Joined session for bob@/);
      assert.deepEqual(markers(dir), {
        host: "tcp://127.0.0.1",
        port: String(port),
        user: "bob",
        sess: key,
      });
      const logout = await cli(dir, ["logout"]);
      assert.equal(logout.code, 0, logout.stderr);
      const gone = await ref(server, "tcp", "join", key);
      assert.equal(gone.ok, false, "our logout closed the server session");
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
