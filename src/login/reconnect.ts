// After the current session (docs/login.md): reuse a stored session of the same server and user
// ("Reconnected to"). Unlike omero-py, the first one that works is used; a refused one is removed
// on the way.
import { buildLoginProps } from "../store/session-file.ts";
import { type Conflict, describeConflicts } from "../store/session-store.ts";
import type { Destination, LoginRun, Outcome } from "./login-run.ts";
import { sameServerPort } from "./same-port.ts";

export async function reconnect(
  run: LoginRun,
  destination: Destination,
): Promise<Outcome | undefined> {
  const { store, options } = run;
  const { server, name, port } = destination;
  const wanted = buildLoginProps({ group: options.group, host: server, user: name, port });
  for (const uuid of store.available(server, name)) {
    const stored = run.readStored(server, name, uuid);
    // Gone meanwhile, or unreadable (reported, and kept).
    if (!stored || stored instanceof Error) continue;
    // Without -g any stored group will do, as in the `Using` path (omero-py skips them).
    const conflicts: Conflict[] = store.conflicts(server, name, uuid, wanted, {
      checkGroup: options.group !== undefined,
      samePort: sameServerPort(server),
    });
    if (conflicts.length > 0) {
      // As in omero-py, a conflict in the port alone is skipped without a notice.
      if (conflicts.some((conflict) => conflict.key === "omero.group")) {
        run.note(
          `Skipped session ${uuid} due to property conflicts: ${describeConflicts(conflicts)}`,
        );
      }
      continue;
    }
    const session = await run.joinStored(stored);
    if (session) return { action: "Reconnected to", session, stored, becomesCurrent: true };
    store.remove(server, name, uuid);
  }
  return undefined;
}
