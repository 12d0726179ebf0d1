import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { makeCertificate } from "../../testserver/certs.ts";
import { freePort, freePorts } from "../../testserver/ports.ts";

Deno.test("freePorts returns distinct bindable ports", async () => {
  const ports = await freePorts(4);
  assert.equal(new Set(ports).size, 4);
  const single = await freePort();
  assert(single > 0);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: ports[0] });
  listener.close();
});

Deno.test("makeCertificate makes CA and leaf certificates", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const ca = await makeCertificate(dir, { kind: "ca" });
    const caCert = new X509Certificate(ca.pem);
    assert(caCert.ca);
    assert.match(ca.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    const leaf = await makeCertificate(dir, { kind: "leaf" });
    const leafCert = new X509Certificate(leaf.pem);
    assert(!leafCert.ca);
    assert(leafCert.checkHost("localhost"));
    assert(leafCert.checkIP("127.0.0.1"));
    assert(leafCert.checkIP("::1"));
    assert(leaf.fingerprint256 !== ca.fingerprint256);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
