// For the in-process tests of list's and clear's joins: an opener against the test server that
// counts the joins, and stored sessions on its tcp port or elsewhere.
import { type SessionOpener, sessionOpener } from "../../src/omero/session.ts";
import type { StoredSession } from "../../src/store/session-store.ts";
import type { TestServer } from "../../testserver/start.ts";
import { acceptAnyPeer } from "../fixtures/accepting-trust.ts";

export function joinFixture(server: TestServer, connectTimeoutMs: number) {
  const open = sessionOpener({
    agent: "OMERO.sessions",
    connectTimeoutMs,
    callTimeoutMs: 20_000,
    trust: acceptAnyPeer,
  });
  const tcp = { host: "127.0.0.1", port: server.ports.tcp, transport: "tcp" as const };
  /** "PORT KEY" of every join through `counting`, in order. */
  const joined: string[] = [];
  const counting: SessionOpener = (target, credentials, options) => {
    joined.push(`${target.port} ${credentials.user}`);
    return open(target, credentials, options);
  };
  return {
    open,
    tcp,
    joined,
    counting,
    /** A new server session (password `ome`), released: it stays open on the server. */
    login: (user: string) => open(tcp, { user, password: "ome" }, {}),
    /** A stored session of `user` on the test server, or on `port`. */
    stored: (user: string, uuid: string, port = server.ports.tcp): StoredSession => ({
      host: "tcp://127.0.0.1",
      user,
      uuid,
      port: String(port),
      path: "",
      props: new Map(),
    }),
  };
}
