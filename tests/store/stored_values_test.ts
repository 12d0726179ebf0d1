// Every value written to a session file, a marker or known_hosts passes one check: nothing a
// server (or anyone) supplies may add or split lines. Refused values write nothing at all.
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildLoginProps, serializeSessionFile } from "../../src/store/session-file.ts";
import { recordKnownHost } from "../../src/trust/known-hosts.ts";
import { SessionStore } from "../../src/store/session-store.ts";
import { InvalidStoredValueError } from "../../src/store/stored-values.ts";
import { filesBelow, tempDir } from "../fixtures/fixture-store.ts";
import { pinKnownHost } from "../fixtures/known-hosts.ts";

const UUID = "97db5b88-5d7e-40f8-883b-17cf549f6126";
const FINGERPRINT = Array.from({ length: 32 }, () => "AB").join(":");
/** CR, LF, NUL, TAB, ESC, BEL, DEL and a C1 control. */
const HOSTILE = ["\r", "\n", "\0", "\t", "\x1b", "\x07", "\x7f", "\x9b"];

Deno.test("session files: a user name, key, host or property with a control character is refused", async (t) => {
  for (const char of HOSTILE) {
    await t.step(JSON.stringify(char), () => {
      using tmp = tempDir();
      const store = new SessionStore(join(tmp.path, "sessions"));
      const props = (group?: string) => buildLoginProps({ host: "h", user: "u", group });
      const attempts: [string, () => unknown, RegExp][] = [
        ["user", () => store.add("h", `carol${char}omero.sudo=root`, UUID, props()), /user name/],
        ["key", () => store.add("h", "u", `${UUID}${char}`, props()), /session key/],
        ["host", () => store.add(`h${char}`, "u", UUID, props()), /host/],
        ["group", () => store.add("h", "u", UUID, props(`lab${char}x`)), /omero\.group/],
        ["sudo", () => store.add("h", "u", UUID, props(), `root${char}`), /omero\.sudo/],
        ["marker user", () => store.setCurrent("h", `u${char}`, UUID), /user name/],
        ["marker port", () => store.setCurrent("h", "u", UUID, `4064${char}`), /port/],
      ];
      for (const [what, attempt, names] of attempts) {
        assert.throws(attempt, (error) => {
          assert.ok(error instanceof InvalidStoredValueError, `${what}: ${error}`);
          assert.match(error.message, names);
          assert.match(error.message, /control characters/);
          // deno-lint-ignore no-control-regex -- the message must be one printable line
          assert.doesNotMatch(error.message, /[\u0000-\u001f\u007f-\u009f]/u);
          return true;
        });
      }
      assert.deepEqual(filesBelow(tmp.path), [], "nothing written");
    });
  }
});

Deno.test("session files: a key that would split its line is refused", () => {
  for (const key of ["", "a=b", "a\nb"]) {
    assert.throws(
      () => serializeSessionFile(new Map([[key, "v"]]), "\n"),
      InvalidStoredValueError,
    );
  }
  // `=` inside a value is fine: lines split at the first one.
  assert.equal(serializeSessionFile(new Map([["k", "a=b"]]), "\n"), "k=a=b\n");
});

Deno.test("markers: a control character in one written by someone else is reported, not used", () => {
  using tmp = tempDir();
  const dir = join(tmp.path, "sessions");
  const warnings: string[] = [];
  const store = new SessionStore(dir, { warn: (line) => warnings.push(line) });
  store.add("h", "u", UUID, buildLoginProps({ host: "h", user: "u" }));
  store.setCurrent("h", "u", UUID);
  Deno.writeTextFileSync(join(dir, "h", "._LASTUSER_"), "u\x1b[2J");
  assert.equal(store.getCurrent().user, undefined);
  assert.equal(warnings.length, 1, warnings.join("\n"));
  assert.match(warnings[0], /not a single valid value/);
  assert.ok(Deno.statSync(join(dir, "h", "._LASTUSER_")).isFile, "kept");
});

Deno.test("known_hosts: a host with a line break or a space is refused before the file is touched", async () => {
  using tmp = tempDir();
  const path = join(tmp.path, "known_hosts");
  for (const hostPort of ["evil\n127.0.0.1:4064", "a b:4064", "h\x1b:4064"]) {
    await assert.rejects(
      pinKnownHost(path, { hostPort, fingerprint256: FINGERPRINT, certificateBase64: "" }),
      InvalidStoredValueError,
    );
  }
  await assert.rejects(
    pinKnownHost(path, {
      hostPort: "h:4064",
      fingerprint256: FINGERPRINT,
      certificateBase64: "AAAA\nevil:1 AB",
    }),
    InvalidStoredValueError,
  );
  // The CA recorded for a CA-verified server is checked the same way.
  await assert.rejects(
    recordKnownHost(path, {
      hostPort: "h:4064",
      kind: "ca",
      fingerprint256: FINGERPRINT,
      certificateBase64: "AAAA",
      caBase64: "BBBB\nevil:1 AB",
    }),
    InvalidStoredValueError,
  );
  assert.deepEqual(filesBelow(tmp.path), []);
});
