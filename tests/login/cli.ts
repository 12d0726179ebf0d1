// Runs the real CLI (`deno run main.ts …`) with its own OMERO user directory and, unless a test
// says otherwise, the permissions the packaged forms get (scripts/permissions.ts), so a command
// that needed more would fail here, not only in a binary.
import { fileURLToPath } from "node:url";
import { PERMISSIONS } from "../../scripts/permissions.ts";

export const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(
  userDir: string,
  args: string[],
  options: {
    env?: Record<string, string>;
    stdin?: string;
    /** Deno's permission flags for the CLI process (default: the packaged ones). */
    permissions?: string[];
  } = {},
): Promise<CliResult> {
  // setsid: no controlling terminal, as in CI, even when the tests run from a terminal (a prompt
  // would otherwise open /dev/tty and wait).
  const child = new Deno.Command("setsid", {
    args: ["-w", Deno.execPath(), "run", ...(options.permissions ?? PERMISSIONS), MAIN, ...args],
    env: { OMERO_USERDIR: userDir, NO_COLOR: "1", ...options.env },
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const result = await child.output();
  const decoder = new TextDecoder();
  return {
    code: result.code,
    stdout: decoder.decode(result.stdout),
    stderr: decoder.decode(result.stderr),
  };
}

/** The CLI as a running process whose output is collected while it runs. */
export function spawnCli(userDir: string, args: string[]) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, MAIN, ...args],
    env: { OMERO_USERDIR: userDir, NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = { stdout: "", stderr: "" };
  const collect = (stream: ReadableStream<Uint8Array>, name: keyof typeof output) => {
    const decoder = new TextDecoder();
    return stream.pipeTo(
      new WritableStream({ write: (chunk) => void (output[name] += decoder.decode(chunk)) }),
    );
  };
  const reading = Promise.all([collect(child.stdout, "stdout"), collect(child.stderr, "stderr")]);
  let ended = false;
  reading.finally(() => ended = true).catch(() => {});
  return {
    child,
    stdout: () => output.stdout,
    /** Waits until stdout (or stderr) contains `text`, or until both ended without it. */
    async until(text: string, stream: keyof typeof output = "stdout") {
      while (!output[stream].includes(text) && !ended) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async finished(): Promise<CliResult> {
      const [status] = await Promise.all([child.status, reading]);
      return { code: status.code, ...output };
    },
  };
}

export function readStoreFile(userDir: string, ...parts: string[]): string {
  return Deno.readTextFileSync([userDir, "sessions", ...parts].join("/"));
}

export type Transport = "tcp" | "ssl" | "ws" | "wss";
export const TRANSPORTS: readonly Transport[] = ["tcp", "ssl", "ws", "wss"];

/** `tcp://127.0.0.1:PORT` for one of the test server's transports. */
export function serverUrl(ports: Record<Transport, number>, transport: Transport): string {
  return `${transport}://127.0.0.1:${ports[transport]}`;
}

/** A session file's path parts under the store for a URL host on loopback. */
export function hostDir(transport: Transport): string {
  return encodeURIComponent(`${transport}://127.0.0.1`);
}

export function loginTempDir(): Promise<string> {
  return Deno.makeTempDir({ prefix: "login-e2e-" });
}

/** The `._LAST…_` markers of a store: host, port, and the host's user and its session. */
export function markers(userDir: string): Record<string, string | undefined> {
  const read = (...parts: string[]) => {
    try {
      return readStoreFile(userDir, ...parts);
    } catch {
      return undefined;
    }
  };
  const host = read("._LASTHOST_");
  const user = host === undefined ? undefined : read(encodeURIComponent(host), "._LASTUSER_");
  const sess = user === undefined
    ? undefined
    : read(encodeURIComponent(host!), user, "._LASTSESS_");
  return { host, port: read("._LASTPORT_"), user, sess };
}
