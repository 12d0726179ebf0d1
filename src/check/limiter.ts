// At most `limit` pieces of async work in flight at once: checking hundreds of stored sessions
// costs about one check per server, without opening hundreds of connections at once.

export type Limiter = <T>(work: () => Promise<T>) => Promise<T>;

export function limiter(limit: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running >= limit) await new Promise<void>((start) => waiting.push(start));
    else running++;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiter, so `running` stays counted.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
