// OMERO's permission bits (`Permissions.perm1`) as OMERO prints them: `rwra--` for user, group
// and world, each "r" or "-" then "w", "a" (annotate only) or "-".

/** Read, write and annotate bits of one role; the user's shift is 8, group 4, world 0. */
const READ = 4n;
const WRITE = 2n;
const ANNOTATE = 1n;
const SHIFTS = [8n, 4n, 0n];

export function permissionsString(perm1: bigint): string {
  const granted = (mask: bigint, shift: bigint) => (perm1 & (mask << shift)) === mask << shift;
  return SHIFTS.map((shift) =>
    (granted(READ, shift) ? "r" : "-") +
    (granted(WRITE, shift) ? "w" : granted(ANNOTATE, shift) ? "a" : "-")
  ).join("");
}
