// A file the user named in an option (--password-file, --ca-file): one that cannot be read is a
// usage error at once, naming what it was for.
import { UsageError } from "../errors.ts";
import { isOsError } from "./os-error.ts";

export async function readNamedFile(path: string, what: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (!isOsError(error)) throw error;
    throw new UsageError(`cannot read ${what} ${path}: ${error.message}`);
  }
}
