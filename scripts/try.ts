// `npm run try`: starts the bundled local OMERO test server on free loopback ports and runs
// omero-sessions against it in a throw-away store, printing each command and what it printed.
import { join } from "node:path";
import { startTestServer } from "../testserver/start.ts";

const root = new URL("..", import.meta.url).pathname;
const home = await Deno.makeTempDir({ prefix: "omero-sessions-try-" });
const env = { OMERO_USERDIR: join(home, "omero"), NO_COLOR: "1" };

await using server = await startTestServer();
const tcp = `tcp://${server.host}:${server.ports.tcp}`;
const wss = `wss://localhost:${server.ports.wss}`;
console.log(`local OMERO test server: ${tcp} (also ssl, ws, wss); store: ${env.OMERO_USERDIR}\n`);

async function run(...args: string[]): Promise<void> {
  console.log(`$ omero-sessions ${args.join(" ")}`);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(root, "main.ts"), ...args],
    env,
    stdin: "null",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  if (text) console.log(text.trimEnd());
  console.log(`(exit ${out.code})\n`);
}

try {
  await run("login", `alice@${tcp}`, "-w", "ome");
  await run("login", `alice@${tcp}`);
  await run("key");
  await run("groups");
  await run("status");
  await run("login", `root@${wss}`, "-w", "omero", "-g", "system");
  await run("list");
  await run("logout");
  await run("list", "--offline");
  await run("sessions", "clear");
} finally {
  await Deno.remove(home, { recursive: true });
}
