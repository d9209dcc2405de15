"""The printed example (content/example) through LibreOffice, measured from the PDF's text boxes.

Section 九 must leave room to sign (≥ 40 mm after "（签字）：" on its line) and to press a 42 mm
seal on each date, as GB/T 9704 places seals; the long 附表 must stay readable in few pages.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, render
from lxml import etree
from test_pdf_build import needs_soffice

from docgen import settings as S
from docgen.pdf import convert_to_pdf

MM = 72 / 25.4  # points per millimetre
SEAL_MM = 42


@dataclass(frozen=True)
class Line:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float  # points, origin top left


def pdf_lines(pdf: Path) -> list[Line]:
    """Every text line of the PDF with its box (pdftotext -bbox-layout)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(xml.decode("utf-8"), etree.HTMLParser())
    out = []
    for n, page in enumerate(root.iter("page"), 1):
        for line in page.iter("line"):
            words = [w.text or "" for w in line.iter("word")]
            out.append(Line(n, "".join(words), *(float(line.get(k)) for k in ("xmin", "ymin", "xmax", "ymax"))))
    return out


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory) -> Path:
    from docgen.pipeline import load_application

    app, findings = load_application(ROOT / "content" / "example")
    assert app is not None, findings
    d = tmp_path_factory.mktemp("layout")
    docx = d / "申报表.docx"
    docx.write_bytes(render(app))  # the shipped template
    return convert_to_pdf([docx], d / "out")[0]


@pytest.fixture(scope="module")
def lines(example_pdf) -> list[Line]:
    return pdf_lines(example_pdf)


def cell_right_border_pt() -> float:
    """The tables of 九 span the type area: their right border is the right margin."""
    return (S.PAGE_WIDTH_TW - S.MARGIN_RIGHT_TW) / 20


def _find(lines: list[Line], pattern: str) -> list[Line]:
    return [ln for ln in lines if re.search(pattern, ln.text)]


@pytest.mark.slow
@needs_soffice
def test_forty_millimetres_to_sign_after_the_signature_label(lines):
    (sig,) = _find(lines, r"（签字）：$")
    # the promise text above is justified to the cell's right edge: the border is where we think
    promise = [ln for ln in lines if ln.page == sig.page and ln.y1 < sig.y0]
    assert cell_right_border_pt() - max(ln.x1 for ln in promise) < 4 * MM
    room = (cell_right_border_pt() - sig.x1) / MM
    assert room >= 40, f"“（签字）：”后只有 {room:.1f} mm"
    assert not [ln for ln in lines if ln.page == sig.page and abs(ln.y0 - sig.y0) < 2 and ln.x0 > sig.x1]


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("seal", [r"主管部门（公章）：$", r"^推荐单位（公章）：$"])
def test_room_for_a_seal_pressed_on_the_date(lines, seal):
    (label,) = _find(lines, seal)
    # the date's 年, 月 and 日 are boxes of their own (the blanks between them are for the date)
    years = [ln for ln in lines if ln.page == label.page and ln.y0 > label.y1 and ln.text == "年"]
    year = min(years, key=lambda ln: ln.y0)
    parts = [ln for ln in lines if ln.page == year.page and abs(ln.y0 - year.y0) < 1 and ln.text in "年月日"]
    assert "".join(ln.text for ln in sorted(parts, key=lambda ln: ln.x0)) == "年月日"
    date = Line(year.page, "年月日", min(ln.x0 for ln in parts), year.y0, max(ln.x1 for ln in parts), year.y1)
    cx, cy = (date.x0 + date.x1) / 2, (date.y0 + date.y1) / 2
    r = SEAL_MM / 2 * MM
    assert cell_right_border_pt() - cx >= r, "印章会压到表格右框线"
    # no other text inside the seal's circle but its 署名 line and the date (GB/T 9704)
    inside = [ln for ln in lines if ln.page == date.page and ln != label and ln not in parts
              and ln.x1 > cx - r and ln.x0 < cx + r and ln.y1 > cy - r and ln.y0 < cy + r]
    assert not inside, [ln.text for ln in inside]
    # the seal's upper half lies on blank lines between its 署名 line and the date
    assert (date.y0 - label.y1) / MM >= 15


def _appendix_rows_by_page(lines: list[Line]) -> dict[int, dict[str, int]]:
    """For each page of the 附表: how many rows of which 附表 it holds (counted by their 序号 cells)."""
    left = S.MARGIN_LEFT_TW / 20 + 15 * MM  # the 序号 column is the first, narrow one
    current, out = None, {}
    for ln in sorted(lines, key=lambda ln: (ln.page, ln.y0)):
        title = re.match(r"附表\s*(\d)(\D.*清单)?$", ln.text)  # the title, or its number in a box of its own
        if title:
            current = title.group(1)
        elif ln.text.startswith("佐证材料清单"):
            current = None
        elif current and re.fullmatch(r"\d+", ln.text) and ln.x1 < left:
            out.setdefault(ln.page, {}).setdefault(current, 0)
            out[ln.page][current] += 1
    return out


@pytest.mark.slow
@needs_soffice
def test_long_lists_are_compact_and_no_page_holds_a_lone_row(lines):
    by_page = _appendix_rows_by_page(lines)
    patents = [n for counts in by_page.values() for k, n in counts.items() if k == "3"]
    assert sum(patents) == 312
    assert sum(patents) / len(patents) >= 18, f"附表3 每页平均 {sum(patents) / len(patents):.1f} 行"
    for page, counts in by_page.items():
        for table, n in counts.items():
            assert n >= 3, f"第 {page} 页只有附表{table}的 {n} 行"


@needs_soffice
@pytest.mark.slow
def test_page_numbers_stand_7mm_below_the_type_area(example_pdf):
    """GB/T 9704: the 一字线 of `— N —` 7 mm below the type area, not touching the last line."""
    numbers = [ln for ln in pdf_lines(example_pdf) if re.fullmatch(r"—\d+—", ln.text)]
    assert len(numbers) >= 30
    area_bottom = (S.PAGE_HEIGHT_TW - S.MARGIN_BOTTOM_TW) / 20
    for ln in numbers:
        dash_mm = ((ln.y0 + ln.y1) / 2 - area_bottom) / MM
        assert 6 <= dash_mm <= 8.5, (ln.page, round(dash_mm, 1))
