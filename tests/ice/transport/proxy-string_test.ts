import assert from "node:assert/strict";
import { parseEndpoint, parseProxy, printProxy, ProxyParseError } from "../proxy-string.ts";

Deno.test("parses OMERO's default ssl router string", () => {
  const proxy = parseProxy("OMERO.Glacier2/router:ssl -p 4064 -h example.org");
  assert.deepEqual(proxy, {
    identity: { category: "OMERO.Glacier2", name: "router" },
    facet: "",
    mode: 0,
    secure: false,
    adapterId: "",
    endpoints: [{ kind: "ssl", host: "example.org", port: 4064, timeout: 60000, compress: false }],
  });
  assert.deepEqual(printProxy(proxy), "OMERO.Glacier2/router:ssl -h example.org -p 4064");
});

Deno.test("parses a wss endpoint with a resource path and normalises it to start with /", () => {
  const withSlash = parseProxy("OMERO.Glacier2/router:wss -p 443 -h example.org -r /omero-ws");
  assert.deepEqual(withSlash.endpoints[0], {
    kind: "wss",
    host: "example.org",
    port: 443,
    timeout: 60000,
    compress: false,
    resource: "/omero-ws",
  });
  assert.deepEqual(
    parseProxy("R/r:ws -h h -p 80 -r omero/websocket").endpoints[0],
    {
      kind: "ws",
      host: "h",
      port: 80,
      timeout: 60000,
      compress: false,
      resource: "/omero/websocket",
    },
  );
  assert.deepEqual(
    printProxy(withSlash),
    "OMERO.Glacier2/router:wss -h example.org -p 443 -r /omero-ws",
  );
  assert.deepEqual(parseEndpoint("ws -h h -p 1"), {
    kind: "ws",
    host: "h",
    port: 1,
    timeout: 60000,
    compress: false,
    resource: "/",
  });
});

Deno.test("options, several endpoints, quoting and escapes round-trip", () => {
  const text =
    `"a b/c\\/d" -f "my facet" -o -s -e 1.0:tcp -h "::1" -p 4063 -t infinite -z:ssl -h h -p 1 -t 5`;
  const proxy = parseProxy(text);
  assert.deepEqual(proxy.identity, { category: "a b", name: "c/d" });
  assert.deepEqual(proxy.facet, "my facet");
  assert.deepEqual(proxy.mode, 1);
  assert.deepEqual(proxy.secure, true);
  assert.deepEqual(proxy.encoding, { major: 1, minor: 0 });
  assert.deepEqual(proxy.endpoints, [
    { kind: "tcp", host: "::1", port: 4063, timeout: -1, compress: true },
    { kind: "ssl", host: "h", port: 1, timeout: 5, compress: false },
  ]);
  assert.deepEqual(parseProxy(printProxy(proxy)), proxy);
});

Deno.test("indirect proxies and opaque endpoints round-trip", () => {
  const indirect = parseProxy("session/abc @ BlitzAdapters");
  assert.deepEqual(indirect.adapterId, "BlitzAdapters");
  assert.deepEqual(indirect.endpoints, []);
  assert.deepEqual(parseProxy(printProxy(indirect)), indirect);

  const opaque = parseProxy("x:opaque -t 99 -e 1.1 -v AQID");
  assert.deepEqual(opaque.endpoints[0], {
    kind: "opaque",
    type: 99,
    encoding: { major: 1, minor: 1 },
    bytes: new Uint8Array([1, 2, 3]),
  });
  assert.deepEqual(printProxy(opaque), "x:opaque -t 99 -e 1.1 -v AQID");
});

Deno.test("malformed proxy strings give ProxyParseError", () => {
  for (
    const bad of [
      "",
      "a/b/c:tcp -h h -p 1",
      "x:udp -h h -p 1",
      "x:tcp -h h -p 70000",
      "x:tcp -h h -p",
      "x:tcp -h h -q 1",
      'x:tcp -h "h -p 1',
      "x -e one",
      "x:opaque -t 1",
      "x:tcp -r /path",
      "cat/:tcp",
    ]
  ) {
    assert.throws(() => parseProxy(bad), ProxyParseError, bad);
  }
});
