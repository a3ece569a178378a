#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal, answers its prompts, waits for the
last PROMPT, then presses Ctrl-C.

usage: interrupt_prompt.py [PROMPT ANSWER ...] PROMPT -- COMMAND [ARG ...]
The terminal is the command's controlling terminal, so Ctrl-C (typed as
\\x03) reaches it as SIGINT, as at a real keyboard. This script keeps the
terminal open after the command is gone and prints one line:
"echo on" or "echo off" (how the command left the terminal), then how it
ended ("signal SIGINT" or "exit N").
"""
import fcntl
import os
import select
import signal
import sys
import termios
import time

split = sys.argv.index("--")
prompts = [p.encode() for p in sys.argv[1:split]]
answers = [a.encode() for a in sys.argv[2:split:2]]
command = sys.argv[split + 1:]
master, slave = os.openpty()
pid = os.fork()
if pid == 0:
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(slave, fd)
    os.close(master)
    os.execv(command[0], command)

shown = b""


def read_some(timeout):
    """What the terminal shows within `timeout` s (this script holds the
    terminal open, so a read would wait for ever once the command is gone)."""
    global shown
    if select.select([master], [], [], timeout)[0]:
        shown += os.read(master, 4096)


status = None


def ended():
    """True once the command is gone (its wait status in `status`)."""
    global status
    if status is None:
        done, wait_status = os.waitpid(pid, os.WNOHANG)
        if done:
            status = wait_status
    return status is not None


for prompt, answer in zip(prompts[0::2], answers + [None]):
    deadline = time.time() + 10
    while prompt not in shown.split(b"\n")[-1] and time.time() < deadline and not ended():
        read_some(0.1)
    if answer is not None:
        shown += b"\n"  # the next prompt is looked for after this one
        os.write(master, answer + b"\r")
time.sleep(0.2)  # the command is now blocked reading the terminal
os.write(master, b"\x03")
deadline = time.time() + 10
while not ended():
    if time.time() > deadline:
        os.kill(pid, signal.SIGKILL)
    read_some(0.05)  # keep the terminal's output flowing
echo = termios.tcgetattr(slave)[3] & termios.ECHO
how = (f"signal {signal.Signals(os.WTERMSIG(status)).name}" if os.WIFSIGNALED(status)
         else f"exit {os.WEXITSTATUS(status)}")
print(f"echo {'on' if echo else 'off'}, {how}")
