"""Moved to docgen.word.elements; this name stays until every caller imports docgen.word."""
from __future__ import annotations

from .word.elements import *  # noqa: F401,F403
from .word.elements import get_or_add as _get_or_add  # noqa: F401
