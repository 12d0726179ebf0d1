import assert from "node:assert/strict";
import {
  effectivePort,
  parseConnectionString,
  resolveServer,
  splitConnectionString,
} from "../../src/connection-string.ts";
import { UsageError } from "../../src/errors.ts";

// Input → server, user, port exactly as omero-py splits them.
const TABLE: [string, string, string | undefined, string | undefined][] = [
  ["", "", undefined, undefined],
  ["localhost", "localhost", undefined, undefined],
  ["user@host", "host", "user", undefined],
  ["user@host:4064", "host", "user", "4064"],
  ["user:4@email@localhost:14064", "localhost", "user:4@email", "14064"],
  ["üser-1£@server.domain:14064", "server.domain", "üser-1£", "14064"],
  ["host:bad", "host:bad", undefined, undefined],
  ["host:123456", "host:123456", undefined, undefined],
  ["host:99999", "host", undefined, "99999"],
  ["host:0", "host", undefined, "0"],
  ["host:", "host:", undefined, undefined],
  ["@host", "@host", undefined, undefined],
  ["user@", "", "user", undefined],
  ["::1", ":", undefined, "1"],
  ["fe80::1:4064", "fe80::1", undefined, "4064"],
  ["[::1]", "[::1]", undefined, undefined],
  ["[::1]:4064", "[::1]", undefined, "4064"],
  ["wss://host/omero-ws", "wss://host/omero-ws", undefined, undefined],
  ["wss://host:443/omero-ws", "wss://host:443/omero-ws", undefined, undefined],
  ["user@wss://host:4443", "wss://host", "user", "4443"],
];

Deno.test("splitConnectionString reproduces every row of the omero-py table", () => {
  for (const [input, server, user, port] of TABLE) {
    const parts = splitConnectionString(input);
    assert.deepEqual([parts.server, parts.user, parts.port], [server, user, port], input);
  }
});

Deno.test("TestParseConn matrix: user prefixes × servers × port suffixes", () => {
  const users = ["", "user@", "üser-1£@", "user:4@email@"];
  const servers = ["localhost", "server.domain", "127.0.0.1", "[::1]"];
  const ports = ["", ":4064", ":14064"];
  for (const user of users) {
    for (const server of servers) {
      for (const port of ports) {
        const input = `${user}${server}${port}`;
        const target = parseConnectionString(input);
        assert.deepEqual(target.user, user ? user.slice(0, -1) : undefined, input);
        assert.deepEqual(target.server, server, input);
        assert.deepEqual(target.port, port ? Number(port.slice(1)) : undefined, input);
        assert.deepEqual(target.transport, "ssl", input);
        assert.deepEqual(target.host, server.replace(/^\[(.*)\]$/u, "$1"), input);
      }
    }
  }
});

Deno.test("bad ports stay in the server and are then refused as usage errors", () => {
  assert.deepEqual(splitConnectionString("localhost:bad_port").server, "localhost:bad_port");
  assert.deepEqual(splitConnectionString("localhost:12323414232").port, undefined);
  for (const input of ["localhost:bad_port", "localhost:12323414232", "host:99999", "host:0"]) {
    assert.throws(() => parseConnectionString(input), UsageError, input);
  }
});

Deno.test("a plain host means ssl on 4064; URL hosts choose transport, port and path", () => {
  const cases: [string, Record<string, unknown>, number][] = [
    ["omero.example.org", { host: "omero.example.org", transport: "ssl" }, 4064],
    ["tcp://h", { host: "h", transport: "tcp" }, 4063],
    ["ssl://h:14064", { server: "ssl://h", host: "h", transport: "ssl", port: 14064 }, 14064],
    ["ws://h/omero-ws", { host: "h", transport: "ws", path: "/omero-ws" }, 80],
    ["wss://h/omero-ws", { host: "h", transport: "wss", path: "/omero-ws" }, 443],
    ["wss://h:4443/x/y", {
      server: "wss://h:4443/x/y",
      host: "h",
      transport: "wss",
      port: 4443,
      path: "/x/y",
    }, 4443],
    ["user@wss://h:4443", { host: "h", transport: "wss", port: 4443, user: "user" }, 4443],
    ["wss://[::1]:8443/omero-ws", { host: "::1", transport: "wss", port: 8443 }, 8443],
    ["[fe80::1%eth0]:4064", { host: "fe80::1%eth0", transport: "ssl", port: 4064 }, 4064],
  ];
  for (const [input, expected, port] of cases) {
    const target = parseConnectionString(input);
    for (const [key, value] of Object.entries(expected)) {
      assert.deepEqual(target[key as keyof typeof target], value, `${input} ${key}`);
    }
    assert.deepEqual(effectivePort(target), port, input);
  }
});

Deno.test("the URL's own port wins over a separately given port", () => {
  assert.deepEqual(resolveServer("wss://h:443/omero-ws", "4064").port, 443);
  assert.deepEqual(resolveServer("wss://h/omero-ws", "4064").port, 4064);
});

Deno.test("strings that cannot be connected to are usage errors with a hint", () => {
  const cases: [string, RegExp][] = [
    ["", /missing server/],
    ["user@", /missing server/],
    ["::1", /brackets/],
    ["fe80::1:4064", /brackets/],
    ["@host", /bad server name/],
    ["my host", /bad server name/],
    ["http://h", /unsupported transport/],
    ["tcp://h/path", /only allowed in ws/],
    ["wss://h:99999/x", /bad port/],
    ["[zz::1]", /bad IPv6/],
    ["wss:/h", /bad port/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => parseConnectionString(input), UsageError, input);
    assert.throws(() => parseConnectionString(input), message, input);
  }
});
