// Crash- and race-safe file replacement for the session store and known_hosts: readers see the
// old file or the new one, never a partial one. Works on NFS (rename within a directory is
// atomic there too); no locks.
import { nativePath } from "./path.ts";
import { isOsError } from "./os-error.ts";

const { basename, dirname, join } = nativePath;

/** Owner-only permissions for everything we create (applied at creation, not after). */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/**
 * Writes `text` to a dot-named temporary file beside `path` (so listings ignore it),
 * fsyncs it and renames it over `path`. The temporary file is removed if anything fails.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temp = join(
    dirname(path),
    `.${basename(path)}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`,
  );
  try {
    const file = Deno.openSync(temp, { write: true, createNew: true, mode: FILE_MODE });
    try {
      const data = new TextEncoder().encode(text);
      for (let written = 0; written < data.length;) {
        written += file.writeSync(data.subarray(written));
      }
      file.syncSync();
    } finally {
      file.close();
    }
    Deno.renameSync(temp, path);
  } catch (error) {
    try {
      Deno.removeSync(temp);
    } catch (cleanup) {
      // Never created, or already renamed: nothing to clean up.
      if (!isOsError(cleanup)) throw cleanup;
    }
    throw error;
  }
  syncDirectory(dirname(path));
}

/** Creates `dir` and missing parents with owner-only permissions. */
export function makeDirectory(dir: string): void {
  Deno.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
}

/** Makes the rename durable; best effort, since not every platform can fsync a directory. */
function syncDirectory(dir: string): void {
  if (Deno.build.os === "windows") return;
  try {
    const handle = Deno.openSync(dir, { read: true });
    try {
      handle.syncSync();
    } finally {
      handle.close();
    }
  } catch (error) {
    // The data itself is already synced; durability of the name is a bonus.
    if (!isOsError(error)) throw error;
  }
}
