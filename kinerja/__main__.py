"""Entry point for `python -m kinerja`."""

from kinerja.cli import main

raise SystemExit(main())
