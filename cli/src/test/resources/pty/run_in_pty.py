#!/usr/bin/python3
"""Runs a command in a new pseudo-terminal of COLS x ROWS and copies everything it writes to stdout.

Usage: run_in_pty.py COLS ROWS COMMAND [ARG...]. The child is the session leader of the terminal
(it has a controlling tty, so `stty size </dev/tty` works in it); its exit status is ours. Used by
the CLI's tests: Java has no pseudo-terminal of its own.
"""
import fcntl
import os
import pty
import struct
import sys
import termios

def main():
    cols, rows, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    pid, master = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execvp(command[0], command)
    out = sys.stdout.buffer
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        out.write(data)
        out.flush()
    _, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status))

if __name__ == "__main__":
    main()
