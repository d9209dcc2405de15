"""Read a filled 申报表 back: `docgen import`, and a .docx wherever a folder is accepted.

`import_docx` writes a new application folder the user keeps; `import_to_temp` writes the same
into a temporary folder for commands that only read it; `load_form_application` is the one call
`check`, `summary` and `package` make for a .docx (Application and findings located in the .docx),
and `load_any` picks it or the folder loader by the argument. The work is in `assemble` and is
imported only when a .docx is given: checking folders does not pay for the reader.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

FORM_SUFFIXES = (".docx", ".doc", ".docm")
__all__ = ["FormReadError", "ImportReport", "import_docx", "import_to_temp", "is_form_file",
           "load_any", "load_form_application"]


def is_form_file(path: Path) -> bool:
    return Path(path).suffix.lower() in FORM_SUFFIXES and Path(path).is_file()


def import_docx(src: Path, dest: Path):
    """Write a new application folder `dest` from the filled form `src` → ImportReport
    (FormReadError, one Chinese line, when it cannot; existing files are never overwritten)."""
    from .assemble import import_docx as run

    return run(src, dest)


def import_to_temp(src: Path):
    """(folder, ImportReport): the form imported into a temporary folder removed at exit."""
    from .assemble import import_to_temp as run

    return run(src)


def load_form_application(src: Path, *, draft: bool = False):
    """(Application | None, Findings) for a filled form, every finding located in the .docx."""
    from .assemble import load_form_application as run

    return run(src, draft=draft)


def load_any(path: Path, *, draft: bool = False):
    """`pipeline.load_application` for a folder, `load_form_application` for a .docx/.doc."""
    if is_form_file(Path(path)):
        return load_form_application(Path(path), draft=draft)
    from ..pipeline import load_application

    return load_application(Path(path), draft=draft)


def __getattr__(name: str) -> Any:  # the classes, without importing the reader up front
    if name == "ImportReport":
        from .assemble import ImportReport

        return ImportReport
    if name == "FormReadError":
        from .docx_read import FormReadError

        return FormReadError
    raise AttributeError(name)
