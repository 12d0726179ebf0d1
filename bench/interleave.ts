// Runs two measurements alternately (A, B, A, B …) after a warm-up of each, so that whatever
// else loads the machine during the run affects both sides alike.

/** One timed run; resolves to its duration in milliseconds. */
export type Measure = () => Promise<number>;

export interface Pair {
  a: number[];
  b: number[];
}

export async function interleaved(
  a: Measure,
  b: Measure,
  { runs, warmup }: { runs: number; warmup: number },
): Promise<Pair> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const samples: Pair = { a: [], b: [] };
  for (let i = 0; i < runs; i++) {
    // Alternate which side goes first, so neither always runs right after the other.
    if (i % 2 === 0) {
      samples.a.push(await a());
      samples.b.push(await b());
    } else {
      samples.b.push(await b());
      samples.a.push(await a());
    }
  }
  return samples;
}
