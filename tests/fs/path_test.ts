// Our path helpers give node:path's answers (the module they replace on the start-up path).
import assert from "node:assert/strict";
import { posix, win32 } from "node:path";
import { posixPath, windowsPath } from "../../src/fs/path.ts";

const JOINS: string[][] = [
  ["/a", "b", "c"],
  ["/a/", "b"],
  ["a", "..", ".."],
  ["/a", "../..", "b"],
  ["a/./b", "c/"],
  ["/", "x"],
  ["", "x"],
  [""],
  ["/a/b/c", ".."],
  ["/home/u/omero/sessions", "host%3A1", "user", "..", "._LASTUSER_"],
];

const RESOLVES: [string, string][] = [
  ["/cwd", "rel/dir"],
  ["/cwd", "/abs/dir/"],
  ["/cwd/", "../x"],
  ["/", ".."],
  ["/cwd", "."],
];

const NAMES = ["/a/b/c", "/a/b/c/", "/a", "/", "a", "a/b", ".x.tmp"];

Deno.test("posix join, resolve, dirname, basename match node:path", () => {
  for (const parts of JOINS) {
    assert.equal(posixPath.join(...parts), posix.join(...parts), String(parts));
  }
  for (const [cwd, path] of RESOLVES) {
    assert.equal(posixPath.resolve(cwd, path), posix.resolve(cwd, path), `${cwd} ${path}`);
  }
  for (const name of NAMES) {
    assert.equal(posixPath.dirname(name), posix.dirname(name), name);
    assert.equal(posixPath.basename(name), posix.basename(name), name);
  }
});

Deno.test("windows join, resolve, dirname, basename match node:path's win32", () => {
  const joins = [
    ...JOINS,
    ["C:\\Users\\a", "AppData", "Local"],
    ["C:\\Users\\a\\", "..", "b"],
    ["\\\\server\\share", "dir", "f"],
    ["C:/mixed/seps", "x"],
  ];
  for (const parts of joins) {
    assert.equal(windowsPath.join(...parts), win32.join(...parts), String(parts));
  }
  const resolves: [string, string][] = [["C:\\cwd", "rel\\dir"], ["C:\\cwd", "D:\\abs\\"], [
    "C:\\cwd",
    "..\\x",
  ]];
  for (const [cwd, path] of resolves) {
    assert.equal(windowsPath.resolve(cwd, path), win32.resolve(cwd, path), `${cwd} ${path}`);
  }
  for (const name of ["C:\\a\\b", "C:\\a\\", "C:\\", "a\\b", "\\\\server\\share\\f"]) {
    assert.equal(windowsPath.dirname(name), win32.dirname(name), name);
    assert.equal(windowsPath.basename(name), win32.basename(name), name);
  }
});
