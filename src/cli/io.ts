// Everything a command may touch of its process, in one object, so commands run in tests
// without spawning the binary. `realIO` decides terminal-ness and the home directory once.
import { CliError } from "../errors.ts";
import { isOsError } from "../fs/os-error.ts";

export interface TextWriter {
  write(text: string): void;
}

export interface IO {
  stdout: TextWriter;
  stderr: TextWriter;
  stdin: ReadableStream<Uint8Array>;
  isTerminal: { stdin: boolean; stdout: boolean; stderr: boolean };
  env: Readonly<Record<string, string | undefined>>;
  /** Absent when it cannot be determined (HOME unset, or not a directory). */
  homeDir?: string;
  cwd: string;
  /** `Deno.build.os`. */
  platform: string;
  /**
   * The name the user invoked (`omero` or `omero-sessions`), for every message that names one
   * of our commands ("log in first with `omero login`").
   */
  programName: string;
}

export function realIO(programName = "omero-sessions"): IO {
  const env = Deno.env.toObject();
  const platform = Deno.build.os;
  return {
    stdout: fileWriter(Deno.stdout, "stdout"),
    stderr: fileWriter(Deno.stderr, "stderr"),
    // A getter: making the stream loads Deno's web-streams code, a few ms that `key` never needs.
    get stdin() {
      return Deno.stdin.readable;
    },
    isTerminal: {
      stdin: Deno.stdin.isTerminal(),
      stdout: Deno.stdout.isTerminal(),
      stderr: Deno.stderr.isTerminal(),
    },
    env,
    homeDir: usableHome((platform === "windows" ? env.USERPROFILE : env.HOME) || undefined),
    cwd: Deno.cwd(),
    platform,
    programName,
  };
}

/**
 * A home that exists but is not a directory is none: what needs it then says so in one line,
 * instead of every path below it failing with "Not a directory".
 */
function usableHome(home: string | undefined): string | undefined {
  if (home === undefined) return undefined;
  try {
    return Deno.statSync(home).isDirectory ? home : undefined;
  } catch (error) {
    // Not there (yet) or not readable: the paths below it report their own errors.
    if (!isOsError(error)) throw error;
    return home;
  }
}

function fileWriter(file: typeof Deno.stdout, name: string): TextWriter {
  const encoder = new TextEncoder();
  return {
    write(text) {
      const data = encoder.encode(text);
      try {
        for (let written = 0; written < data.length;) {
          written += file.writeSync(data.subarray(written));
        }
      } catch (error) {
        // `omero-sessions key | head -c0`: a closed pipe is not our failure (omero-py ignores it).
        if (error instanceof Deno.errors.BrokenPipe) return;
        // A full disk or a bad descriptor: say which stream, not "internal error".
        const reason = error instanceof Error ? error.message : String(error);
        throw new CliError(`cannot write to ${name}: ${reason}`);
      }
    },
  };
}
