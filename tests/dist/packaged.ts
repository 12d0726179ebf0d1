// Runs a packaged form of omero-sessions (the bundle under `deno run`, or an installed command) as
// a user would, from a directory of its own (`home`, whose `omero/` is its OMERO user directory),
// and the steps every packaged form must pass against the local test server.
import assert from "node:assert/strict";
import { join } from "node:path";
import type { TestServer } from "../../testserver/start.ts";

export interface Packaged {
  /** The command line that starts the tool, before its own arguments. */
  command: string[];
  /** Extra environment (e.g. PATH for an installed command). */
  env?: Record<string, string>;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runPackaged(tool: Packaged, home: string, args: string[]): Promise<Run> {
  const [command, ...prefix] = tool.command;
  await Deno.mkdir(home, { recursive: true });
  const output = await new Deno.Command(command, {
    args: [...prefix, ...args],
    env: { OMERO_USERDIR: join(home, "omero"), NO_COLOR: "1", ...tool.env },
    // Away from the checkout: nothing beside the packaged files may be needed.
    cwd: home,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** Asserts exit 0 and returns the run, showing stderr when it failed. */
export function ok(run: Run): Run {
  assert.equal(run.code, 0, `exit ${run.code}\n${run.stderr}`);
  return run;
}

/**
 * The smoke test: login over tcp, ssl and wss, list, status, exec, trust list, logout: every
 * transport and the commands that load node: modules on demand.
 */
export async function smoke(tool: Packaged, server: TestServer, home: string): Promise<void> {
  const run = (...args: string[]) => runPackaged(tool, home, args);
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  const wss = `wss://localhost:${server.ports.wss}`;

  const alice = ok(await run("login", `alice@${tcp}`, "-w", "ome"));
  assert.equal(alice.stdout, "");
  assert.match(alice.stderr, new RegExp(`^Created session for alice@${tcp}\\. `, "u"));

  const root = ok(await run("login", `root@${wss}`, "-w", "omero", "-g", "system"));
  assert.match(root.stderr, /^Trusting the certificate of localhost:\d+ on first use/u);
  assert.match(root.stderr, new RegExp(`Created session for root@${wss}\\. .*group: system`, "u"));

  const ssl = `ssl://localhost:${server.ports.ssl}`;
  const bob = ok(await run("login", `bob@${ssl}`, "-w", "ome"));
  assert.match(bob.stderr, new RegExp(`Created session for bob@${ssl}\\. `, "u"));
  const trust = ok(await run("trust", "list"));
  assert.match(trust.stdout, new RegExp(`localhost:${server.ports.ssl} `, "u"));

  ok(await run("login", `root@${wss}`));
  const list = ok(await run("list"));
  assert.match(list.stdout, new RegExp(`${tcp} +\\| alice +\\| lab `, "u"));
  assert.match(list.stdout, new RegExp(`${wss} +\\| root +\\| system `, "u"));

  const key = ok(await run("key")).stdout.trim();
  assert.match(key, /^[0-9a-f-]{36}$/u);
  const status = ok(await run("status", "--json"));
  assert.equal(JSON.parse(status.stdout).user, "root");

  const exec = ok(await run("exec", "--", "sh", "-c", 'echo "$OMERO_SESSION_KEY $OMERO_PORT"'));
  assert.equal(exec.stdout, `${key} ${server.ports.wss}\n`);

  ok(await run("logout"));
  const after = await run("key");
  assert.equal(after.code, 4, after.stderr);
  assert.equal(after.stdout, "");
}
