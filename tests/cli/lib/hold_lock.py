"""Stands in for a running `smsdesk run`: holds the daemon lock of a database
(an fcntl write lock on "<database>.lock", as firmware-host/daemon/daemon_lock.h
takes it) so that commands find it and signal it.

    hold_lock.py DATABASE SIGNAL MARKER

Creates "<database>.lock.held" once it holds the lock, and MARKER when SIGNAL
(USR1, HUP) arrives; any other signal ends it as it would the daemon. Exits
after a minute.
"""
import fcntl
import os
import signal
import sys
import time

database, name, marker = sys.argv[1:4]
fd = os.open(database + ".lock", os.O_RDWR | os.O_CREAT)
fcntl.lockf(fd, fcntl.LOCK_EX)
signal.signal(getattr(signal, "SIG" + name), lambda *_: open(marker, "w").close())
open(database + ".lock.held", "w").close()
time.sleep(60)
