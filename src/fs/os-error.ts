// Tells a failure of the operating system (a file that is missing, unreadable, on a full disk, a
// process without a terminal…) apart from a bug, so that code which tolerates the first never
// swallows the second.

const OS_ERRORS: readonly (new (...args: never[]) => Error)[] = Object.values(Deno.errors);

/** Deno's text for an errno it has no class for (ENXIO: "No such device … (os error 6)"). */
const UNCLASSIFIED_OS_ERROR = /\(os error \d+\)/u;

/** An error Deno raised for a file-system or OS call. */
export function isOsError(error: unknown): error is Error {
  if (OS_ERRORS.some((kind) => error instanceof kind)) return true;
  return error?.constructor === Error && UNCLASSIFIED_OS_ERROR.test((error as Error).message);
}
