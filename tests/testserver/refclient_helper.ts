/** Runs testserver/refclient.py against a test server and parses its JSON result lines. */
import type { TestServer } from "../../testserver/start.ts";

export type Transport = "tcp" | "ssl" | "ws" | "wss";
/** A transport, or a transport plus the Ice encoding the client requests with. */
export type ClientChoice = Transport | { transport: Transport; encoding: "1.0" | "1.1" };
// deno-lint-ignore no-explicit-any
export type Result = Record<string, any>;

const REFCLIENT = new URL("../../testserver/refclient.py", import.meta.url).pathname;

/** Each command is an array of words; all run in one client process, in order. */
export async function refclient(
  server: TestServer,
  choice: ClientChoice,
  ...commands: string[][]
): Promise<Result[]> {
  const { transport, encoding } = typeof choice === "string" ? { transport: choice } : choice;
  const words = commands.flatMap((command, i) => i === 0 ? command : [",", ...command]);
  const args = [REFCLIENT, "--transport", transport, "--port", String(server.ports[transport])];
  if (encoding) args.push("--encoding", encoding);
  if (transport === "ssl" || transport === "wss") args.push("--cert", server.certPath);
  const output = await new Deno.Command("/usr/bin/python3", {
    args: [...args, ...words],
    stdin: "null",
  }).output();
  const lines = new TextDecoder().decode(output.stdout).trim().split("\n").filter(Boolean);
  if (lines.length !== commands.length) {
    throw new Error(
      `refclient printed ${lines.length} lines for ${commands.length} commands:\n` +
        new TextDecoder().decode(output.stderr),
    );
  }
  return lines.map((line) => JSON.parse(line));
}

/** One command; returns its result. */
export async function ref(server: TestServer, choice: ClientChoice, ...words: string[]) {
  return (await refclient(server, choice, words))[0];
}
