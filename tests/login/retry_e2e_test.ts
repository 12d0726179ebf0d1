// End-to-end `--retry`: a login started before the server keeps trying every 3 s and succeeds
// once the server is up; without a server it gives up after the given seconds with exit 5.
import assert from "node:assert/strict";
import { freePorts } from "../../testserver/ports.ts";
import { startTestServer } from "../../testserver/start.ts";
import { cli, loginTempDir, MAIN, spawnCli } from "./cli.ts";

const RETRY_LINE = /^\d\d:\d\d:\d\d(\.\d{6})?: Login retry #(\d+) in 3s$/;

Deno.test("--retry: the login waits for a server that starts late", async () => {
  const dir = await loginTempDir();
  const [tcp, ssl, ws, wss] = await freePorts(4);
  const running = spawnCli(dir, [
    "login",
    "--retry",
    "60",
    "-w",
    "omero",
    `root@tcp://127.0.0.1:${tcp}`,
  ]);
  try {
    // The login's first attempt fails meanwhile (connection refused) and it starts retrying.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await using _server = await startTestServer({ ports: { tcp, ssl, ws, wss } });
    const result = await running.finished();
    const lines = result.stderr.trimEnd().split("\n");
    assert.equal(result.code, 0, lines.join("\n"));
    const banner = lines.pop()!;
    assert.match(
      banner,
      /^Created session for root@tcp:\/\/127\.0\.0\.1:\d+\. .* Current group: system$/,
    );
    assert.ok(lines.length >= 1, "at least one retry");
    lines.forEach((line, i) => assert.equal(RETRY_LINE.exec(line)?.[2], String(i + 1), line));
  } finally {
    await running.finished().catch(() => {});
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--retry: gives up after the given seconds with exit 5", async () => {
  const dir = await loginTempDir();
  const [port] = await freePorts(1);
  try {
    const result = await cli(dir, [
      "login",
      "--retry",
      "1",
      "-w",
      "x",
      `u@tcp://127.0.0.1:${port}`,
    ]);
    assert.equal(result.code, 5, result.stderr);
    const lines = result.stderr.trimEnd().split("\n");
    assert.match(lines[0], RETRY_LINE);
    assert.match(lines.at(-1)!, /connection refused/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--retry: a peer that is not an Ice server is not retried (tcp, ssl, ws to HTTP)", async () => {
  const dir = await loginTempDir();
  await using http = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response("<html>not OMERO</html>", { status: 404 }),
  );
  const port = http.addr.port;
  try {
    for (
      const url of [`tcp://127.0.0.1:${port}`, `ssl://127.0.0.1:${port}`, `ws://127.0.0.1:${port}/`]
    ) {
      const result = await cli(dir, [
        "login",
        "--retry",
        "60",
        "--connect-timeout",
        "1",
        "-w",
        "x",
        `u@${url}`,
      ]);
      assert.equal(result.code, 5, `${url}: ${result.stderr}`);
      assert.doesNotMatch(result.stderr, /Login retry/, url);
      assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--retry: Ctrl-C while waiting between attempts: Cancelled, exit 130", async () => {
  const dir = await loginTempDir();
  const [port] = await freePorts(1);
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", MAIN, "login", "--retry", "60", "-w", "x", `u@tcp://127.0.0.1:${port}`],
      env: { OMERO_USERDIR: dir, NO_COLOR: "1" },
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const lines: string[] = [];
    const decoder = new TextDecoder();
    let text = "";
    for await (const chunk of child.stderr) {
      text += decoder.decode(chunk);
      // The first attempt was refused: the login is now in its 3 s pause.
      if (lines.length === 0 && text.includes("\n")) child.kill("SIGINT");
      lines.splice(0, lines.length, ...text.trimEnd().split("\n"));
    }
    const { code } = await child.status;
    assert.equal(code, 130, text);
    assert.match(lines[0], RETRY_LINE);
    assert.deepEqual(lines.slice(1), ["Cancelled"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
