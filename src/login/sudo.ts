// `--sudo ADMIN` (reference §5(c)): log in as ADMIN (or a group owner), create a session for the
// target user with the admin's idle timeout, end the admin's own session, then join the new one.
import type { ServerTarget } from "../connection-string.ts";
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
): Promise<OmeroSession> {
  const adminSession = await open(server, admin, { detach: false });
  let uuid: string;
  try {
    const created = await adminSession.createSessionWithTimeouts(
      principal(targetUser, group ?? ""),
      0,
      adminSession.info.timeToIdle,
    );
    uuid = created.uuid;
  } finally {
    await adminSession.destroy();
  }
  return await joinSession(open, server, uuid);
}
