// `deno task compile [--check-layout] [TARGET…]`: single binaries per OS into dist/, each the
// bundle (scripts/bundle.ts) as its only embedded file, run with the permissions of
// scripts/permissions.ts. `deno compile` takes the runtime (denort) for each target from
// dl.deno.land, or from DENORT_BIN for one target. The Deno CLI is no denort (a binary built on it
// runs as plain Deno), so with DENORT_BIN pointing at it, or with --check-layout, only the layout
// is checked: what is embedded, its size, and the permissions baked in (docs/distribution.md).
import { join } from "node:path";
import { BUNDLE, bundle, ROOT } from "./bundle.ts";
import { type Layout, type Metadata, parseListing, readMetadata } from "./compile-layout.ts";
import { PERMISSIONS } from "./permissions.ts";

export const TARGETS: Record<string, string> = {
  "x86_64-unknown-linux-gnu": "omero-sessions-linux-x64",
  "aarch64-unknown-linux-gnu": "omero-sessions-linux-arm64",
  "x86_64-apple-darwin": "omero-sessions-macos-x64",
  "aarch64-apple-darwin": "omero-sessions-macos-arm64",
  "x86_64-pc-windows-msvc": "omero-sessions-windows-x64.exe",
};
/** Embedded files may total at most this (measured: the bundle alone, 0.40 MB in December 2026). */
export const PAYLOAD_BUDGET_BYTES = 1024 * 1024;
const EMBEDDED = "omero-sessions.js";
const DOWNLOAD_HOST = "https://dl.deno.land/";
const PROBE_TIMEOUT_MS = 5_000;
const COMPILE_TIMEOUT_MS = 300_000;

class CompileError extends Error {}

/** Builds `binary` for `target` from the bundle; returns deno compile's listing of it. */
async function denoCompile(
  target: string,
  binary: string,
  bundleFile: string,
  denort?: string,
): Promise<Layout> {
  const output = await new Deno.Command(Deno.execPath(), {
    // --no-config: the bundle needs neither deno.json nor node_modules, so nothing of the
    // checkout is embedded beside it.
    args: [
      "compile",
      "--no-config",
      ...PERMISSIONS,
      "--target",
      target,
      "--output",
      binary,
      bundleFile,
    ],
    cwd: ROOT,
    env: { NO_COLOR: "1", ...(denort ? { DENORT_BIN: denort } : {}) },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(COMPILE_TIMEOUT_MS),
  }).output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  if (!output.success) {
    throw new CompileError(`deno compile failed for ${target} (exit ${output.code}):\n${text}`);
  }
  return parseListing(text);
}

/** What a binary must hold; each problem found, or none. Without metadata, only the files. */
export function layoutProblems(layout: Layout, metadata?: Metadata): string[] {
  const problems: string[] = [];
  const paths = layout.files.map((file) => file.path);
  if (paths.length !== 1 || paths[0] !== EMBEDDED) {
    problems.push(`embedded files should be only ${EMBEDDED}, got: ${paths.join(", ")}`);
  }
  if (layout.totalBytes > PAYLOAD_BUDGET_BYTES) {
    problems.push(
      `payload ${mb(layout.totalBytes)} is over the ${mb(PAYLOAD_BUDGET_BYTES)} budget`,
    );
  }
  if (!metadata) return problems;
  if (metadata.entrypoint_key !== EMBEDDED) {
    problems.push(`entry point should be ${EMBEDDED}, got ${metadata.entrypoint_key}`);
  }
  const expected = expectedPermissions();
  for (const [key, value] of Object.entries(metadata.permissions)) {
    if (!(key in expected) && /^allow_/u.test(key) && key !== "allow_import" && value !== null) {
      problems.push(`permission ${key} should not be granted, got ${JSON.stringify(value)}`);
    }
  }
  for (const [key, value] of Object.entries(expected)) {
    const got = JSON.stringify(metadata.permissions[key]);
    if (got !== JSON.stringify(value)) {
      problems.push(`permission ${key}: ${got}, expected ${value}`);
    }
  }
  return problems;
}

