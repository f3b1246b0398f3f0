"""``python -m bulletin_extract``: the same command as ``bulletin-extract``."""

from __future__ import annotations

from .cli import main

raise SystemExit(main())
