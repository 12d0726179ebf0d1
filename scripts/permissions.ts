// The permissions omero-sessions runs with, in every packaged form: baked into the compiled
// binaries (scripts/compile.ts) and passed by the launchers (bin/omero-sessions for a checkout,
// npm/omero-sessions for the npm package; tests/dist/ checks they agree). Why each one:
// - read, write: the session store, known_hosts, password and CA files live wherever HOME,
//   OMERO_USERDIR, OMERO_SESSIONDIR or an option put them, so they cannot be scoped in advance;
// - net: any OMERO server the user names;
// - env: the variables the tool reads, and `exec` hands its command the whole environment;
// - run: `exec -- CMD` runs any command the user gives.
// Nothing else: no sys, no ffi, no remote imports (--deny-import), and no prompt for more.
export const PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-net",
  "--allow-env",
  "--allow-run",
  "--deny-import",
  "--no-prompt",
] as const;
