"""`Record`: a frozen dataclass made without `@dataclass`, for classes defined at start-up.

`@dataclass(frozen=True)` compiles six methods per class from generated source
(~0.5 ms a class on Python 3.11); the form's field kinds alone made that 9 ms of
every run. A `Record` subclass gets the same behaviour from methods written once
here: fields from its annotations (a base's first, a re-annotated field keeps its
place and takes the new default), `__init__` by position or keyword, a dataclass
`__repr__`, equality and hash by class and field values, and assignment refused
with dataclasses.FrozenInstanceError. Defaults are plain values (no
default_factory; instances are immutable, so sharing one is safe).

Creating an instance costs a few microseconds more than a dataclass's, so keep
`@dataclass` for classes instantiated thousands of times per run (Loc, Span…).
"""
from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any, ClassVar, dataclass_transform


@dataclass_transform(frozen_default=True)
class Record:
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = list(cls._fields)
        defaults = dict(cls._defaults)
        for name in cls.__dict__.get("__annotations__", {}):
            if name.startswith("_"):
                continue
            if name not in fields:
                fields.append(name)
            if name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
        cls._fields = tuple(fields)
        cls._defaults = defaults

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        fields = cls._fields
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__}() takes {len(fields)} positional arguments but {len(args)} were given")
        values = dict(zip(fields, args))
        for name, value in kwargs.items():
            if name not in fields:
                raise TypeError(f"{cls.__name__}() got an unexpected keyword argument '{name}'")
            if name in values:
                raise TypeError(f"{cls.__name__}() got multiple values for argument '{name}'")
            values[name] = value
        own = self.__dict__
        for name in fields:
            if name in values:
                own[name] = values[name]
            elif name in cls._defaults:
                own[name] = cls._defaults[name]
            else:
                raise TypeError(f"{cls.__name__}() missing required argument: '{name}'")

    def _values(self) -> tuple:
        own = self.__dict__
        return tuple(own[name] for name in self._fields)

    def __repr__(self) -> str:
        own = self.__dict__
        inner = ", ".join(f"{name}={own[name]!r}" for name in self._fields)
        return f"{type(self).__qualname__}({inner})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field '{name}'")
