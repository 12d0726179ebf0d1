// The name the program introduces itself by: from the launchers' variable under `deno run`, from
// argv[0] for a compiled binary, also when it is a symlink named `omero`.
import assert from "node:assert/strict";
import { join } from "node:path";
import { programName, type ProgramNameSources } from "../../src/cli/program-name.ts";

const sources = (overrides: Partial<ProgramNameSources>): ProgramNameSources => ({
  execPath: "/usr/bin/deno",
  env: () => undefined,
  os: "linux",
  argv0: () => undefined,
  ...overrides,
});

Deno.test("programName: under deno, the launcher's OMERO_SESSIONS_PROGRAM_NAME, else omero-sessions", () => {
  assert.equal(programName(sources({})), "omero-sessions");
  const env = (name: string) => name === "OMERO_SESSIONS_PROGRAM_NAME" ? "omero" : undefined;
  assert.equal(programName(sources({ env })), "omero");
  assert.equal(
    programName(sources({ execPath: "C:\\deno\\deno.exe", os: "windows", env })),
    "omero",
  );
});

Deno.test("programName: a compiled binary is named by argv[0] on Linux, by its path elsewhere", () => {
  const compiled = { execPath: "/opt/bin/omero-sessions", env: () => "ignored" };
  assert.equal(programName(sources({ ...compiled, argv0: () => "omero" })), "omero");
  assert.equal(programName(sources({ ...compiled, argv0: () => "/usr/local/bin/omero" })), "omero");
  assert.equal(programName(sources({ ...compiled, argv0: () => undefined })), "omero-sessions");
  const mac = {
    ...compiled,
    os: "darwin",
    argv0: () => "unused",
    execPath: "/usr/local/bin/omero",
  };
  assert.equal(programName(sources(mac)), "omero");
  const windows = { os: "windows", execPath: "C:\\Tools\\omero.exe" };
  assert.equal(programName(sources(windows)), "omero");
});

Deno.test("programName: a real executable named omero-sessions, run through a symlink named omero", async () => {
  const dir = await Deno.makeTempDir({ prefix: "program-name-" });
  try {
    // A Deno executable under another name stands in for a compiled binary: Deno.execPath()
    // and /proc/self/cmdline behave alike for both.
    const executable = join(dir, "omero-sessions");
    Deno.linkSync(Deno.realPathSync(Deno.execPath()), executable);
    Deno.symlinkSync("omero-sessions", join(dir, "omero"));
    const module = new URL("../../src/cli/program-name.ts", import.meta.url).href;
    const code = `import { programName } from "${module}"; console.log(programName());`;
    const names: string[] = [];
    for (const name of ["omero-sessions", "omero"]) {
      const output = await new Deno.Command(join(dir, name), {
        args: ["eval", "--no-config", code],
        stdin: "null",
      }).output();
      assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
      names.push(new TextDecoder().decode(output.stdout).trim());
    }
    assert.deepEqual(names, ["omero-sessions", "omero"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
