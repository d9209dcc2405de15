"""plan.md's line-level patterns, shared by every reader of it: the renderer's parser
(plan/parse.py), the reviewer's plain reading (review/plan_text.py) and the read-back's
typed reading (readback/typed_plan.py). Like wordcount.line_joiner they are definitions of
how docgen reads a line, so each is written once."""
from __future__ import annotations

import re

FENCE = re.compile(r"^ {0,3}(```|~~~)")  # a fenced code block opens or closes
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)  # a note to the writer: prints nothing
_CN = "一二三四五六七八九十"
# A line that begins one of several points typed one per line (not Markdown list syntax):
# it starts a paragraph of its own.
POINT_START = re.compile(
    rf"""^[ \t\u3000]*(?:
        第?[{_CN}]{{1,3}}(?:是|[、，,])                 # 一是  第二，  三、
      | [（(][{_CN}0-9０-９]{{1,3}}[）)]                # （1） (一)
      | [0-9０-９]{{1,2}}(?:、|[.．](?![0-9０-９]))      # 1、  2.
      | [\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]  # ① … ㊿
    )""",
    re.VERBOSE,
)
