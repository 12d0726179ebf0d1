// Order statistics of timing samples: medians and p90 resist the outliers a shared machine makes.

export interface Summary {
  runs: number;
  median: number;
  p90: number;
}

/** Nearest-rank percentile (0 < p <= 100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error("percentile of no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(samples: readonly number[]): Summary {
  return { runs: samples.length, median: percentile(samples, 50), p90: percentile(samples, 90) };
}
