"""User text files as Windows tools save them: encodings, and characters nobody can see.

- Encoding: UTF-8 (with or without BOM); UTF-16 with a BOM (Notepad's "Unicode"); else
  GB18030, the superset of GBK (Notepad's "ANSI" and Excel's CSV on Chinese Windows), read
  with a warning that says how to save as UTF-8. A file that is none of these is an error.
- Invisible characters pasted from Word or web pages (zero-width space, U+FEFF inside the
  text, soft hyphen, no-break space) would sit inside names and keys and make a check fail
  with a baffling message. They are removed (a no-break space becomes a plain space), each
  line with a warning that names the characters and their column.
"""
from __future__ import annotations

import re
from collections import Counter

from ..findings import Findings

SAVE_AS_UTF8 = ("记事本：“文件”→“另存为”，编码选“UTF-8”；Excel：“另存为”→“CSV UTF-8（逗号分隔）”；"
                "WPS：“另存为”时编码选“UTF-8”")

INVISIBLE = {
    "\u200b": ("零宽空格", ""),
    "\u200c": ("零宽不连字", ""),
    "\u2060": ("零宽不换行符", ""),
    "\ufeff": ("零宽不换行空格（BOM）", ""),
    "\u00ad": ("软连字符", ""),
    "\u00a0": ("不换行空格", " "),
    "\u202f": ("窄不换行空格", " "),
}
INVISIBLE_CHARS = re.compile("[" + "".join(INVISIBLE) + "]")
INVISIBLE_REPLACE = str.maketrans({ch: rep for ch, (_, rep) in INVISIBLE.items()})
_CJK = re.compile("[\u4e00-\u9fff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff]")  # never in a real GBK text


def line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def decode_user_text(raw: bytes, display: str, findings: Findings) -> str | None:
    """The text of a user file, or None with a finding that says how to save it as UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        utf8_error = e
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            findings.warning(display, 1, 1, f"文件是 UTF-16 编码（记事本的“Unicode”），已按 UTF-16 读取；"
                                            f"建议另存为 UTF-8。{SAVE_AS_UTF8}", "file-encoding-converted")
            return text.lstrip("\ufeff")
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _CJK.search(text) and not _CONTROL.search(text):
        findings.warning(display, 1, 1, "文件是 GBK/GB18030 编码（记事本的“ANSI”、Excel 默认的 CSV），已按 GBK 读取；"
                                        f"建议另存为 UTF-8。{SAVE_AS_UTF8}", "file-encoding-converted")
        return text
    before = raw[: utf8_error.start].decode("utf-8", "replace")
    line, col = line_col(before, len(before))
    findings.error(display, line, col, f"文件不是 UTF-8 编码，也不是 GBK，无法读取；请另存为 UTF-8。{SAVE_AS_UTF8}",
                   "file-encoding")
    return None


def remove_invisible(text: str, display: str, findings: Findings, line0: int = 1, col0: int = 1) -> str:
    """`text` without invisible characters; one warning per line that had any, at the first one."""
    if not INVISIBLE_CHARS.search(text):
        return text
    by_line: dict[int, list[tuple[int, str]]] = {}
    for m in INVISIBLE_CHARS.finditer(text):
        line, col = line_col(text, m.start())
        by_line.setdefault(line, []).append((col + (col0 - 1 if line == 1 else 0), m.group()))
    for line, hits in by_line.items():
        col, first = hits[0]
        if len(hits) == 1:
            name, rep = INVISIBLE[first]
            what = f"第 {col} 列有一个{name}（U+{ord(first):04X}），已{'换成普通空格' if rep else '删除'}"
        else:
            counts = Counter(INVISIBLE[ch][0] for _, ch in hits)
            listed = "、".join(f"{name} {n} 个" for name, n in counts.items())
            what = f"这一行从第 {col} 列起有 {len(hits)} 个看不见的字符（{listed}），已删除（不换行空格换成普通空格）"
        findings.warning(display, line0 + line - 1, col, f"{what}；这类字符常随从 Word 或网页复制的文字带入",
                         "text-invisible-char")
    return text.translate(INVISIBLE_REPLACE)


def remove_invisible_escaped(value: str, at, findings: Findings) -> str:
    """A value whose invisible characters came from escapes ("\\u200b"): removed, with a warning at the value."""
    names = "、".join(dict.fromkeys(f"{INVISIBLE[ch][0]}（U+{ord(ch):04X}）" for ch in INVISIBLE_CHARS.findall(value)))
    findings.warning(at.file, at.line, at.col, f"这个值中有看不见的字符 {names}，已删除（不换行空格换成普通空格）",
                     "text-invisible-char")
    return value.translate(INVISIBLE_REPLACE)
