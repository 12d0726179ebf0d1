// A small table-driven command-line parser with the grammar of Python's argparse (which omero-py
// uses, and whose spellings people and scripts type): `-w=PW`, `-wPW`, `--password=PW`, bundled
// flags (`-Cq`), unique prefixes of long options (`--serv`), "ambiguous option" errors, `--`, and
// nested commands whose options belong to the level they are given on. Hand-written because no
// npm parser gives these semantics without loading Node's compatibility layer (npm `argparse`
// imports util, fs, assert and path: 51 ms of start-up; commander 47 ms), and the local commands
// must start at Deno's floor. It loads nothing and knows nothing about OMERO.
//
// Where it differs from argparse, on purpose: an option with an optional value takes the next word
// only when that word is a valid value; an empty value ("") is an error, not "absent"; a long
// prefix that only options marked `ours` make ambiguous resolves to the one other option, so
// spellings valid with the original tool keep their meaning; words the user typed are repeated in
// errors only when they are plain (letters, digits, `-_.@:/`), and rejected values of numeric
// options only when they look like numbers.

/** A usage error: the message names the command, the option or position, and what was wrong. */
export class ArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArgumentError";
  }
}

/**
 * A value that a parse function rejects; `reason` completes "expected …". The rejected text is
 * repeated in the error only when it matches `echo` (default: plain words): a parse function for
 * numbers passes a number pattern, so a password typed after `-p` is never shown.
 */
export class InvalidValue extends Error {
  constructor(readonly reason: string, readonly echo?: RegExp) {
    super(reason);
  }
}

interface OptionBase {
  /** `["-s", "--server"]`: at most one short (`-x`) and one long (`--name`) form. */
  readonly flags: readonly string[];
  readonly help: string;
  readonly hidden?: boolean;
  /** Not in the original tool: never makes a prefix of its options ambiguous. */
  readonly ours?: boolean;
}

export interface FlagOption extends OptionBase {
  readonly kind: "flag";
}

/** `--no-purge`: the value is false when given, true otherwise. */
export interface NegatedOption extends OptionBase {
  readonly kind: "negated";
}

export interface ValueOption<T> extends OptionBase {
  readonly kind: "value";
  readonly metavar: string;
  readonly parse: (text: string) => T;
}

/** `--group-id ID...`: the following words up to the next option; repeats add to the list. */
export interface ValuesOption extends OptionBase {
  readonly kind: "values";
  readonly metavar: string;
}

/** `--retry [SECS]`: the next word is taken only when `parse` accepts it. */
export interface OptionalValueOption<T> extends OptionBase {
  readonly kind: "optional";
  readonly metavar: string;
  readonly parse: (text: string) => T;
  /** The value when the option is given without one. */
  readonly bare: T;
}

export type AnyOption =
  | FlagOption
  | NegatedOption
  | ValuesOption
  // deno-lint-ignore no-explicit-any
  | ValueOption<any>
  // deno-lint-ignore no-explicit-any
  | OptionalValueOption<any>;
export type OptionTable = Record<string, AnyOption>;

/** What a parsed option table looks like: every key optional except negated flags. */
export type OptionValues<O extends OptionTable> =
  & { [K in keyof O as O[K] extends NegatedOption ? K : never]: boolean }
  & { [K in keyof O as O[K] extends NegatedOption ? never : K]?: ValueOf<O[K]> };

type ValueOf<D> = D extends FlagOption ? boolean
  : D extends ValuesOption ? string[]
  : D extends ValueOption<infer T> ? T
  : D extends OptionalValueOption<infer T> ? T
  : never;

export interface Positional<T> {
  readonly metavar: string;
  readonly help: string;
  readonly required: boolean;
  /** `[name...]`: every positional word from here on (options between them still count). */
  readonly rest: boolean;
  /** From its first word on, every word verbatim, options and `--` included: `exec CMD ARGS…`. */
  readonly verbatim: boolean;
  readonly parse: (text: string) => T;
  /** Fixed values (completion offers them). */
  readonly choices?: readonly string[];
}

// deno-lint-ignore no-explicit-any
export type PositionalTable = Record<string, Positional<any>>;

export type PositionalValues<P extends PositionalTable> = {
  [K in keyof P]: P[K] extends Positional<infer T>
    // A `[name...]` list is empty, not absent, when no word was given.
    ? P[K]["required"] extends true ? T : T extends unknown[] ? T : T | undefined
    : never;
};

