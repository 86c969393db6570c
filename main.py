"""Start the kmjudge GUI (the command-line tool is ``kmjudge``, in kmjudge/cli.py)."""

from ui.app import main

raise SystemExit(main())
