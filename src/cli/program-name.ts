// The name the program introduces itself by: the one it was invoked under (`omero` as a drop-in
// for omero-py's CLI, or `omero-sessions`). Under `deno run` the executable is deno itself, so the
// launchers (bin/omero-sessions, npm/omero-sessions) pass the name in OMERO_SESSIONS_PROGRAM_NAME.
// A compiled binary is its own executable; but on Linux Deno.execPath() resolves symlinks (it
// reads /proc/self/exe), so a binary symlinked as `omero` takes argv[0] from /proc/self/cmdline.

import { isOsError } from "../fs/os-error.ts";

export interface ProgramNameSources {
  execPath: string;
  env(name: string): string | undefined;
  os: string;
  /** argv[0] as the process was started, where the system tells it. */
  argv0(): string | undefined;
}

export function programName(sources: ProgramNameSources = realSources()): string {
  const executable = baseName(sources.execPath);
  if (executable === "deno") return sources.env("OMERO_SESSIONS_PROGRAM_NAME") || "omero-sessions";
  const argv0 = sources.os === "linux" ? sources.argv0() : undefined;
  return (argv0 && baseName(argv0)) || executable;
}

function baseName(path: string): string {
  return (path.split(/[\\/]/u).pop() ?? "").replace(/\.exe$/iu, "");
}

function realSources(): ProgramNameSources {
  return {
    execPath: Deno.execPath(),
    env: (name) => Deno.env.get(name),
    os: Deno.build.os,
    argv0() {
      try {
        return Deno.readTextFileSync("/proc/self/cmdline").split("\0")[0];
      } catch (error) {
        if (!isOsError(error)) throw error;
        return undefined;
      }
    },
  };
}
