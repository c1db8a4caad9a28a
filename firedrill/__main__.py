"""``python -m firedrill`` is the ``firedrill`` command."""

from firedrill.cli.main import main

raise SystemExit(main())