const NUMBER_LIKE = /^[+-]?\d+(\.\d+)?$/u;
const PLAIN = /^[\w.@:/+-]{1,64}$/u;

const identity = (text: string) => text;

function splitFlags(flags: string): string[] {
  return flags.split(/,\s*/u);
}

export function flag(flags: string, help: string, extra: Partial<OptionBase> = {}): FlagOption {
  return { kind: "flag", flags: splitFlags(flags), help, ...extra };
}

export function negated(flags: string, help: string): NegatedOption {
  return { kind: "negated", flags: splitFlags(flags), help };
}

export function value<T = string>(
  flags: string,
  metavar: string,
  help: string,
  extra: Partial<OptionBase> & { parse?: (text: string) => T } = {},
): ValueOption<T> {
  const parse = (extra.parse ?? identity) as (text: string) => T;
  return { kind: "value", flags: splitFlags(flags), metavar, help, ...extra, parse };
}

export function values(flags: string, metavar: string, help: string): ValuesOption {
  return { kind: "values", flags: splitFlags(flags), metavar, help };
}

export function optionalValue<T>(
  flags: string,
  metavar: string,
  help: string,
  parse: (text: string) => T,
  bare: T,
  extra: Partial<OptionBase> = {},
): OptionalValueOption<T> {
  return { kind: "optional", flags: splitFlags(flags), metavar, help, parse, bare, ...extra };
}

/**
 * `[name]` is optional, `<name>` required; `...` takes the rest of the positional words (with
 * `verbatim`, the rest of the words).
 */
export function positional<S extends string, T = string>(
  spec: S,
  help: string,
  extra: {
    parse?: (text: string) => T;
    choices?: readonly T[];
    verbatim?: boolean;
  } = {},
): Positional<S extends `${string}...${string}` ? string[] : T> & {
  readonly required: S extends `<${string}` ? true : false;
} {
  const match = /^([[<])([\w-]+)(\.\.\.)?[\]>]$/u.exec(spec);
  if (!match) throw new Error(`bad positional spec ${spec}`);
  const choices = extra.choices?.map(String);
  const parse = extra.parse ?? (choices ? oneOf(choices) : identity);
  // The literal types above restate what the spec string says; the parser fills in the values.
  return {
    metavar: match[2],
    help,
    required: match[1] === "<",
    rest: match[3] !== undefined,
    verbatim: extra.verbatim === true,
    parse,
    choices,
  } as never;
}

/** A parser for one of fixed words (`--style sql|csv|plain|json`). */
export function oneOf<T extends string>(choices: readonly T[]): (text: string) => T {
  return (text) => {
    const found = choices.find((choice) => choice === text);
    if (found === undefined) throw new InvalidValue(`one of ${choices.join(", ")}`);
    return found;
  };
}

/** A command: its own options and positionals, and either subcommands or nothing below it. */
export interface CommandSpec<O extends OptionTable, P extends PositionalTable> {
  readonly name: string;
  readonly summary: string;
  /** Longer text under the usage line; the summary when absent. */
  readonly description?: string;
  /** Printed after the options in `--help`. */
  readonly epilog?: string;
  readonly options: O;
  readonly positionals?: P;
  readonly hidden?: boolean;
}

/** Values given above a command, merged root first: a value given deeper wins. */
export type Merged<Above, Own> = Omit<Above, keyof Own> & Own;

/**
 * A command of the tree. A leaf's `action` gets its own values, typed from its declaration, and
 * the values of the levels above it (`Above`, which `branch` checks against what its levels
 * declare), and returns what the caller of `parse` runs.
 */
export interface Command<O extends OptionTable, P extends PositionalTable, Above>
  extends CommandSpec<O, P> {
  readonly subcommands: readonly AnyCommand[];
  /** Absent on a command that only groups others (`sessions`, `trust`). */
  readonly action?: (values: OptionValues<O> & PositionalValues<P>, above: Above) => unknown;
}

// deno-lint-ignore no-explicit-any
export type AnyCommand = Command<any, any, any>;

/**
 * A command that runs `action`. It may have subcommands too: a first positional word that names
 * one runs that one instead (`group list` beside `group NAME`).
 */
