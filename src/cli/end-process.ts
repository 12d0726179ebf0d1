// How the process ends once the command's outcome is known: with its exit code, once Deno has
// stored V8's code cache for the program, and with nothing after that outcome able to change it.
// - The code cache: Deno compiles a module and queues the writing of its code cache, which its
//   module loader does on its next pass; exiting before that pass loses it. A command that makes
//   no asynchronous call never gives the loader a pass: the bundle, whose one module is the whole
//   program, was then compiled afresh at every start, about 10 ms (docs/bench.md). A dynamic
//   import is settled only by that pass, so importing an empty module first makes it happen. (An
//   empty write or a file stat is often settled before it; a timer is not, but the first timer of
//   a process costs about 6 ms.) In the bundle nothing else is imported dynamically.
// - Nothing after the outcome: work abandoned on the way (a close sent to a server that went
//   away) may fail meanwhile, and its rejection must not become Deno's exit code 1 and a trace.

/** An empty module; a data: URL needs no file and no permission. */
const EMPTY_MODULE = "data:text/javascript,";

/** Ends the process with the code `outcome` resolves to. */
export function endProcess(outcome: Promise<number>): void {
  outcome.then((code) => {
    globalThis.addEventListener("unhandledrejection", (event) => event.preventDefault());
    globalThis.addEventListener("error", (event) => event.preventDefault());
    // Should the import fail, the loader's pass has been made all the same.
    import(EMPTY_MODULE).finally(() => Deno.exit(code));
  });
}
