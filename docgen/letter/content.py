"""The words of the 正式推荐文件, derived from city.yaml and the checked applications.

Pure data (no Word): the renderer (docgen/letter/docx.py) lays these out as GB/T 9704-2012
prescribes; tests read them to compare the letter with the package.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .. import present, settings
from ..city import UPWARD
from ..summary import Submission

ADDRESSEE = "山东省工业和信息化厅"  # the notice's 发文机关, to whom the cities answer
NOTICE_YEAR = re.search(r"(\d{4})年度", settings.SUMMARY_TITLE).group(1)  # type: ignore[union-attr]
NOTICE_TITLE = f"山东省工业和信息化厅关于组织推荐{NOTICE_YEAR}年度山东省特色产业集群的通知"
SUMMARY_ATTACHMENT = settings.SUMMARY_TITLE  # 2024年度山东省特色产业集群推荐汇总表
FORM_ATTACHMENT = "山东省特色产业集群申报表"
CN_COUNT = "零一两三四五六七八九十"
CLOSING = {"报告": "特此报告。", "请示": "妥否，请批示。", "函": "请予审核。"}
LEAD_OUT = {"报告": "现将推荐情况报告如下：", "请示": "现将推荐事项请示如下：", "函": "现将推荐情况函告如下："}
# The title is never wider than this many 二号 characters a line (convention: the 156 mm type
# area holds 20; two characters of air keep a centred title from touching the margins).
TITLE_MAX_CHARS = 18


def width(text: str) -> float:
    """Printed width in full-width characters: CJK and full-width forms 1, Latin and digits ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def chinese_date(d) -> str:
    """2024年4月22日: Arabic numerals, no zero padding (GB/T 9704-2012 7.3.5.1)."""
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class Attachment:
    title: str  # as the 附件说明 names it
    files: tuple[str, ...]  # the package's files that are this attachment (relative paths, no suffix)


@dataclass(frozen=True)
class Letter:
    genre: str  # 报告 | 请示 | 函
    mark: str  # 发文机关标志
    number: str  # 发文字号
    signer: str | None  # 签发人 (上行文 only)
    title_lines: tuple[str, ...]
    addressee: str  # 主送机关, with its colon
    paragraphs: tuple[str, ...]  # 正文
    attachments: tuple[Attachment, ...]
    signature: str  # 发文机关署名
    date: str  # 成文日期
    note: str  # 附注
    copy_to: tuple[str, ...]  # 抄送
    issuer: str  # 印发机关
    issue_date: str  # 印发日期

    @property
    def upward(self) -> bool:
        return self.genre in UPWARD

    @property
    def title(self) -> str:
        return "".join(self.title_lines)


def attachments(sub: Submission, folder_names: list[str] | None = None) -> tuple[Attachment, ...]:
    """What the letter sends with it, in the order of the notice: 附件1 汇总表, then each 申报表."""
    from ..package import FORM_STEM, SUMMARY_STEM, app_folder_name, copy_names

    def stems(names: tuple[str, ...], folder: str = "") -> tuple[str, ...]:
        return tuple(f"{folder}{n.removesuffix('.docx')}" for n in names)

    out = [Attachment(SUMMARY_ATTACHMENT, stems(copy_names(SUMMARY_STEM)))]
    for i, (app, row) in enumerate(zip(sub.apps, sub.rows), 1):
        folder = folder_names[i - 1] if folder_names else app_folder_name(i, app)
        out.append(Attachment(f"{FORM_ATTACHMENT}（{row.name}）", stems(copy_names(FORM_STEM), f"{folder}/")))
    return tuple(out)


def title_words(genre: str) -> list[str]:
    """The title in units that a line break may not split (a name stays whole)."""
    return ["关于", "推荐", f"{NOTICE_YEAR}年度", "山东省特色产业集群", f"的{genre}"]


def break_title(words: list[str], max_chars: float = TITLE_MAX_CHARS) -> list[str]:
    """Lines of a 公文 title (GB/T 9704-2012 7.3.1): broken between words only, each line within
    `max_chars`, in a trapezoid (each line no shorter than the one above) or a diamond (the
    middle line longest), as even as the words allow."""
    n = len(words)
    if width("".join(words)) <= max_chars:
        return ["".join(words)]
    best: tuple | None = None
    for lines in range(2, n + 1):
        for cuts in _cuts(n, lines):
            parts = ["".join(words[a:b]) for a, b in zip((0,) + cuts, cuts + (n,))]
            ws = [width(p) for p in parts]
            if max(ws) > max_chars:
                continue
            trapezoid = all(a <= b for a, b in zip(ws, ws[1:]))
            mid = ws.index(max(ws))
            diamond = len(ws) >= 3 and 0 < mid < len(ws) - 1 and all(
                a <= b for a, b in zip(ws[:mid + 1], ws[1:mid + 1])) and all(
                a >= b for a, b in zip(ws[mid:], ws[mid + 1:]))
            score = (0 if trapezoid or diamond else 1, max(ws) - min(ws))
            if best is None or score < best[0]:
                best = (score, parts)
        if best is not None:
            return best[1]
    return ["".join(words)]  # a single word wider than a line: Word wraps it


def _cuts(n: int, lines: int, start: int = 1) -> list[tuple[int, ...]]:
    if lines == 1:
        return [()]
    return [(c,) + rest for c in range(start, n - lines + 2) for rest in _cuts(n, lines - 1, c + 1)]


def letter_for(sub: Submission) -> Letter:
    """The letter's text. The city's keys must have been required (city.require_letter_keys)."""
    city, keys = sub.city, sub.city.letter
    assert keys.number is not None and keys.date is not None
    genre = keys.genre
    n = len(sub.rows)
    count = CN_COUNT[n] if n < len(CN_COUNT) else str(n)
    opening = (
        f"根据《{NOTICE_TITLE}》要求，我局组织开展了{NOTICE_YEAR}年度山东省特色产业集群推荐工作。"
        f"经县级申报、市级初审、实地审查，在符合认定标准的基础上，我局择优推荐以下{count}个集群"
        f"（排序与推荐汇总表一致）。{LEAD_OUT[genre]}"
    )
    paragraphs = [opening]
    for row, app in zip(sub.rows, sub.apps):
        county_dept = present.text(app.get("基本情况.县级中小企业主管部门.名称"), "名称")
        paragraphs.append(
            f"{row.number}．{row.name}。申报主体：{county_dept}；集群运营管理机构：{row.operator}；"
            f"主导产业：{row.industry}。"
        )
    paragraphs.append(
        f"随文报送《{SUMMARY_ATTACHMENT}》和上述集群的《{FORM_ATTACHMENT}》（含佐证材料），"
        f"各一式3份（正本1份、副本2份），另附电子版光盘1份。"
    )
    paragraphs.append(CLOSING[genre])
    mark = city.department if genre == "函" else f"{city.department}文件"
    return Letter(
        genre=genre,
        mark=mark,
        number=keys.number,
        signer=keys.signer if genre in UPWARD else None,
        title_lines=tuple(break_title(title_words(genre))),
        addressee=f"{ADDRESSEE}：",
        paragraphs=tuple(paragraphs),
        attachments=attachments(sub),
        signature=city.department,
        date=chinese_date(keys.date),
        note=f"（联系人：{city.contact}，联系电话：{city.phone}）",
        copy_to=keys.copy_to,
        issuer=keys.issuer or f"{city.department}办公室",
        issue_date=chinese_date(keys.issue_date or keys.date),
    )
