// A lock file for short read-modify-write updates of a shared file (known_hosts): created with
// O_CREAT|O_EXCL, which is atomic on local disks and NFS alike (no flock). A lock left behind by
// a crashed process is taken over once it is older than any real update can take.
import { FILE_MODE } from "./atomic-write.ts";
import { isOsError } from "./os-error.ts";

const STALE_MS = 10_000;
const WAIT_MS = 15_000;

export class LockTimeoutError extends Error {}

export async function withLockFile<T>(lockPath: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (let attempt = 0;; attempt++) {
    try {
      Deno.openSync(lockPath, { write: true, createNew: true, mode: FILE_MODE }).close();
      break;
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      if (isStale(lockPath)) {
        Deno.removeSync(lockPath);
        continue;
      }
      if (Date.now() > deadline) {
        throw new LockTimeoutError(
          `${lockPath} is held by another process (remove it if none is running)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 + attempt * 3, 50)));
    }
  }
  try {
    return await work();
  } finally {
    Deno.removeSync(lockPath);
  }
}

function isStale(lockPath: string): boolean {
  try {
    const modified = Deno.statSync(lockPath).mtime?.getTime() ?? Date.now();
    return Date.now() - modified > STALE_MS;
  } catch (error) {
    if (!isOsError(error)) throw error;
    return false; // released meanwhile: just try again
  }
}
