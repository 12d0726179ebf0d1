// `completions`: the bash script parses and completes commands, subcommands, flags and choices
// when bash runs it; the zsh and fish scripts cover the same tree (neither shell is installed).
import assert from "node:assert/strict";
import { runCli } from "../../src/cli/program.ts";
import { fakeIO } from "../cli/fake-io.ts";

async function script(shell: string): Promise<string> {
  const io = fakeIO({});
  assert.equal(await runCli(["completions", shell], io), 0, io.err());
  return io.out();
}

/** What bash's completion function offers for the words typed so far (the last is partial). */
async function complete(bashScript: string, words: string[]): Promise<string[]> {
  const typed = words.map((word) => `'${word}'`).join(" ");
  const program = `${bashScript}
COMP_WORDS=(omero-sessions ${typed}); COMP_CWORD=${words.length}
_omero_sessions
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const output = await new Deno.Command("bash", {
    args: ["--norc", "--noprofile", "-c", program],
    stdin: "null",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  return new TextDecoder().decode(output.stdout).split("\n").filter(Boolean).sort();
}

Deno.test("bash: the script parses and completes the command tree", async () => {
  const bash = await script("bash");
  const check = await new Deno.Command("bash", { args: ["-n"], stdin: "piped" }).spawn();
  const writer = check.stdin.getWriter();
  await writer.write(new TextEncoder().encode(bash));
  await writer.close();
  assert.equal((await check.status).code, 0, "bash -n");

  assert.deepEqual(await complete(bash, ["tr"]), ["trust"]);
  assert.deepEqual(await complete(bash, ["trust", ""]), ["forget", "list"]);
  assert.deepEqual(await complete(bash, ["completions", ""]), ["bash", "fish", "zsh"]);
  assert.deepEqual(await complete(bash, ["sessions", "li"]), ["list"]);
  assert.deepEqual(await complete(bash, ["-s", "host", "sessions", "list", "--no"]), [
    "--no-purge",
  ]);
  // `-s` takes a value, so `list` right after it is the value, not a command.
  assert.deepEqual(await complete(bash, ["-s", "list", "st"]), ["status"]);
  assert.ok((await complete(bash, ["login", "--"])).includes("--password-stdin"));
});

Deno.test("zsh and fish scripts name every command and flag", async () => {
  const zsh = await script("zsh");
  const fish = await script("fish");
  assert.match(zsh, /^#compdef omero-sessions\n/);
  assert.match(zsh, /compdef _omero_sessions omero-sessions/);
  assert.match(
    fish,
    /^complete -c omero-sessions -n 'test \(__omero_sessions_node\) = "_ trust"' -a 'list forget'$/m,
  );
  assert.match(
    fish,
    /^complete -c omero-sessions -n 'test \(__omero_sessions_node\) = "_ sessions list"' -l no-purge$/m,
  );
  assert.match(fish, /-n 'test \(__omero_sessions_node\) = "_"' -s s -r -F$/m);
  for (const command of ["login", "logout", "list", "clear", "status", "trust", "completions"]) {
    assert.ok(zsh.includes(` ${command}`), `zsh: ${command}`);
    assert.ok(fish.includes(` ${command}`), `fish: ${command}`);
  }
});
