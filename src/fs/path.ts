// Path joining for the store, the user directory and known_hosts, with node:path's results for
// the cases we use (join, resolve, dirname, basename; POSIX and Windows). Our own because
// importing node:path loads Node's compatibility layer, about 25 ms of every command's start-up.

export interface PathFlavour {
  readonly sep: string;
  join(...parts: string[]): string;
  /** `path` made absolute against `cwd` (itself absolute), normalized, no trailing separator. */
  resolve(cwd: string, path: string): string;
  dirname(path: string): string;
  basename(path: string): string;
}

function flavour(windows: boolean): PathFlavour {
  const sep = windows ? "\\" : "/";
  const separators = windows ? /[\\/]+/u : /\/+/u;
  /** The root of an absolute path (`/`, `C:\`, `\\server\share\`), a drive (`C:`), or "". */
  const rootOf = (path: string): string => {
    if (!windows) return path.startsWith("/") ? "/" : "";
    const unc = /^[\\/]{2}([^\\/]+)[\\/]+([^\\/]+)/u.exec(path);
    if (unc) return `\\\\${unc[1]}\\${unc[2]}\\`;
    const drive = /^[A-Za-z]:/u.exec(path)?.[0] ?? "";
    return /^[\\/]/u.test(path.slice(drive.length)) ? `${drive}\\` : drive;
  };
  const isAbsolute = (path: string) => rootOf(path).endsWith(sep);
  const normalize = (path: string): string => {
    const root = rootOf(path);
    const trailing = separators.test(path.slice(-1)) && path.length > root.length;
    const segments: string[] = [];
    for (const segment of path.slice(root.length).split(separators)) {
      if (segment === "" || segment === ".") continue;
      if (segment === ".." && segments.length > 0 && segments.at(-1) !== "..") segments.pop();
      else if (segment !== ".." || !root.endsWith(sep)) segments.push(segment);
    }
    const body = segments.join(sep);
    if (body === "") return root || ".";
    return `${root}${body}${trailing ? sep : ""}`;
  };
  const withoutTrailing = (path: string) => {
    const root = rootOf(path);
    let end = path.length;
    while (end > root.length && separators.test(path[end - 1])) end--;
    return path.slice(0, end);
  };
  return {
    sep,
    join: (...parts) => normalize(parts.filter((part) => part !== "").join(sep) || "."),
    resolve: (cwd, path) =>
      withoutTrailing(normalize(isAbsolute(path) ? path : `${cwd}${sep}${path}`)),
    dirname(path) {
      const root = rootOf(path);
      const rest = withoutTrailing(path).slice(root.length);
      const cut = Math.max(rest.lastIndexOf("/"), windows ? rest.lastIndexOf("\\") : -1);
      if (cut < 0) return root || ".";
      return withoutTrailing(`${root}${rest.slice(0, cut)}`) || root;
    },
    basename(path) {
      const rest = withoutTrailing(path).slice(rootOf(path).length);
      const cut = Math.max(rest.lastIndexOf("/"), windows ? rest.lastIndexOf("\\") : -1);
      return rest.slice(cut + 1);
    },
  };
}

export const posixPath = flavour(false);
export const windowsPath = flavour(true);

/** The paths of the platform we run on. */
export const nativePath = Deno.build.os === "windows" ? windowsPath : posixPath;

export function pathFor(platform: string): PathFlavour {
  return platform === "windows" ? windowsPath : posixPath;
}