/** PERMISSIONS as deno compile records them: `[]` is "all", `prompt: false` is --no-prompt. */
function expectedPermissions(): Record<string, unknown> {
  const expected: Record<string, unknown> = {};
  for (const flag of PERMISSIONS) {
    if (flag === "--no-prompt") expected.prompt = false;
    else expected[flag.slice(2).replace("-", "_")] = [];
  }
  return expected;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** Compiles for the host target on the Deno CLI as a stand-in runtime, checks, deletes it. */
export async function checkLayout(
  bundleFile = BUNDLE,
): Promise<{ layout: Layout; metadata: Metadata }> {
  const dir = await Deno.makeTempDir({ prefix: "omero-sessions-layout-" });
  try {
    const binary = join(dir, "layout-check");
    const layout = await denoCompile(Deno.build.target, binary, bundleFile, Deno.execPath());
    const metadata = await readMetadata(binary);
    const problems = layoutProblems(layout, metadata);
    if (problems.length) throw new CompileError(`layout check failed: ${problems.join("; ")}`);
    return { layout, metadata };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The first line `binary --version` prints, and whether it ran and exited 0. */
async function versionLine(binary: string): Promise<{ success: boolean; first: string }> {
  try {
    const output = await new Deno.Command(binary, {
      args: ["--version"],
      stdin: "null",
      stdout: "piped",
      stderr: "null",
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    }).output();
    return {
      success: output.success,
      first: new TextDecoder().decode(output.stdout).split("\n")[0],
    };
  } catch (error) {
    return { success: false, first: String(error).split("\n")[0] };
  }
}

/** A binary for this machine must answer `--version` with ours: a stand-in runtime does not. */
async function runProblems(binary: string): Promise<string[]> {
  const { version } = JSON.parse(await Deno.readTextFile(join(ROOT, "package.json")));
  const { success, first } = await versionLine(binary);
  const ours = success &&
    new RegExp(`^(omero-sessions )?${version.replaceAll(".", "\\.")}$`, "u").test(first);
  return ours ? [] : [`it does not run as omero-sessions ${version} (--version: "${first}")`];
}

/** True when `binary --version` answers as the Deno CLI does (denort has no such option). */
export async function isDenoCli(binary: string): Promise<string | undefined> {
  const { first } = await versionLine(binary);
  return /^deno \d/u.test(first) ? first : undefined;
}

export async function probeDownloadHost(host = DOWNLOAD_HOST): Promise<void> {
  try {
    const response = await fetch(host, {
      method: "HEAD",
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
  } catch (error) {
    // fetch says only "fetch failed"; the cause tells what (DNS, refused, timeout).
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const reason = (cause instanceof Error ? cause.message : String(cause))
      .replace(/^error sending request for url \([^)]*\): /u, "");
    throw new CompileError(
      `cannot reach ${host} (${reason}), where deno compile gets the ` +
        "runtime (denort) for each target; build on a machine that reaches it (the release " +
        "pipeline does), or set DENORT_BIN to a denort binary for one target",
    );
  }
}

async function main(args: string[]): Promise<void> {
  const layoutOnly = args.includes("--check-layout");
  const targets = args.filter((arg) => arg !== "--check-layout");
  const unknown = targets.filter((target) => !(target in TARGETS));
  if (unknown.length) {
    throw new CompileError(
      `unknown target ${unknown.join(", ")}; known: ${Object.keys(TARGETS).join(", ")}`,
    );
  }
  const wanted = targets.length ? targets : Object.keys(TARGETS);
  const denort = Deno.env.get("DENORT_BIN");
  const standIn = denort ? await isDenoCli(denort) : undefined;
  if (!layoutOnly && !denort) await probeDownloadHost();

  await bundle();
  const { layout } = await checkLayout();
  console.error(
    `compile: layout ok: ${layout.files.map((f) => `${f.path} (${mb(f.bytes)})`).join(", ")}; ` +
      `payload ${mb(layout.totalBytes)} of a ${mb(PAYLOAD_BUDGET_BYTES)} budget; ` +
      `permissions ${PERMISSIONS.join(" ")}`,
  );
  if (layoutOnly) return;
  if (standIn) {
    throw new CompileError(
      `DENORT_BIN=${denort} is the Deno CLI (${standIn}), not the runtime denort: a binary built ` +
        "on it runs as plain Deno, not as omero-sessions. Layout checked; no binary written.",
    );
  }
  if (denort && wanted.length !== 1) {
    throw new CompileError("DENORT_BIN is the runtime of one target: name exactly one target");
  }
  for (const target of wanted) {
    const name = TARGETS[target];
    const binary = join(ROOT, "dist", name);
    console.error(`compile: ${target} -> dist/${name}`);
    const layout = await denoCompile(target, binary, BUNDLE, denort);
    // Found in ELF binaries (the layout check reads them there); Mach-O and PE binaries are
    // built from the same flags but their format was never checked here, so they may not yield it.
    const metadata = await readMetadata(binary).catch(() => undefined);
    const problems = metadata ? layoutProblems(layout, metadata) : layoutProblems(layout);
    if (!metadata && target.includes("linux")) problems.push("no deno compile metadata found");
    if (!metadata && !problems.length) console.error(`compile: ${name}: permissions not read back`);
    if (!problems.length && target === Deno.build.target) {
      problems.push(...await runProblems(binary));
    }
    if (problems.length) {
      await Deno.remove(binary);
      throw new CompileError(`${name}: ${problems.join("; ")}; removed it`);
    }
  }
}

if (import.meta.main) {
  try {
    await main(Deno.args);
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    console.error(`compile: ${error.message}`);
    Deno.exit(1);
  }
}
