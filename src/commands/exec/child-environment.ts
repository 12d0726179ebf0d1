// What `exec` hands its child: our own environment without the secrets and the wrapper's own
// variables, plus the session. A job's environment ends up in core dumps, `ps e`, CI logs and
// the environments of whatever it starts, so the password that logged us in stays with us.

/** Never passed on: the password, and what bin/omero-sessions sets for this process only. */
const WITHHELD = ["OMERO_PASSWORD", "OMERO_SESSIONS_PROGRAM_NAME"] as const;

export function childEnvironment(
  parent: Readonly<Record<string, string | undefined>>,
  session: Readonly<Record<string, string>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && !(WITHHELD as readonly string[]).includes(name)) env[name] = value;
  }
  return { ...env, ...session };
}