export function leaf<O extends OptionTable, P extends PositionalTable, Above = unknown>(
  spec: CommandSpec<O, P>,
  action: (values: OptionValues<O> & PositionalValues<P>, above: Above) => unknown,
  // deno-lint-ignore no-explicit-any
  subcommands: readonly Command<any, any, Merged<Above, OptionValues<O>>>[] = [],
): Command<O, P, Above> {
  return { ...spec, subcommands, action };
}

/**
 * A command that groups others; they receive its values merged over those above it. `action`, if
 * any, runs when no command is given (`omero-sessions --version`); otherwise that is an error.
 */
export function branch<O extends OptionTable, Above = Record<never, never>>(
  spec: CommandSpec<O, Record<never, never>>,
  // deno-lint-ignore no-explicit-any
  subcommands: readonly Command<any, any, Merged<Above, OptionValues<O>>>[],
  action?: (values: OptionValues<O>, above: Above) => unknown,
): Command<O, Record<never, never>, Above> {
  return { ...spec, subcommands, action };
}

export type Parsed =
  | { kind: "run"; run: () => unknown }
  | { kind: "help"; text: string };

/**
 * Parses `argv` (without the program name) against the tree under `root`. Returns what to run, or
 * the help of the level where `-h`/`--help` was given; throws ArgumentError for a usage error.
 */
export function parse(root: AnyCommand, argv: readonly string[], program: string): Parsed {
  const above: Record<string, unknown> = {};
  let command = root;
  let path = program;
  let index = 0;
  for (;;) {
    const level = parseLevel(command, argv, index, path);
    if (level.kind === "help") return { kind: "help", text: helpText(command, path) };
    if (level.next === undefined) {
      const action = command.action;
      if (!action) throw new ArgumentError(`${path}: a command is required (${names(command)})`);
      // The values were built from this command's own tables, so they have its declared types.
      return { kind: "run", run: () => action(level.values as never, above) };
    }
    for (const [key, value] of Object.entries(level.values)) {
      if (value !== undefined) above[key] = value;
    }
    command = level.next;
    path = `${path} ${command.name}`;
    index = level.index;
  }
}

function optionsOf(command: AnyCommand): [string, AnyOption][] {
  return Object.entries<AnyOption>(command.options);
}

function positionalsOf(command: AnyCommand): [string, Positional<unknown>][] {
  return Object.entries<Positional<unknown>>(command.positionals ?? {});
}

function names(command: AnyCommand): string {
  return command.subcommands.filter((sub) => !sub.hidden).map((sub) => sub.name).join(", ");
}

type LevelResult =
  | { kind: "help" }
  | { kind: "done"; values: Record<string, unknown>; next?: AnyCommand; index: number };

