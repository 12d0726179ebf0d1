// The benchmark suite's own arithmetic: percentiles, the interleaving order, the table.
import assert from "node:assert/strict";
import { interleaved } from "../../bench/interleave.ts";
import { formatTable } from "../../bench/report.ts";
import { percentile, summarize } from "../../bench/stats.ts";

Deno.test("percentile is nearest-rank on unsorted samples", () => {
  const samples = [9, 1, 5, 3, 7, 2, 8, 4, 6, 10];
  assert.equal(percentile(samples, 50), 5);
  assert.equal(percentile(samples, 90), 9);
  assert.equal(percentile(samples, 100), 10);
  assert.equal(percentile([42], 90), 42);
  assert.deepEqual(summarize([3, 1, 2]), { runs: 3, median: 2, p90: 3 });
  assert.throws(() => percentile([], 50));
});

Deno.test("interleaved: warm-up of both sides, then alternating order, samples per side", async () => {
  const order: string[] = [];
  let tick = 0;
  const side = (name: string) => () => {
    order.push(name);
    return Promise.resolve(++tick);
  };
  const { a, b } = await interleaved(side("A"), side("B"), { runs: 3, warmup: 1 });
  assert.deepEqual(order, ["A", "B", "A", "B", "B", "A", "A", "B"]);
  assert.deepEqual(a, [3, 6, 7]);
  assert.deepEqual(b, [4, 5, 8]);
});

Deno.test("the table shows medians, p90 and ref/ours; rows without a reference leave it blank", () => {
  const table = formatTable([
    {
      name: "login",
      unit: "ms",
      ours: { runs: 5, median: 100, p90: 120 },
      reference: { runs: 5, median: 250, p90: 300 },
    },
    { name: "decode", unit: "µs", ours: { runs: 20, median: 4.5, p90: 5.25 } },
  ]);
  const [header, rule, login, decode] = table.split("\n");
  assert.match(
    header,
    /^benchmark\s+runs\s+ours median\s+ours p90\s+ref median\s+ref p90\s+ref\/ours$/u,
  );
  assert.match(rule, /^-+( +-+){6}$/u);
  assert.match(login, /^login\s+5\s+100\.0 ms\s+120\.0 ms\s+250\.0 ms\s+300\.0 ms\s+2\.50×$/u);
  assert.match(decode, /^decode\s+20\s+4\.50 µs\s+5\.25 µs$/u);
});
