// End-to-end over ssl and wss against the local test server, whose router is restarted on the
// same ports with another certificate: a server verified by a CA (SSL_CERT_FILE, SSL_CERT_DIR,
// --ca-file) is recorded in known_hosts and a self-signed certificate there is refused (exit 6)
// before any password is sent; a CA-signed certificate for another name is refused and not
// pinned; --insecure warns once and writes nothing; messages name the program as invoked.
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  issueCertificate,
  makeCertificate,
  makeCertificateAuthority,
} from "../../testserver/certs.ts";
import { startTestServer } from "../../testserver/start.ts";
import { cli, type CliResult, serverUrl } from "../login/cli.ts";

const TLS = ["ssl", "wss"] as const;
const AS_OMERO = { OMERO_SESSIONS_PROGRAM_NAME: "omero" };
/** This machine's own SSL_CERT_FILE / SSL_CERT_DIR (if any) must not decide the outcome. */
const NO_CA_VARIABLES = { SSL_CERT_FILE: "", SSL_CERT_DIR: "" };

function lines(result: CliResult): string[] {
  return result.stderr.trimEnd().split("\n");
}

/** The base64 DER inside a PEM certificate. */
function base64Of(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----|\s/g, "");
}

function knownHosts(dir: string): string | undefined {
  try {
    return Deno.readTextFileSync(join(dir, "known_hosts"));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

Deno.test("TLS over ssl and wss: a CA-verified server is recorded and never downgraded", async (t) => {
  const base = await Deno.makeTempDir({ prefix: "trust-e2e-" });
  try {
    const ca = await makeCertificateAuthority(base);
    const good = await issueCertificate(ca, base, {
      name: "good",
      hosts: ["localhost", "127.0.0.1"],
    });
    const wrongName = await issueCertificate(ca, base, { name: "wrong", hosts: ["other.example"] });
    const self = await makeCertificate(base, { kind: "leaf" });
    const hashedDir = join(base, "hashed");
    await Deno.mkdir(hashedDir);
    await Deno.copyFile(ca.certPath, join(hashedDir, "test-ca.pem"));
    assert.ok(
      (await new Deno.Command("openssl", { args: ["rehash", hashedDir] }).output()).success,
    );

    await using server = await startTestServer({ certificate: good });
    const dir = (name: string) => join(base, name);
    const login = (userDir: string, transport: string, extra: string[], env = {}) =>
      cli(userDir, [
        "login",
        "-C",
        ...extra,
        "-w",
        "ome",
        `alice@${serverUrl(server.ports, transport as "ssl")}`,
      ], {
        env: { ...NO_CA_VARIABLES, ...env },
      });
    const admin = dir("admin");
    const rootLogin = await cli(admin, [
      "login",
      "-w",
      "omero",
      `root@${serverUrl(server.ports, "tcp")}`,
    ]);
    assert.equal(rootLogin.code, 0, rootLogin.stderr);
    const aliceSessions = async () => {
      const who = await cli(admin, ["-q", "who", "--json"]);
      assert.equal(who.code, 0, who.stderr);
      return JSON.parse(who.stdout).sessions.filter((s: { user: string }) => s.user === "alice")
        .length;
    };
    const viaFile = { SSL_CERT_FILE: ca.certPath };
    const viaDir = { SSL_CERT_DIR: hashedDir };

    await t.step(
      "verified by SSL_CERT_FILE, SSL_CERT_DIR or --ca-file: recorded as `ca`",
      async () => {
        for (const transport of TLS) {
          const hostPort = `127.0.0.1:${server.ports[transport]}`;
          for (const [name, env] of [["env-file", viaFile], ["env-dir", viaDir]] as const) {
            const result = await login(dir(`${name}-${transport}`), transport, [], env);
            assert.equal(result.code, 0, result.stderr);
            assert.deepEqual(lines(result).length, 1, "no first-use notice: " + result.stderr);
            assert.match(lines(result)[0], /^Created session for alice@/);
            // The CA that verified it is recorded too, for when the variable is not set.
            assert.equal(
              knownHosts(dir(`${name}-${transport}`)),
              `${hostPort} ca ${good.fingerprint256} ${base64Of(good.pem)} ${base64Of(ca.pem)}\n`,
            );
          }
          const caFileDir = dir(`ca-file-${transport}`);
          const withOption = await login(caFileDir, transport, ["--ca-file", ca.certPath]);
          assert.equal(withOption.code, 0, withOption.stderr);
          assert.equal(lines(withOption).length, 1, withOption.stderr);
          assert.equal(
            knownHosts(caFileDir),
            `${hostPort} ca ${good.fingerprint256} ${base64Of(good.pem)} ${base64Of(ca.pem)}\n`,
          );
          // Later connections verify against the recorded CA without the option.
          const without = await login(caFileDir, transport, []);
          assert.equal(without.code, 0, without.stderr);
          assert.equal(lines(without).length, 1, without.stderr);

          // Without any of these the test CA is unknown: the certificate is pinned on first use.
          const tofu = await login(dir(`tofu-${transport}`), transport, []);
          assert.equal(tofu.code, 0, tofu.stderr);
          assert.match(lines(tofu)[0], /^Trusting the certificate of .* on first use/);
        }
        const list = await cli(dir("env-file-ssl"), ["trust", "list"]);
        assert.match(
          list.stdout,
          new RegExp(`^ 127\\.0\\.0\\.1:\\d+ +\\| ca +\\| ${good.fingerprint256} `, "m"),
        );
        const json = JSON.parse(
          (await cli(dir("ca-file-wss"), ["trust", "list", "--json"])).stdout,
        );
        assert.equal(json.certificates[0].trust, "ca");
        assert.equal(json.certificates[0].caSubject, "CN=omero-sessions test CA");
      },
    );

    await t.step("a self-signed certificate there is refused with 6, nothing sent", async () => {
      await server.restartRouter(self);
      const before = await aliceSessions();
      for (const transport of TLS) {
        const hostPort = `127.0.0.1:${server.ports[transport]}`;
        const cases = [
          ["env-file", viaFile, /may be an interception/],
          ["env-dir", viaDir, /may be an interception/],
          ["ca-file", {}, /may be an interception/],
          ["tofu", {}, /does not match the one pinned in .*someone may be intercepting/],
        ] as const;
        for (const [name, env, message] of cases) {
          const userDir = dir(`${name}-${transport}`);
          const recorded = knownHosts(userDir);
          const result = await login(userDir, transport, [], { ...env, ...AS_OMERO });
          assert.equal(result.code, 6, `${name} ${transport}: ${result.stderr}`);
          assert.equal(result.stdout, "");
          assert.equal(lines(result).length, 1, result.stderr);
          assert.match(result.stderr, message);
          assert.ok(result.stderr.includes(self.fingerprint256), result.stderr);
          assert.ok(result.stderr.includes(`\`omero trust forget ${hostPort}\``), result.stderr);
          assert.ok(!result.stderr.includes("omero-sessions"), result.stderr);
          assert.ok(result.stderr.includes("--insecure"), result.stderr);
          assert.equal(knownHosts(userDir), recorded, "known_hosts unchanged");
        }
      }
      assert.equal(await aliceSessions(), before, "no password reached the server");

      for (const transport of TLS) {
        const userDir = dir(`env-file-${transport}`);
        const recorded = knownHosts(userDir);
        const insecure = await login(userDir, transport, ["--insecure"], viaFile);
        assert.equal(insecure.code, 0, insecure.stderr);
        const [warning, banner, ...rest] = lines(insecure);
        assert.match(warning, /^warning: --insecure: TLS certificates are not verified/);
        assert.match(banner, /^Created session for alice@/);
        assert.deepEqual(rest, []);
        assert.equal(knownHosts(userDir), recorded, "--insecure writes no pin");
      }
      // Accepting the new certificate on purpose: forget, then it is pinned on next use.
      const userDir = dir("env-file-ssl");
      const forget = await cli(userDir, ["trust", "forget", `127.0.0.1:${server.ports.ssl}`]);
      assert.equal(forget.code, 0, forget.stderr);
      const again = await login(userDir, "ssl", [], viaFile);
      assert.equal(again.code, 0, again.stderr);
      assert.match(lines(again)[0], /^Trusting the certificate of .* on first use/);
    });

    await t.step(
      "a CA-signed certificate for another name is refused with 6 and not pinned",
      async () => {
        await server.restartRouter(wrongName);
        for (const transport of TLS) {
          const userDir = dir(`wrong-name-${transport}`);
          const refused = await login(userDir, transport, [], viaFile);
          assert.equal(refused.code, 6, refused.stderr);
          assert.equal(lines(refused).length, 1, refused.stderr);
          assert.match(refused.stderr, /signed by a trusted CA but for another host name/);
          assert.equal(knownHosts(userDir), undefined, "nothing pinned");
          const insecure = await login(userDir, transport, ["--insecure"], viaFile);
          assert.equal(insecure.code, 0, insecure.stderr);
          assert.equal(lines(insecure).length, 2, insecure.stderr);
          assert.equal(knownHosts(userDir), undefined, "nothing pinned");
        }
      },
    );
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});
