import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { X509Certificate } from "node:crypto";
import { join } from "node:path";
import {
  CertificateMismatchError,
  ConnectionRefusedError,
  ConnectTimeoutError,
  TlsHandshakeError,
} from "../../../src/ice/errors.ts";
import { readKnownHosts } from "../../../src/ice/known-hosts.ts";
import { connectSsl } from "../../../src/ice/tls.ts";
import type { Transceiver, TrustPolicy } from "../../../src/ice/transport.ts";
import type { IpEndpoint } from "../../../src/ice/types.ts";
import { makeCertificate } from "../../../testserver/certs.ts";
import { freePort } from "../../../testserver/ports.ts";
import { hangUpServer, opensslServer, silentServer, tlsEchoServer } from "./servers.ts";

function ssl(port: number, host = "127.0.0.1"): IpEndpoint {
  return { kind: "ssl", host, port, timeout: 60000, compress: false };
}

async function echoes(transceiver: Transceiver): Promise<void> {
  try {
    await transceiver.write(new TextEncoder().encode("ping"));
    assert.equal(new TextDecoder().decode((await transceiver.read())!), "ping");
  } finally {
    transceiver.close();
  }
  assert.equal(await transceiver.read(), null);
}

Deno.test("ssl: pins on first use, accepts the pin later, refuses a different certificate", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await makeCertificate(await Deno.makeTempDir({ dir }), { kind: "leaf" });
    const other = await makeCertificate(await Deno.makeTempDir({ dir }), { kind: "leaf" });
    const knownHostsPath = join(dir, "known_hosts");
    const pinned: string[] = [];
    const trust: TrustPolicy = {
      mode: "pin",
      knownHostsPath,
      onPinned: (hostPort, fingerprint) => pinned.push(`${hostPort} ${fingerprint}`),
    };
    let port: number;
    {
      await using server = tlsEchoServer(first.certPath, first.keyPath);
      port = server.port;
      await echoes(await connectSsl(ssl(port), { timeoutMs: 5000, trust }));
      await echoes(await connectSsl(ssl(port), { timeoutMs: 5000, trust }));
    }
    assert.deepEqual(pinned, [`127.0.0.1:${port} ${first.fingerprint256}`]);
    const entries = await readKnownHosts(knownHostsPath);
    assert.deepEqual(entries.map((entry) => entry.fingerprint256), [first.fingerprint256]);
    // The stored certificate is the DER the fingerprint was taken of, base64-encoded.
    const der = Buffer.from(entries[0].certificateBase64, "base64");
    assert.equal(new X509Certificate(der).fingerprint256, first.fingerprint256);

    await using impostor = tlsEchoServer(other.certPath, other.keyPath);
    const knownHosts = await Deno.readTextFile(knownHostsPath);
    await Deno.writeTextFile(knownHostsPath, knownHosts.replace(`:${port} `, `:${impostor.port} `));
    const error = await connectSsl(ssl(impostor.port), { timeoutMs: 5000, trust }).then(
      () => assert.fail("connected to an impostor"),
      (error) => error,
    );
    assert.ok(error instanceof CertificateMismatchError);
    assert.equal(error.expected, first.fingerprint256);
    assert.equal(error.actual, other.fingerprint256);
    assert.match(error.message, new RegExp(knownHostsPath));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ssl: a CA file is trusted for its host names, another CA is not", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const ca = await makeCertificate(dir, { kind: "ca", hosts: ["localhost"] });
    const leaf = await makeCertificate(dir, { kind: "leaf" });
    await using server = tlsEchoServer(leaf.certPath, leaf.keyPath);
    await echoes(
      await connectSsl(ssl(server.port), {
        timeoutMs: 5000,
        trust: { mode: "ca", caPem: leaf.pem },
      }),
    );
    await assert.rejects(
      connectSsl(ssl(server.port), { timeoutMs: 5000, trust: { mode: "ca", caPem: ca.pem } }),
      TlsHandshakeError,
    );
    await echoes(
      await connectSsl(ssl(server.port), { timeoutMs: 5000, trust: { mode: "insecure" } }),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

for (
  const [name, args] of [
    ["anonymous DH only", ["-nocert", "-cipher", "ADH-AES256-GCM-SHA384:@SECLEVEL=0", "-tls1_2"]],
    ["TLS 1.0 only", ["-tls1", "-cipher", "ALL:@SECLEVEL=0"]],
  ] as const
) {
  Deno.test(`ssl: a server with ${name} gives an error naming that cause`, async () => {
    const dir = await Deno.makeTempDir();
    try {
      const leaf = await makeCertificate(dir, { kind: "leaf" });
      await using server = await opensslServer([
        ...args,
        "-cert",
        leaf.certPath,
        "-key",
        leaf.keyPath,
      ]);
      await assert.rejects(
        connectSsl(ssl(server.port), { timeoutMs: 5000, trust: { mode: "insecure" } }),
        (error: Error) =>
          error instanceof TlsHandshakeError && error.reason === "legacy-only" &&
          error.host === "127.0.0.1" && /anonymous Diffie-Hellman/.test(error.message),
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("ssl: a server that hangs up during the handshake without an alert says so", async () => {
  await using server = hangUpServer();
  await assert.rejects(
    connectSsl(ssl(server.port), { timeoutMs: 5000, trust: { mode: "insecure" } }),
    (error: Error) =>
      error instanceof TlsHandshakeError && error.reason === "dropped" &&
      /closed the connection during the handshake/.test(error.message),
  );
});

Deno.test("ssl: a plain Ice server, a silent server and a closed port give typed errors", async () => {
  const validate = new Uint8Array([0x49, 0x63, 0x65, 0x50, 1, 0, 1, 0, 3, 0, 14, 0, 0, 0]);
  {
    await using plain = silentServer(validate);
    await assert.rejects(
      connectSsl(ssl(plain.port), { timeoutMs: 5000, trust: { mode: "insecure" } }),
      (error: Error) => error instanceof TlsHandshakeError && /plain tcp/.test(error.message),
    );
  }
  {
    await using silent = silentServer();
    await assert.rejects(
      connectSsl(ssl(silent.port), { timeoutMs: 300, trust: { mode: "insecure" } }),
      ConnectTimeoutError,
    );
  }
  await assert.rejects(
    connectSsl(ssl(await freePort()), { timeoutMs: 5000, trust: { mode: "insecure" } }),
    ConnectionRefusedError,
  );
});
