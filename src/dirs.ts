// Where the OMERO user directory and the session store live, as a pure
// function of the environment, the home directory and the platform.
import { type PathFlavour, pathFor } from "./fs/path.ts";
import { CliError, UsageError } from "./errors.ts";

export type Env = Readonly<Record<string, string | undefined>>;

export interface DirInputs {
  env: Env;
  /** Absent when the home directory is unknown (HOME unset). */
  homeDir?: string;
  /** `Deno.build.os`. */
  platform: string;
  /** The deprecated hidden `--session-dir DIR` option (a base dir, like OMERO_SESSION_DIR). */
  sessionDirOption?: string;
}

export interface SessionsDirResolution {
  dir: string;
  /** One-line notices for stderr (deprecated settings). */
  notices: string[];
}

/** omero-py's major version: part of the platform data directory (`OMERO.py/5`). */
const OMERO_PY_MAJOR = "5";

/** The OMERO user directory: `$OMERO_USERDIR`, the platform data dir if set empty, `~/omero`. */
export function resolveUserDir({ env, homeDir, platform }: DirInputs): string {
  const path = pathFor(platform);
  const userDir = env.OMERO_USERDIR;
  if (userDir !== undefined && userDir !== "") return userDir;
  const home = () => requireHome(homeDir, homeVariable(env, platform));
  if (userDir === "") {
    if (platform === "windows") {
      const base = env.LOCALAPPDATA || path.join(home(), "AppData", "Local");
      return path.join(base, "OME", "OMERO.py", OMERO_PY_MAJOR);
    }
    if (platform === "darwin") {
      return path.join(home(), "Library", "Application Support", "OMERO.py", OMERO_PY_MAJOR);
    }
    const base = env.XDG_DATA_HOME || path.join(home(), ".local", "share");
    return path.join(base, "OMERO.py", OMERO_PY_MAJOR);
  }
  return path.join(home(), "omero");
}

/**
 * The sessions directory. Precedence: OMERO_SESSIONDIR > OMERO_SESSION_DIR (+omero/sessions,
 * deprecated) > --session-dir (+omero/sessions, deprecated) > OMERO_USERDIR (+sessions) >
 * ~/omero/sessions. Values are used verbatim (no `~` expansion), as omero-py does.
 */
export function resolveSessionsDir(inputs: DirInputs): SessionsDirResolution {
  const { env, platform, sessionDirOption } = inputs;
  const path = pathFor(platform);
  const notices: string[] = [];
  let base = sessionDirOption;
  if (sessionDirOption !== undefined) {
    notices.push(deprecation("--session-dir DIR", sessionDirOption, path));
  }
  if (env.OMERO_SESSION_DIR !== undefined) {
    base = env.OMERO_SESSION_DIR;
    notices.push(deprecation("OMERO_SESSION_DIR", base, path));
  }
  const sessionDir = env.OMERO_SESSIONDIR;
  if (sessionDir !== undefined) {
    if (sessionDir === "") {
      throw new UsageError("OMERO_SESSIONDIR is set but empty: unset it or name a directory");
    }
    return { dir: sessionDir, notices };
  }
  if (base) return { dir: path.join(base, "omero", "sessions"), notices };
  return { dir: path.join(resolveUserDir(inputs), "sessions"), notices };
}

function deprecation(setting: string, base: string, path: PathFlavour): string {
  const replacement = base ? path.join(base, "omero", "sessions") : "DIR";
  return `warning: ${setting} is deprecated; use OMERO_SESSIONDIR=${replacement} instead`;
}

/** The variable naming the home directory, and its value if set. */
function homeVariable(env: Env, platform: string): { name: string; value?: string } {
  const name = platform === "windows" ? "USERPROFILE" : "HOME";
  return { name, value: env[name] || undefined };
}

/** The home directory, or why there is none (unset, or set to something not a directory). */
function requireHome(homeDir: string | undefined, variable: { name: string; value?: string }) {
  if (homeDir) return homeDir;
  const why = variable.value === undefined
    ? `${variable.name} is not set`
    : `${variable.name}=${variable.value} is not a directory`;
  throw new CliError(
    `cannot find the home directory (${why}): set ${variable.name}, OMERO_USERDIR or OMERO_SESSIONDIR`,
  );
}
