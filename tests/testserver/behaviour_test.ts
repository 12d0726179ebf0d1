/**
 * The test server behaves like OMERO to a real ZeroC Ice client (testserver/refclient.py):
 * the full matrix over tcp, the main paths over ssl, ws and wss.
 */
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { ref, refclient, type Transport } from "./refclient_helper.ts";

Deno.test("OMERO behaviour over tcp", async (t) => {
  await using server = await startTestServer();
  const tcp = (...words: string[]) => ref(server, "tcp", ...words);
  const login = async (user: string, password: string) => {
    const result = await tcp("login", user, password);
    assert.equal(result.ok, true, JSON.stringify(result));
    return result.session as string;
  };

  await t.step("login reports user, default group, agent and timeouts", async () => {
    const result = await tcp("login", "alice", "ome");
    assert.equal(result.ok, true);
    assert.match(result.session, /^[0-9a-f-]{36}$/);
    assert.equal(result.user, "alice");
    assert.equal(result.userId, 3);
    assert.equal(result.group, "lab");
    assert.equal(result.timeToIdle, 600000);
    assert.equal(result.timeToLive, 0);
    assert.equal(result.agent, "OMERO.sessions");
  });

  await t.step("wrong passwords give OMERO's reasons", async () => {
    const [wrong, unknown] = await refclient(server, "tcp", ["login", "alice", "nope"], [
      "login",
      "nobody",
      "x",
    ]);
    assert.equal(wrong.error, "::Glacier2::PermissionDeniedException");
    assert.equal(wrong.reason, "Password check failed for 'alice': [id=3]");
    assert.equal(unknown.reason, "Password check failed for 'nobody': []");
  });

  await t.step("omero.group at login: by name, membership enforced at the first call", async () => {
    const [member, stranger, missing] = await refclient(
      server,
      "tcp",
      ["login", "alice", "ome", "-g", "imaging"],
      ["login", "alice", "ome", "-g", "public"],
      ["login", "alice", "ome", "-g", "nosuchgroup"],
    );
    assert.equal(member.group, "imaging");
    assert.equal(stranger.error, "::omero::SecurityViolation");
    assert.equal(stranger.message, "User 3 is not a member of group 5");
    assert.equal(missing.ok, false);
    assert.equal(missing.error, "::omero::WrappedCreateSessionException");
  });

  await t.step("join = createSession(uuid, uuid); anything else is refused", async () => {
    const key = await login("alice", "ome");
    const [joined, count, mixed, reversed] = await refclient(
      server,
      "tcp",
      ["join", key],
      ["refcount", key],
      ["login", key, "other"],
      ["login", "alice", key],
    );
    assert.equal(joined.session, key);
    assert.equal(joined.user, "alice");
    assert.equal(count.count, 1, "detached logins leave only the current join counted");
    const equalReason = "username and password must be equal; use joinSession";
    assert.equal(mixed.reason, equalReason);
    assert.equal(reversed.reason, equalReason);
  });

  await t.step("group switch: member groups by name or id, others refused", async () => {
    const key = await login("alice", "ome");
    const [toImaging, toLab, toPublic, toNothing, same] = await refclient(
      server,
      "tcp",
      ["group", key, "imaging"],
      ["group", key, "3"],
      ["group", key, "public"],
      ["group", key, "nosuchgroup"],
      ["group", key, "lab"],
    );
    assert.deepEqual([toImaging.group, toImaging.previousGroupId], ["imaging", 3]);
    assert.deepEqual([toLab.group, toLab.previousGroupId], ["lab", 4]);
    assert.equal(toPublic.error, "::omero::SecurityViolation");
    assert.equal(toNothing.error, "::omero::ApiUsageException");
    assert.equal(same.changed, false);
  });

  await t.step("UpdateSessionTimeoutRequest: set, clamp, non-admin-disabling", async () => {
    const key = await login("alice", "ome");
    const [read, set, clamped, disabled] = await refclient(
      server,
      "tcp",
      ["timeout", key],
      ["timeout", key, "1200"],
      ["timeout", key, "100000"],
      ["timeout", key, "0"],
    );
    assert.equal(read.timeToIdle, 600000);
    assert.equal(set.response, "::omero::cmd::OK");
    assert.equal(set.timeToIdle, 1200000);
    assert.equal(clamped.timeToIdle, 6000000);
    assert.equal(disabled.error, "non-admin-disabling");
    assert.equal(disabled.category, "::omero::cmd::UpdateSessionTimeoutRequest");
    assert.deepEqual(disabled.flags, ["FAILURE"]);
    assert.equal(disabled.timeToIdle, 6000000);

    const rootKey = await login("root", "omero");
    const rootDisabled = await tcp("timeout", rootKey, "0");
    assert.equal(rootDisabled.response, "::omero::cmd::OK");
    assert.equal(rootDisabled.timeToIdle, 0);
  });

  await t.step("CurrentSessionsRequest: admins see all, others see names only", async () => {
    const bobKey = await login("bob", "ome");
    const rootKey = await login("root", "omero");
    const [asBob, asRoot] = await refclient(server, "tcp", ["who", bobKey], ["who", rootKey]);
    const others = asBob.sessions.filter((row: { user: string }) => row.user !== "bob");
    assert(others.length > 0);
    assert(others.every((row: { uuid: string | null }) => row.uuid === null));
    assert(
      asBob.sessions.some((row: { uuid: string; current: boolean }) =>
        row.uuid === bobKey && row.current
      ),
    );
    assert(asRoot.sessions.every((row: { uuid: string | null }) => row.uuid !== null));
    assert(asRoot.sessions.some((row: { uuid: string }) => row.uuid === bobKey));
  });

  await t.step("keepAlive(null) and getVersion", async () => {
    const key = await login("bob", "ome");
    const [alive, version] = await refclient(server, "tcp", ["keepalive", key], ["version", key]);
    assert.deepEqual([alive.ok, alive.result], [true, false]);
    assert.equal(version.version, "5.6.10");
  });

  await t.step("sudo: admin anyone, owner only into owned groups, others never", async () => {
    const [byRoot, byOwner, ownerOutside, byMember] = await refclient(
      server,
      "tcp",
      ["sudo", "root", "omero", "bob"],
      ["sudo", "owner", "ome", "alice"],
      ["sudo", "owner", "ome", "bob"],
      ["sudo", "alice", "ome", "bob"],
    );
    assert.deepEqual([byRoot.user, byRoot.sudoer, byRoot.agent], ["bob", "root", "OMERO.sudo"]);
    assert.deepEqual([byOwner.user, byOwner.group, byOwner.sudoer], ["alice", "lab", "owner"]);
    assert.equal(ownerOutside.error, "::omero::SecurityViolation");
    assert.equal(byMember.error, "::omero::SecurityViolation");
    const groupSudoSwitch = await tcp("group", byOwner.session, "imaging");
    assert.equal(groupSudoSwitch.error, "::omero::SecurityViolation");
  });

  await t.step("requests in encoding 1.0 (as our client sends) get 1.0 replies", async () => {
    const encoding10 = { transport: "tcp", encoding: "1.0" } as const;
    const login = await ref(server, encoding10, "login", "alice", "ome");
    const key = login.session;
    const [who, group, badGroup, logout] = await refclient(
      server,
      encoding10,
      ["who", key],
      ["group", key, "imaging"],
      ["login", "alice", "ome", "-g", "nosuchgroup"],
      ["logout", key],
    );
    assert(who.sessions.some((row: { uuid: string }) => row.uuid === key));
    assert.equal(group.group, "imaging");
    // Glacier2 cannot pass the preserved OMERO subclass slice on in encoding 1.0.
    assert.equal(badGroup.error, "::Glacier2::CannotCreateSessionException");
    assert.deepEqual(logout.closeResults, [-2]);
  });

  await t.step("logout closes the session; it can no longer be joined", async () => {
    const key = await login("alice", "ome");
    const [logout, join, keepalive] = await refclient(
      server,
      "tcp",
      ["logout", key],
      ["join", key],
      ["keepalive", key],
    );
    assert.deepEqual(logout.closeResults, [-2]);
    assert.equal(join.error, "::Glacier2::PermissionDeniedException");
    assert.match(join.reason, new RegExp(`^Password check failed for '${key}': \\[user=alice`));
    assert.equal(keepalive.ok, false);
  });
});

