"""Start the kmjudge GUI (the command-line tool is ``kmjudge``, in kmjudge/cli.py)."""

from ui.app import main

if __name__ == "__main__":  # a helper process (multiprocessing "spawn") imports this file too
    raise SystemExit(main())
