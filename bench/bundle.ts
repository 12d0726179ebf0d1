// Start-up of the bundle (dist/omero-sessions.js, what the npm package runs and the binaries
// embed) against the source form (main.ts, what a checkout runs), both under `deno run` with the
// packaged permissions, interleaved: `version` (no store) and `key` on a store of one session.
import { join } from "node:path";
import { bundle, ROOT } from "../scripts/bundle.ts";
import { PERMISSIONS } from "../scripts/permissions.ts";
import { buildLoginProps } from "../src/store/session-file.ts";
import { SessionStore } from "../src/store/session-store.ts";
import type { Budget } from "./cli.ts";
import { interleaved } from "./interleave.ts";
import { type ProcessRun, timedProcess } from "./process.ts";
import type { Row } from "./report.ts";
import { summarize } from "./stats.ts";

export async function bundleBenchmarks(budget: Budget): Promise<Row[]> {
  const dir = await Deno.makeTempDir({ prefix: "bench-bundle-" });
  try {
    const file = join(dir, "omero-sessions.js");
    await bundle(file);
    const store = new SessionStore(join(dir, "omero", "sessions"));
    const uuid = crypto.randomUUID();
    const host = "omero.example.org";
    store.add(host, "alice", uuid, buildLoginProps({ host, user: "alice", port: "4064" }));
    store.setCurrent(host, "alice", uuid);
    const env = { OMERO_USERDIR: join(dir, "omero"), NO_COLOR: "1" };
    const run = (script: string[], args: string[], check: (run: ProcessRun) => void) =>
      timedProcess({
        command: Deno.execPath(),
        args: ["run", ...PERMISSIONS, ...script, ...args],
        env,
        cwd: dir,
      }, check);
    const bundled = ["--no-config", file];
    const source = [join(ROOT, "main.ts")];
    const rows: Row[] = [];
    const cases: [string, string[], (run: ProcessRun) => void][] = [
      ["--version", ["--version"], (run) => expect(run, /^(omero-sessions )?\d+\.\d+/u)],
      ["key", ["key"], (run) => expect(run, new RegExp(`^${uuid}\n$`, "u"))],
    ];
    for (const [name, args, check] of cases) {
      const a = run(bundled, args, check);
      const b = run(source, args, check);
      const { a: ours, b: reference } = await interleaved(a, b, budget);
      rows.push({
        name: `${name}: bundle (process; ref = source form)`,
        unit: "ms",
        ours: summarize(ours),
        reference: summarize(reference),
      });
    }
    return rows;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function expect(run: ProcessRun, pattern: RegExp): void {
  if (!pattern.test(run.stdout)) throw new Error(`unexpected output: ${run.stdout}`);
}
