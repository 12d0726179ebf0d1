// `npm run try`: starts the bundled local OMERO test server on free loopback ports and runs
// omero-sessions against it in a throw-away store, printing each command and what it printed.
import { join } from "node:path";
import { startTestServer } from "../testserver/start.ts";
import { PERMISSIONS } from "./permissions.ts";

/** The commands shown, in order (the README's transcript of `npm run try` follows them). */
export function tryCommands(tcp: string, wss: string): string[][] {
  return [
    ["login", `alice@${tcp}`, "-w", "ome"],
    ["login", `alice@${tcp}`],
    ["key"],
    ["groups"],
    ["status"],
    ["login", `root@${wss}`, "-w", "omero", "-g", "system"],
    ["list"],
    ["logout"],
    ["list", "--offline"],
    ["sessions", "clear"],
  ];
}

async function main(): Promise<void> {
  const program = new URL("../main.ts", import.meta.url).pathname;
  const home = await Deno.makeTempDir({ prefix: "omero-sessions-try-" });
  const env = { OMERO_USERDIR: join(home, "omero"), NO_COLOR: "1" };
  try {
    await using server = await startTestServer();
    const tcp = `tcp://${server.host}:${server.ports.tcp}`;
    const wss = `wss://localhost:${server.ports.wss}`;
    console.log(
      `local OMERO test server: ${tcp} (also ssl, ws, wss); store: ${env.OMERO_USERDIR}\n`,
    );
    for (const args of tryCommands(tcp, wss)) {
      console.log(`$ omero-sessions ${args.join(" ")}`);
      // One pipe for stdout and stderr, so the lines come in the order a terminal shows them.
      const script = 'exec "$@" 2>&1';
      const out = await new Deno.Command("sh", {
        args: ["-c", script, "sh", Deno.execPath(), "run", ...PERMISSIONS, program, ...args],
        env,
        stdin: "null",
      }).output();
      const text = new TextDecoder().decode(out.stdout);
      if (text) console.log(text.trimEnd());
      console.log(`(exit ${out.code})\n`);
    }
  } finally {
    await Deno.remove(home, { recursive: true });
  }
}

if (import.meta.main) await main();
