"""Which check function handles which field kind.

validate.fields registers its checkers here; validate.lists looks up the checker of each
column's kind here, so neither module imports the other at run time.
"""
from __future__ import annotations

from typing import Any, Callable

_CHECKERS: list[tuple[type, Callable[..., Any]]] = []
# Each kind class → its check function: a list cell is checked ~2000 times a build, and
# scanning the list with isinstance each time was a third of the validation.
_CHECKER_OF_TYPE: dict[type, Callable[..., Any]] = {}


def register(checkers: list[tuple[type, Callable[..., Any]]]) -> None:
    """Set the (kind class, check function) pairs, most specific kind first."""
    _CHECKERS[:] = checkers
    _CHECKER_OF_TYPE.clear()


def checker_for(kind_type: type) -> Callable[..., Any]:
    """The check function for a field kind (the first registered kind it is a subclass of)."""
    fn = _CHECKER_OF_TYPE.get(kind_type)
    if fn is None:
        fn = next((fn for kind, fn in _CHECKERS if issubclass(kind_type, kind)), None)
        if fn is None:
            raise TypeError(f"no checker for {kind_type.__name__}")
        _CHECKER_OF_TYPE[kind_type] = fn
    return fn
