/**
 * `deno task server`: the local OMERO test server in the foreground, on OMERO's ports by default.
 * Stops itself and its children on SIGINT/SIGTERM.
 */
import { parseArgs } from "node:util";
import { startTestServer } from "./start.ts";

const USAGE = `Usage: deno task server [options]
  --tcp PORT --ssl PORT --ws PORT --wss PORT   client ports (default 4063 4064 4065 4066)
  --free-ports                                 pick free ports instead
  --time-scale X       multiply OMERO session lifetimes (0.01: 600 s idle timeout = 6 s)
  --session-timeout S  Glacier2.SessionTimeout in seconds (default 600)
  --cert-kind ca|leaf  self-signed CA:TRUE certificate (default) or CA:FALSE with SANs
  --fixtures FILE      extra users and groups (JSON, same shape as testserver/fixtures.json)
  --server-version V   what IConfig.getVersion returns (default 5.6.10)
  --hostile            add users, groups and a session named with escape sequences and newlines`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  Deno.exit(2);
}

function number(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) fail(`--${name} needs a positive number`);
  return parsed;
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      tcp: { type: "string" },
      ssl: { type: "string" },
      ws: { type: "string" },
      wss: { type: "string" },
      "free-ports": { type: "boolean" },
      "time-scale": { type: "string" },
      "session-timeout": { type: "string" },
      "cert-kind": { type: "string" },
      fixtures: { type: "string" },
      "server-version": { type: "string" },
      hostile: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (parsed.help) {
  console.log(USAGE);
  Deno.exit(0);
}
const certKind = parsed["cert-kind"] ?? "ca";
if (certKind !== "ca" && certKind !== "leaf") fail("--cert-kind is ca or leaf");

const server = await startTestServer({
  ports: parsed["free-ports"] ? undefined : {
    tcp: number(parsed.tcp, "tcp", 4063),
    ssl: number(parsed.ssl, "ssl", 4064),
    ws: number(parsed.ws, "ws", 4065),
    wss: number(parsed.wss, "wss", 4066),
  },
  timeScale: number(parsed["time-scale"], "time-scale", 1),
  sessionTimeoutSecs: number(parsed["session-timeout"], "session-timeout", 600),
  certKind,
  fixturesFile: parsed.fixtures,
  version: parsed["server-version"],
  hostile: parsed.hostile,
});

const { host, ports } = server;
console.log(`OMERO test server ready (OMERO.Glacier2/router)
  tcp://${host}:${ports.tcp}
  ssl://${host}:${ports.ssl}
  ws://${host}:${ports.ws}
  wss://${host}:${ports.wss}
certificate ${server.certPath}
  SHA-256 ${server.fingerprint256}
users: root/omero (admin), owner/ome, alice/ome, bob/ome — Ctrl-C stops`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", shutdown);
Deno.addSignalListener("SIGTERM", shutdown);
