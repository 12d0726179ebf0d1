// The GitHub workflows parse as YAML (PyYAML, Debian's python3-yaml; actionlint is not packaged
// by Debian) and do what docs/distribution.md says: CI runs .ci/run on every push; a version tag
// runs the suite, then builds the binaries, the bundle, the npm tarball and SHA256SUMS.
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT } from "../../scripts/bundle.ts";

interface Step {
  uses?: string;
  run?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { needs?: string; steps: Step[]; "timeout-minutes"?: number }>;
}

const PARSE = `
import json, sys, yaml
for path in sys.argv[1:]:
    with open(path) as f:
        doc = yaml.safe_load(f)
    # YAML 1.1 reads the key "on" as true.
    doc["on"] = doc.pop(True, doc.get("on"))
    print(json.dumps(doc))
`;

async function parseWorkflows(...names: string[]): Promise<Workflow[]> {
  const paths = names.map((name) => join(ROOT, ".github", "workflows", name));
  const output = await new Deno.Command("/usr/bin/python3", {
    args: ["-c", PARSE, ...paths],
    stdin: "null",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  return new TextDecoder().decode(output.stdout).trim().split("\n").map((line) => JSON.parse(line));
}

const runs = (workflow: Workflow, job: string) =>
  workflow.jobs[job].steps.map((step) => step.run ?? "").join("\n");

Deno.test("workflows: ci runs .ci/run on every push", async () => {
  const [ci] = await parseWorkflows("ci.yml");
  assert.ok("push" in ci.on);
  assert.match(runs(ci, "test"), /bash \.ci\/run$/mu);
  assert.ok(ci.jobs.test["timeout-minutes"]! <= 30);
});

Deno.test("workflows: a version tag tests, then builds, checksums and attaches everything", async () => {
  const [release] = await parseWorkflows("release.yml");
  assert.deepEqual(release.on, { push: { tags: ["v*"] } });
  assert.match(runs(release, "test"), /bash \.ci\/run$/mu);
  assert.equal(release.jobs.release.needs, "test");
  const script = runs(release, "release");
  for (const line of ["deno task compile", "npm pack", "sha256sum", "gh release create"]) {
    assert.ok(script.includes(line), line);
  }
  assert.match(script, /omero-sessions-\* omero-sessions\.js omero-sessions\.tgz SHA256SUMS$/mu);
});

Deno.test("workflows: a YAML syntax error is caught", async () => {
  const dir = await Deno.makeTempDir({ prefix: "workflows-" });
  try {
    const broken = join(dir, "broken.yml");
    await Deno.writeTextFile(broken, "jobs:\n  test:\n    steps: [\n");
    const output = await new Deno.Command("/usr/bin/python3", {
      args: ["-c", PARSE, broken],
      stdin: "null",
      stderr: "piped",
    }).output();
    assert.notEqual(output.code, 0);
    assert.match(new TextDecoder().decode(output.stderr), /^yaml\.[\w.]*Error: /mu);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
