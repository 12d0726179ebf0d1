"""Runs a command on a fresh pseudo-terminal and plays a script of keystrokes.

usage: pty_run.py STEPS_JSON [--stdin-null] [--stderr-null] -- COMMAND ARGS...
STEPS_JSON is a list of {"expect": text} (wait until the output contains text, after what was
already matched) and {"send": text} (type it). Prints one JSON object: the terminal output,
the exit code, and whether echo and canonical mode were restored after the command ended.
--stdin-null and --stderr-null give the command /dev/null instead of the pty for those streams;
the pty stays its controlling terminal (what `login </dev/null 2>/dev/null` in a shell does).
"""
import fcntl
import json
import os
import select
import subprocess
import sys
import termios
import time

TIMEOUT = 30.0


def main():
    split = sys.argv.index("--")
    steps = json.loads(sys.argv[1])
    flags = sys.argv[2:split]
    command = sys.argv[split + 1:]
    master, slave = os.openpty()
    null = os.open(os.devnull, os.O_RDWR)
    stdin = null if "--stdin-null" in flags else slave
    stderr = null if "--stderr-null" in flags else slave
    # The pty becomes the child's controlling terminal, as in a shell: Ctrl-C typed while the
    # terminal is not raw then raises SIGINT instead of being read as a byte.
    child = subprocess.Popen(command, stdin=stdin, stdout=slave, stderr=stderr,
                             start_new_session=True, close_fds=True,
                             preexec_fn=lambda: fcntl.ioctl(1, termios.TIOCSCTTY, 0))
    output = b""
    matched = 0
    deadline = time.monotonic() + TIMEOUT

    def pump(wait):
        nonlocal output
        ready, _, _ = select.select([master], [], [], wait)
        if ready:
            try:
                data = os.read(master, 4096)
            except OSError:
                return False
            output += data
            return bool(data)
        return True

    error = None
    for step in steps:
        if "expect" in step:
            needle = step["expect"].encode()
            while output.find(needle, matched) < 0:
                if time.monotonic() > deadline or not pump(0.2) and child.poll() is not None:
                    error = "timed out waiting for %r" % step["expect"]
                    break
            if error:
                break
            matched = output.find(needle, matched) + len(needle)
        else:
            time.sleep(0.05)
            os.write(master, step["send"].encode())
    while child.poll() is None and time.monotonic() < deadline:
        pump(0.1)
    if child.poll() is None:
        child.kill()
        error = error or "command did not exit"
    while pump(0.05) and select.select([master], [], [], 0)[0]:
        pass
    attrs = termios.tcgetattr(slave)
    lflag = attrs[3]
    print(json.dumps({
        "output": output.decode("utf-8", "replace"),
        "code": child.wait(),
        "echo": bool(lflag & termios.ECHO),
        "canonical": bool(lflag & termios.ICANON),
        "error": error,
    }))


main()
