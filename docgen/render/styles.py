"""Moved to docgen.word.styles; this name stays until every caller imports docgen.word."""
from __future__ import annotations

from ..word.styles import *  # noqa: F401,F403
