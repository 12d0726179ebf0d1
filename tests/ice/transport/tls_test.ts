import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { X509Certificate } from "node:crypto";
import {
  ConnectionRefusedError,
  ConnectTimeoutError,
  TlsHandshakeError,
} from "../../../src/ice/errors.ts";
import { connectSsl } from "../../../src/ice/tls.ts";
import type { TlsTrust, Transceiver } from "../../../src/ice/transport.ts";
import type { IpEndpoint } from "../../../src/ice/types.ts";
import { makeCertificate } from "../../../testserver/certs.ts";
import { acceptingTrust } from "../../fixtures/accepting-trust.ts";
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

Deno.test("ssl: the trust callback names the CAs and gets node:tls's verdict and the chain", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const leaf = await makeCertificate(dir, { kind: "leaf" });
    const other = await makeCertificate(await Deno.makeTempDir({ dir }), { kind: "leaf" });
    await using server = tlsEchoServer(leaf.certPath, leaf.keyPath);
    for (
      const [ca, authorized] of [[undefined, false], [[leaf.pem], true], [
        [other.pem],
        false,
      ]] as const
    ) {
      const { trust, peers, asked } = acceptingTrust(ca ? [...ca] : undefined);
      await echoes(await connectSsl(ssl(server.port), { timeoutMs: 5000, trust }));
      assert.deepEqual(asked, [`127.0.0.1:${server.port}`]);
      const [peer] = peers;
      assert.equal(peer.authorized, authorized);
      assert.equal(peer.authorizationError === undefined, authorized, `${peer.authorizationError}`);
      assert.equal(peer.fingerprint256, leaf.fingerprint256);
      assert.equal(
        new X509Certificate(Buffer.from(peer.chain[0])).fingerprint256,
        leaf.fingerprint256,
      );
      assert.equal(peer.chain.length, 1, "a self-signed certificate is its own issuer");
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ssl: a refusal by the trust callback is the connect error; nothing is sent", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const leaf = await makeCertificate(dir, { kind: "leaf" });
    const received: Uint8Array[] = [];
    await using server = tlsEchoServer(
      leaf.certPath,
      leaf.keyPath,
      0,
      (chunk) => received.push(chunk),
    );
    const refusal = new Error("refused by policy");
    const trust: TlsTrust = {
      forPeer: () => Promise.resolve({ verify: () => Promise.reject(refusal) }),
    };
    await assert.rejects(
      connectSsl(ssl(server.port), { timeoutMs: 5000, trust }),
      (error) => error === refusal,
    );
    await assert.rejects(connectSsl(ssl(server.port), { timeoutMs: 5000 }), /no TLS trust policy/);
    assert.deepEqual(received, []);
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
        connectSsl(ssl(server.port), { timeoutMs: 5000, trust: acceptingTrust().trust }),
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
    connectSsl(ssl(server.port), { timeoutMs: 5000, trust: acceptingTrust().trust }),
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
      connectSsl(ssl(plain.port), { timeoutMs: 5000, trust: acceptingTrust().trust }),
      (error: Error) => error instanceof TlsHandshakeError && /plain tcp/.test(error.message),
    );
  }
  {
    await using silent = silentServer();
    await assert.rejects(
      connectSsl(ssl(silent.port), { timeoutMs: 300, trust: acceptingTrust().trust }),
      ConnectTimeoutError,
    );
  }
  await assert.rejects(
    connectSsl(ssl(await freePort()), { timeoutMs: 5000, trust: acceptingTrust().trust }),
    ConnectionRefusedError,
  );
});
