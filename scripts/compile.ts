// `deno task compile [TARGET…]`: single binaries per OS into dist/. `deno compile` downloads the
// runtime (denort) for each target from dl.deno.land; without it we stop with a clear message
// instead of waiting on the network.
import { join } from "node:path";

const TARGETS: Record<string, string> = {
  "x86_64-unknown-linux-gnu": "omero-sessions-linux-x64",
  "aarch64-unknown-linux-gnu": "omero-sessions-linux-arm64",
  "x86_64-apple-darwin": "omero-sessions-macos-x64",
  "aarch64-apple-darwin": "omero-sessions-macos-arm64",
  "x86_64-pc-windows-msvc": "omero-sessions-windows-x64.exe",
};
const DOWNLOAD_HOST = "https://dl.deno.land/";
const PROBE_TIMEOUT_MS = 5_000;
const COMPILE_TIMEOUT_MS = 300_000;

const wanted = Deno.args.length ? Deno.args : Object.keys(TARGETS);
const unknown = wanted.filter((target) => !(target in TARGETS));
if (unknown.length) fail(`unknown target ${unknown.join(", ")}; known: ${Object.keys(TARGETS)}`);

if (!Deno.env.get("DENORT_BIN")) await probeDownloadHost();
for (const target of wanted) await compile(target, join("dist", TARGETS[target]));

async function probeDownloadHost(): Promise<void> {
  try {
    const response = await fetch(DOWNLOAD_HOST, {
      method: "HEAD",
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
  } catch (error) {
    fail(
      `cannot reach ${DOWNLOAD_HOST} (${error instanceof Error ? error.message : error}).\n` +
        "deno compile downloads the Deno runtime (denort) for each target from there; run this " +
        "on a machine with internet access, or set DENORT_BIN to a denort binary for one target.",
    );
  }
}

async function compile(target: string, output: string): Promise<void> {
  console.error(`compile: ${target} -> ${output}`);
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "compile",
      "-A",
      "--target",
      target,
      "--output",
      output,
      // The deno npm package (our dev dependency) is the ~100 MB CLI; it must not be embedded.
      "--exclude",
      "node_modules/deno",
      "--exclude",
      "node_modules/@deno",
      "main.ts",
    ],
    signal: AbortSignal.timeout(COMPILE_TIMEOUT_MS),
  }).spawn();
  const status = await child.status;
  if (!status.success) fail(`deno compile failed for ${target} (exit ${status.code})`);
}

function fail(message: string): never {
  console.error(`compile: ${message}`);
  Deno.exit(1);
}