function parseLevel(
  command: AnyCommand,
  argv: readonly string[],
  start: number,
  path: string,
): LevelResult {
  const values: Record<string, unknown> = {};
  for (const [key, option] of optionsOf(command)) {
    if (option.kind === "negated") values[key] = true;
  }
  const given: string[] = [];
  const positionals = positionalsOf(command);
  const fail = (message: string): never => {
    throw new ArgumentError(`${path}: ${message}`);
  };
  const store = (
    key: string,
    // deno-lint-ignore no-explicit-any
    option: ValueOption<any> | OptionalValueOption<any>,
    text: string,
  ) => {
    values[key] = convert(option, { text, what: `argument ${flagNames(option)}`, fail });
  };
  let onlyPositionals = false;
  let index = start;
  while (index < argv.length) {
    const word = argv[index++];
    if (!onlyPositionals && word === "--") {
      onlyPositionals = true;
      continue;
    }
    if (!onlyPositionals && isOptionLike(word)) {
      if (word === "-h" || word === "--help") return { kind: "help" };
      const found = findOption(command, word, fail);
      if (found === "help") return { kind: "help" };
      const { key, option, explicit, bundled } = found;
      if (option.kind === "flag" || option.kind === "negated") {
        if (explicit !== undefined) fail(`argument ${flagNames(option)}: takes no value`);
        values[key] = option.kind === "flag";
        if (bundled !== undefined) {
          // `-Cq`: the rest are more short flags (or a short option and its value).
          argv = [...argv.slice(0, index), `-${bundled}`, ...argv.slice(index)];
        }
        continue;
      }
      if (option.kind === "values") {
        const list = (values[key] as string[] | undefined) ?? [];
        if (explicit !== undefined) list.push(explicit);
        while (explicit === undefined && index < argv.length && !isOptionLike(argv[index])) {
          if (argv[index] === "--") break;
          list.push(argv[index++]);
        }
        if (list.length === 0) {
          fail(`argument ${flagNames(option)}: expected at least one argument`);
        }
        if (list.includes("")) fail(`argument ${flagNames(option)}: empty value`);
        values[key] = list;
        continue;
      }
      if (explicit !== undefined) {
        store(key, option, explicit);
        continue;
      }
      const next = argv[index];
      if (option.kind === "optional") {
        if (next !== undefined && next !== "" && !isOptionLike(next) && accepts(option, next)) {
          store(key, option, next);
          index++;
        } else {
          values[key] = option.bare;
        }
        continue;
      }
      if (next === undefined || (isOptionLike(next) && !NUMBER_LIKE.test(next))) {
        fail(`argument ${flagNames(option)}: expected one argument`);
      }
      store(key, option, next);
      index++;
      continue;
    }
    // A positional word.
    // A command's first positional word may name one of its subcommands (`group list`);
    // otherwise it is the command's own positional (`group lab`), if it takes one.
    const sub = onlyPositionals || given.length > 0
      ? undefined
      : command.subcommands.find((candidate) => candidate.name === word);
    if (sub) return { kind: "done", values, next: sub, index };
    if (command.subcommands.length > 0 && positionals.length === 0) {
      const shown = PLAIN.test(word) ? `unknown command "${word}"` : "unknown command";
      fail(`${shown} (choose from ${names(command)})`);
    }
    const slot = positionals[given.length] ?? restSlot(positionals);
    // The word itself is not repeated: it may be a password typed in the wrong place.
    if (!slot) {
      const most = positionals.length === 0 ? "none" : `at most ${positionals.length}`;
      fail(`unexpected argument ${given.length + 1} (this command takes ${most})`);
    }
    const [key, spec] = slot;
    if (spec.verbatim) {
      values[key] = [word, ...argv.slice(index)];
      given.push(key);
      break;
    }
    if (word === "") fail(`argument ${spec.metavar}: empty value`);
    const converted = convert(spec, { text: word, what: `argument ${spec.metavar}`, fail });
    if (spec.rest) {
      values[key] = [...(values[key] as unknown[] | undefined) ?? [], converted];
      if (!given.includes(key)) given.push(key);
    } else {
      values[key] = converted;
      given.push(key);
    }
  }
  if (command.subcommands.length > 0 && command.action === undefined) {
    fail(`a command is required (${names(command)})`);
  }
  for (const [key, spec] of positionals.slice(given.length)) {
    if (spec.required) fail(`the following argument is required: ${spec.metavar}`);
    if (spec.rest) values[key] = [];
  }
  return { kind: "done", values, index };
}

/** The `[name...]` slot that keeps taking words once reached. */
function restSlot(
  positionals: [string, Positional<unknown>][],
): [string, Positional<unknown>] | undefined {
  const last = positionals.at(-1);
  return last?.[1].rest ? last : undefined;
}

function isOptionLike(word: string): boolean {
  return word.length > 1 && word.startsWith("-") && !NUMBER_LIKE.test(word);
}

function accepts<T>(option: OptionalValueOption<T>, text: string): boolean {
  try {
    option.parse(text);
    return true;
  } catch (error) {
    if (!(error instanceof InvalidValue)) throw error;
    return false;
  }
}

function convert<T>(
  spec: { parse: (text: string) => T },
  { text, what, fail }: { text: string; what: string; fail: (message: string) => never },
): T {
  if (text === "") fail(`${what}: empty value`);
  try {
    return spec.parse(text);
  } catch (error) {
    if (!(error instanceof InvalidValue)) throw error;
    const shown = (error.echo ?? PLAIN).test(text) ? ` (got "${text}")` : "";
    return fail(`${what}: expected ${error.reason}${shown}`);
  }
}

function flagNames(option: AnyOption): string {
  return option.flags.join("/");
}

interface FoundOption {
  key: string;
  option: AnyOption;
  name: string;
  /** The value given in the same word: `--server=HOST`, `-s=HOST`, `-sHOST`. */
  explicit?: string;
  /** Short flags bundled after this one: `-Cq` → "q". */
  bundled?: string;
}

