// The TLS trust policy over real TLS connections to in-process servers: first-use pins, CA
// verification recorded in known_hosts, no downgrade to a self-signed certificate, CA-signed
// certificates for another name refused, SSL_CERT_FILE / SSL_CERT_DIR / --ca-file, --insecure.
import assert from "node:assert/strict";
import { join } from "node:path";
import { connectSsl } from "../../src/ice/tls.ts";
import type { IpEndpoint } from "../../src/ice/types.ts";
import { CertificateRefusedError, type RefusalReason } from "../../src/trust/errors.ts";
import { readKnownHosts } from "../../src/trust/known-hosts.ts";
import { trustPolicy, type TrustSettings } from "../../src/trust/policy.ts";
import {
  issueCertificate,
  makeCertificate,
  makeCertificateAuthority,
} from "../../testserver/certs.ts";
import { freePort } from "../../testserver/ports.ts";
import { tlsEchoServer } from "../ice/transport/servers.ts";

function ssl(port: number): IpEndpoint {
  return { kind: "ssl", host: "127.0.0.1", port, timeout: 60000, compress: false };
}

interface Setup {
  dir: string;
  knownHosts: string;
  notices: string[];
  policy(overrides?: Partial<TrustSettings>): TrustSettings;
}

async function withSetup(fn: (setup: Setup) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "trust-policy-" });
  const knownHosts = join(dir, "known_hosts");
  const notices: string[] = [];
  try {
    await fn({
      dir,
      knownHosts,
      notices,
      policy: (overrides = {}) => ({
        insecure: false,
        env: {},
        platform: "linux",
        knownHostsPath: () => knownHosts,
        programName: "omero",
        notice: (line) => notices.push(line),
        ...overrides,
      }),
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Connects (and closes again); resolves to the refusal's reason, or "connected". */
async function attempt(
  port: number,
  settings: TrustSettings,
): Promise<RefusalReason | "connected"> {
  try {
    (await connectSsl(ssl(port), { timeoutMs: 5000, trust: trustPolicy(settings) })).close();
    return "connected";
  } catch (error) {
    if (error instanceof CertificateRefusedError) return error.reason;
    throw error;
  }
}

async function refusal(port: number, settings: TrustSettings): Promise<CertificateRefusedError> {
  const error = await connectSsl(ssl(port), { timeoutMs: 5000, trust: trustPolicy(settings) })
    .then((transceiver) => (transceiver.close(), assert.fail("connected")), (error) => error);
  assert.ok(error instanceof CertificateRefusedError, String(error));
  return error;
}

/** Made once for the whole file: RSA keys take a while. */
const CERTIFICATE_DIR = Deno.makeTempDirSync({ prefix: "trust-policy-certs-" });
globalThis.addEventListener("unload", () => Deno.removeSync(CERTIFICATE_DIR, { recursive: true }));
let made: ReturnType<typeof makeCertificates> | undefined;

function certificates() {
  return made ??= makeCertificates(CERTIFICATE_DIR);
}

async function makeCertificates(dir: string) {
  const ca = await makeCertificateAuthority(dir);
  return {
    ca,
    good: await issueCertificate(ca, dir, { name: "good", hosts: ["localhost", "127.0.0.1"] }),
    wrongName: await issueCertificate(ca, dir, { name: "wrong", hosts: ["other.example"] }),
    self: await makeCertificate(await Deno.makeTempDir({ dir }), { kind: "leaf" }),
    other: await makeCertificate(await Deno.makeTempDir({ dir }), { kind: "leaf" }),
  };
}

Deno.test("trust: first use pins, the pin is accepted, another certificate is refused", async () => {
  await withSetup(async ({ knownHosts, notices, policy }) => {
    const { self, other } = await certificates();
    const port = await freePort();
    {
      await using _server = tlsEchoServer(self.certPath, self.keyPath, port);
      assert.equal(await attempt(port, policy()), "connected");
      assert.equal(await attempt(port, policy()), "connected");
    }
    assert.deepEqual(notices, [
      `Trusting the certificate of 127.0.0.1:${port} on first use (SHA-256 ` +
      `${self.fingerprint256}); pinned in ${knownHosts}`,
    ]);
    assert.deepEqual((await readKnownHosts(knownHosts)).map((e) => [e.kind, e.fingerprint256]), [
      ["pin", self.fingerprint256],
    ]);
    await using _impostor = tlsEchoServer(other.certPath, other.keyPath, port);
    const error = await refusal(port, policy());
    assert.equal(error.reason, "pin-mismatch");
    assert.equal(error.fingerprint256, other.fingerprint256);
    assert.ok(error.message.includes(knownHosts), error.message);
    assert.ok(error.message.includes(self.fingerprint256), error.message);
    assert.ok(error.message.includes(`\`omero trust forget 127.0.0.1:${port}\``), error.message);
    assert.match(error.message, /intercept/);
    assert.ok(!error.message.includes("\n"));
  });
});

Deno.test("trust: a server verified through SSL_CERT_FILE is recorded; a self-signed one there is refused", async () => {
  await withSetup(async ({ knownHosts, notices, policy }) => {
    const { ca, good, self } = await certificates();
    const env = { SSL_CERT_FILE: ca.certPath };
    const port = await freePort();
    {
      await using _server = tlsEchoServer(good.certPath, good.keyPath, port);
      assert.equal(await attempt(port, policy({ env })), "connected");
    }
    assert.deepEqual(notices, [], "a CA-verified server needs no notice");
    const [entry] = await readKnownHosts(knownHosts);
    assert.equal(entry.kind, "ca");
    assert.equal(entry.fingerprint256, good.fingerprint256);
    await using _impostor = tlsEchoServer(self.certPath, self.keyPath, port);
    for (const settings of [policy({ env }), policy()]) {
      const error = await refusal(port, settings);
      assert.equal(error.reason, "downgrade");
      assert.match(error.message, /may be an interception/);
      assert.ok(error.message.includes(self.fingerprint256), error.message);
      assert.ok(error.message.includes(`omero trust forget 127.0.0.1:${port}`), error.message);
      assert.ok(error.message.includes("--insecure"), error.message);
    }
    assert.deepEqual(await readKnownHosts(knownHosts), [entry], "nothing pinned");
    assert.deepEqual(notices, []);
    assert.equal(await attempt(port, policy({ insecure: true })), "connected");
  });
});

Deno.test("trust: without SSL_CERT_FILE the test CA's server is only pinned", async () => {
  await withSetup(async ({ knownHosts, notices, policy }) => {
    const { good } = await certificates();
    await using server = tlsEchoServer(good.certPath, good.keyPath);
    assert.equal(await attempt(server.port, policy()), "connected");
    assert.equal(notices.length, 1);
    assert.equal((await readKnownHosts(knownHosts))[0].kind, "pin");
  });
});

Deno.test("trust: SSL_CERT_DIR (hashed names, as openssl rehash makes) is honoured", async () => {
  await withSetup(async ({ dir, knownHosts, notices, policy }) => {
    const { ca, good } = await certificates();
    const hashed = join(dir, "certs");
    await Deno.mkdir(hashed);
    await Deno.copyFile(ca.certPath, join(hashed, "test-ca.pem"));
    const rehash = await new Deno.Command("openssl", { args: ["rehash", hashed] }).output();
    assert.ok(rehash.success);
    await using server = tlsEchoServer(good.certPath, good.keyPath);
    const env = { SSL_CERT_DIR: `${join(dir, "missing")}:${hashed}` };
    assert.equal(await attempt(server.port, policy({ env })), "connected");
    assert.deepEqual(notices, []);
    assert.equal((await readKnownHosts(knownHosts))[0].kind, "ca");
  });
});

Deno.test("trust: a CA-signed certificate for another name is refused and never pinned", async () => {
  await withSetup(async ({ knownHosts, notices, policy }) => {
    const { ca, wrongName } = await certificates();
    await using server = tlsEchoServer(wrongName.certPath, wrongName.keyPath);
    const caFile = { path: ca.certPath, certificates: [ca.pem] };
    for (const settings of [policy({ env: { SSL_CERT_FILE: ca.certPath } }), policy({ caFile })]) {
      const error = await refusal(server.port, settings);
      assert.equal(error.reason, "name-mismatch");
      assert.match(error.message, /another host name than 127\.0\.0\.1/);
    }
    assert.deepEqual(await readKnownHosts(knownHosts), []);
    assert.deepEqual(notices, []);
    assert.equal(await attempt(server.port, policy({ insecure: true })), "connected");
  });
});

Deno.test("trust: --ca-file's CA is recorded, so later connections verify against it", async () => {
  await withSetup(async ({ knownHosts, notices, policy }) => {
    const { ca, good, self } = await certificates();
    const caFile = { path: ca.certPath, certificates: [self.pem, ca.pem] };
    const port = await freePort();
    {
      await using _server = tlsEchoServer(good.certPath, good.keyPath, port);
      assert.equal(await attempt(port, policy({ caFile })), "connected");
      const [entry] = await readKnownHosts(knownHosts);
      assert.equal(entry.kind, "ca");
      assert.equal(pemLines(entry.caBase64), pemLines(ca.pem), "the CA that signed it, only");
      assert.equal(await attempt(port, policy()), "connected");
    }
    await using _impostor = tlsEchoServer(self.certPath, self.keyPath, port);
    assert.equal(await attempt(port, policy()), "downgrade");
    assert.deepEqual(notices, []);
  });
});

Deno.test("trust: --ca-file refuses what its CAs do not sign, without pinning", async () => {
  await withSetup(async ({ knownHosts, policy }) => {
    const { ca, self } = await certificates();
    await using server = tlsEchoServer(self.certPath, self.keyPath);
    const error = await refusal(
      server.port,
      policy({ caFile: { path: ca.certPath, certificates: [ca.pem] } }),
    );
    assert.equal(error.reason, "untrusted");
    assert.ok(error.message.includes(ca.certPath), error.message);
    assert.deepEqual(await readKnownHosts(knownHosts), []);
  });
});

Deno.test("trust: --insecure warns once per invocation and never touches known_hosts", async () => {
  await withSetup(async ({ knownHosts, notices, policy }) => {
    const { self } = await certificates();
    await using server = tlsEchoServer(self.certPath, self.keyPath);
    const trust = trustPolicy(
      policy({ insecure: true, knownHostsPath: () => assert.fail("read") }),
    );
    for (let i = 0; i < 2; i++) {
      (await connectSsl(ssl(server.port), { timeoutMs: 5000, trust })).close();
    }
    assert.equal(notices.length, 1);
    assert.match(notices[0], /^warning: --insecure: TLS certificates are not verified/);
    const quiet = trustPolicy(policy({ insecure: true, quiet: true }));
    (await connectSsl(ssl(server.port), { timeoutMs: 5000, trust: quiet })).close();
    assert.equal(notices.length, 1, "-q: no warning");
    await assert.rejects(Deno.stat(knownHosts), Deno.errors.NotFound);
  });
});

Deno.test("trust: an unreadable SSL_CERT_FILE is a clear error", async () => {
  await withSetup(async ({ dir, policy }) => {
    const { self } = await certificates();
    await using server = tlsEchoServer(self.certPath, self.keyPath);
    const missing = join(dir, "missing.pem");
    await assert.rejects(
      attempt(server.port, policy({ env: { SSL_CERT_FILE: missing } })),
      new RegExp(`^TrustSourceError: cannot read SSL_CERT_FILE file ${missing}: No such file`),
    );
  });
});

/** Base64 of a certificate without PEM framing or line breaks. */
function pemLines(text: string): string {
  return text.replace(/-----[A-Z ]+-----/g, "").replace(/\s/g, "");
}

Deno.test("trust: a pinned server is judged by its pin; SSL_CERT_FILE is not even read for it", async () => {
  await withSetup(async ({ dir, knownHosts, notices, policy }) => {
    const { self } = await certificates();
    await using server = tlsEchoServer(self.certPath, self.keyPath);
    assert.equal(await attempt(server.port, policy()), "connected");
    assert.equal(notices.length, 1, "pinned on first use");
    const env = { SSL_CERT_FILE: join(dir, "missing.pem") };
    assert.equal(await attempt(server.port, policy({ env })), "connected");
    assert.equal((await readKnownHosts(knownHosts))[0].kind, "pin");
  });
});
