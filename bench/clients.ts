// The two clients every benchmark compares, as process specs: our CLI from the sources
// (`deno run -A main.ts …`) and the Python ZeroC Ice reference client (testserver/refclient.py).
import { fileURLToPath } from "node:url";
import type { ProcessSpec } from "./process.ts";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const MAIN = `${ROOT}main.ts`;
export const REFCLIENT = `${ROOT}testserver/refclient.py`;
export const PYTHON = "/usr/bin/python3";

/** Our CLI with its own OMERO user directory. */
export function ourCli(
  userDir: string,
  args: string[],
  env: Record<string, string> = {},
): ProcessSpec {
  return {
    command: Deno.execPath(),
    args: ["run", "-A", MAIN, ...args],
    env: { OMERO_USERDIR: userDir, NO_COLOR: "1", ...env },
  };
}

/** A fresh login (a new session) of the test server's alice at `url`, by our CLI. */
export function ourFreshLogin(userDir: string, url: string): ProcessSpec {
  return ourCli(userDir, ["login", "-q", "-C", "-w", "ome", `alice@${url}`]);
}

/** The same login by the reference client. */
export function refFreshLogin(port: number, transport?: string): ProcessSpec {
  return refClient(port, ["login", "alice", "ome"], transport);
}

/** The reference client against a server port on loopback (its default transport: tcp). */
export function refClient(port: number, args: string[], transport?: string): ProcessSpec {
  const over = transport === undefined ? [] : ["--transport", transport];
  return { command: PYTHON, args: [REFCLIENT, ...over, "--port", String(port), ...args] };
}