function findOption(
  command: AnyCommand,
  word: string,
  fail: (message: string) => never,
): FoundOption | "help" {
  const entries = optionsOf(command);
  const shown = () => PLAIN.test(word.split("=")[0]) ? ` ${word.split("=")[0]}` : "";
  if (word.startsWith("--")) {
    const equals = word.indexOf("=");
    const name = equals < 0 ? word : word.slice(0, equals);
    const explicit = equals < 0 ? undefined : word.slice(equals + 1);
    const exact = entries.find(([, option]) => option.flags.includes(name));
    if (exact) return { key: exact[0], option: exact[1], name, explicit };
    if ("--help".startsWith(name) && name.length > 2) {
      const others = entries.some(([, option]) => longOf(option)?.startsWith(name));
      if (!others) return "help";
    }
    const matches = entries.filter(([, option]) => longOf(option)?.startsWith(name));
    const theirs = matches.filter(([, option]) => !option.ours);
    const chosen = matches.length === 1 ? matches : theirs.length === 1 ? theirs : [];
    if (chosen.length === 1) {
      return { key: chosen[0][0], option: chosen[0][1], name: longOf(chosen[0][1])!, explicit };
    }
    if (matches.length > 1) {
      // As the original tool would say it: only its own options are named when they clash.
      const named = theirs.length > 1 ? theirs : matches;
      const candidates = named.map(([, option]) => longOf(option)!).sort().join(", ");
      fail(`ambiguous option:${shown()} could match ${candidates}`);
    }
    return fail(`unrecognized option${shown()}`);
  }
  // `-w=PW` (argparse takes the value after `=`), `-wPW`, `-Cq`.
  const short = word.slice(0, 2);
  const exact = entries.find(([, option]) => option.flags.includes(short));
  if (!exact) return fail(`unrecognized option${PLAIN.test(short) ? ` ${short}` : ""}`);
  const [key, option] = exact;
  const tail = word.slice(2);
  if (tail === "") return { key, option, name: short };
  if (tail.startsWith("=")) return { key, option, name: short, explicit: tail.slice(1) };
  if (option.kind === "flag" || option.kind === "negated") {
    return { key, option, name: short, bundled: tail };
  }
  return { key, option, name: short, explicit: tail };
}

function longOf(option: AnyOption): string | undefined {
  return option.flags.find((name) => name.startsWith("--"));
}

/** argparse-like help: usage line, description, positionals, options, subcommands, epilog. */
export function helpText(command: AnyCommand, path: string): string {
  const options = optionsOf(command).map(([, option]) => option).filter((option) => !option.hidden);
  const positionals = positionalsOf(command).map(([, spec]) => spec);
  const subcommands = command.subcommands.filter((sub) => !sub.hidden);
  const usage = [`usage: ${path}`, "[-h]"];
  if (options.length > 0) usage.push("[options]");
  for (const spec of positionals) {
    const name = spec.rest ? `${spec.metavar}...` : spec.metavar;
    usage.push(spec.required ? name : `[${name}]`);
  }
  if (subcommands.length > 0) usage.push("COMMAND ...");
  const sections = [usage.join(" "), command.description ?? command.summary];
  const rows = (items: [string, string][]) => {
    const width = Math.min(24, Math.max(...items.map(([left]) => left.length)) + 2);
    return items.map(([left, right]) =>
      left.length + 2 > width
        ? `  ${left}\n  ${" ".repeat(width)}${right}`
        : `  ${left.padEnd(width)}${right}`
    ).join("\n");
  };
  if (positionals.length > 0) {
    sections.push(
      `positional arguments:\n${rows(positionals.map((spec) => [spec.metavar, spec.help]))}`,
    );
  }
  if (subcommands.length > 0) {
    sections.push(`commands:\n${rows(subcommands.map((sub) => [sub.name, sub.summary]))}`);
  }
  const optionRows: [string, string][] = [["-h, --help", "Show this help and exit"]];
  for (const option of options) {
    const metavar = option.kind === "value"
      ? ` ${option.metavar}`
      : option.kind === "values"
      ? ` ${option.metavar}...`
      : option.kind === "optional"
      ? ` [${option.metavar}]`
      : "";
    optionRows.push([`${option.flags.join(", ")}${metavar}`, option.help]);
  }
  sections.push(`options:\n${rows(optionRows)}`);
  if (command.epilog) sections.push(command.epilog.trimEnd());
  return `${sections.join("\n\n")}\n`;
}
