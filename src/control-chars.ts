// Text that came from a server or a file reaches the terminal only through these: a group named
// `ESC[2J` must not clear the screen, a BEL-terminated OSC must not set the window title, and a
// newline must not forge an extra line in a table or a message (docs/robustness.md). Written by
// hand: the rule is two regular expressions, smaller than any dependency.

/** C0 controls (NUL…US, so also TAB, LF, CR and ESC), DEL and the C1 controls (U+0080–U+009F). */
// deno-lint-ignore no-control-regex -- matching control characters is this module's purpose
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/gu;

/** What survives JSON.stringify unescaped but a terminal would still act on (DEL, C1, U+2028/9). */
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029]/gu;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * One line of text with every control character shown as `\n`, `\r`, `\t` or `\xHH`; all other
 * characters, backslashes included, stay as they are. Idempotent: the result has no controls.
 */
export function escapeControl(text: string): string {
  return text.replace(
    CONTROL,
    (char) => NAMED[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

/**
 * JSON.stringify whose output holds no control character at all: DEL, C1 and the Unicode line
 * separators inside strings become `\uXXXX`, so the document still parses to the exact strings.
 */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    JSON_UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
