// `--sudo ADMIN`: log in as ADMIN (or a group owner), create a session for the
// target user with the admin's idle timeout, join the new one, then end the admin's own session.
// If the join fails, the admin closes the session it created: nothing is left on the server.
import type { ServerTarget } from "../connection-string.ts";
import { CliError } from "../errors.ts";
import { principal } from "../omero/model.ts";
import {
  type Credentials,
  joinSession,
  type OmeroSession,
  type SessionOpener,
} from "../omero/session.ts";

export async function sudoLogin(
  open: SessionOpener,
  server: ServerTarget,
  admin: Credentials,
  targetUser: string,
  group: string | undefined,
  signal?: AbortSignal,
): Promise<OmeroSession> {
  const adminSession = await open(server, admin, { detach: false, signal });
  try {
    const { uuid } = await adminSession.createSessionWithTimeouts(
      principal(targetUser, group ?? ""),
      0,
      adminSession.info.timeToIdle,
    );
    try {
      return await joinSession(open, server, uuid, { signal });
    } catch (error) {
      await adminSession.closeSession(uuid).catch((closing) => {
        if (!(closing instanceof CliError)) throw closing;
      });
      throw error;
    }
  } finally {
    await adminSession.destroy();
  }
}