Deno.test("main paths over ssl, ws and wss", async (t) => {
  await using server = await startTestServer();
  for (const transport of ["ssl", "ws", "wss"] satisfies Transport[]) {
    await t.step(transport, async () => {
      const [login, wrong] = await refclient(server, transport, ["login", "alice", "ome"], [
        "login",
        "alice",
        "bad",
      ]);
      assert.equal(login.ok, true, JSON.stringify(login));
      assert.equal(wrong.reason, "Password check failed for 'alice': [id=3]");
      const key = login.session;
      const results = await refclient(
        server,
        transport,
        ["join", key],
        ["group", key, "imaging"],
        ["timeout", key, "1200"],
        ["who", key],
        ["keepalive", key],
        ["version", key],
        ["sudo", "root", "omero", "bob"],
        ["logout", key],
        ["join", key],
      );
      const [join, group, timeout, who, keepalive, version, sudo, logout, rejoin] = results;
      assert.equal(join.session, key);
      assert.equal(group.group, "imaging");
      assert.equal(timeout.timeToIdle, 1200000);
      assert(who.sessions.some((row: { uuid: string }) => row.uuid === key));
      assert.equal(keepalive.ok, true);
      assert.equal(version.version, "5.6.10");
      assert.equal(sudo.sudoer, "root");
      assert.deepEqual(logout.closeResults, [-2]);
      assert.equal(rejoin.error, "::Glacier2::PermissionDeniedException");
    });
  }
});
