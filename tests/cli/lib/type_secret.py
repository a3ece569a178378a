#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal and types answers to its prompts.

usage: type_secret.py PROMPT ANSWER [PROMPT ANSWER ...] -- COMMAND [ARG ...]
Waits for each PROMPT on the terminal, then types ANSWER and Enter. Prints
everything the terminal showed (so a test can check that nothing typed was
echoed) and exits with the command's exit code.
"""
import os
import pty
import sys
import time

split = sys.argv.index("--")
pairs = sys.argv[1:split]
command = sys.argv[split + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(command[0], command)

shown = b""


def read_some(deadline):
    global shown
    try:
        chunk = os.read(fd, 4096)
    except OSError:  # the command closed the terminal
        return False
    shown += chunk
    return bool(chunk) and time.time() < deadline


for prompt, answer in zip(pairs[0::2], pairs[1::2]):
    deadline = time.time() + 10
    while prompt.encode() not in shown.split(b"\n")[-1]:
        if not read_some(deadline):
            break
    shown += b"\n"  # the next prompt is looked for after this one
    os.write(fd, answer.encode() + b"\r")
deadline = time.time() + 30
while read_some(deadline):
    pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(shown.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
