"""Labels, not positions, locate the values: labels that gained colons, spaces or half-width
brackets, an added row and a merged cell change nothing but the report."""
from __future__ import annotations

import copy
import io
import zipfile

from handfill import cell_text, q
from lxml import etree
from test_import_roundtrip import ROOT, comparable, printed_names, render

from docgen.importer import import_docx
from docgen.pipeline import load_application


def edit_document(docx: bytes, edit) -> bytes:
    zin = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(zin.read("word/document.xml"))
    edit(root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(item, data)
    return out.getvalue()


def retype_labels(root) -> None:
    """Every label cell: official colon added, brackets half-width, a space typed in the middle."""
    body = root.find(q("body"))
    for tbl in body.findall(q("tbl"))[1:8]:  # sections 一 to 七 (not the cover, 八 or the 附表)
        for tr in tbl.findall(q("tr")):
            tc = tr.findall(q("tc"))[0]
            ts = list(tc.iter(q("t")))
            if not ts or not cell_text(tc).strip():
                continue
            t = ts[0]
            text = (t.text or "").replace("（", "(").replace("）", ")")
            t.text = text[:2] + " " + text[2:]
            ts[-1].text = (ts[-1].text if ts[-1] is not t else t.text) + "："


def add_row_and_merge(root) -> None:
    body = root.find(q("body"))
    industry = body.findall(q("tbl"))[2]
    rows = industry.findall(q("tr"))
    extra = copy.deepcopy(rows[1])  # 集群总产值 | 2021 | 2022 | 2023
    cells = extra.findall(q("tc"))
    for tc, text in zip(cells, ["备注（手工添加的行）", "数据来源：统计局", "", ""]):
        for t in list(tc.iter(q("t")))[1:]:
            t.text = ""
        first = next(tc.iter(q("t")), None)
        if first is not None:
            first.text = text
    rows[1].addnext(extra)


def test_retyped_labels_and_added_row(tmp_path):
    src = ROOT / "content" / "example"
    first, app1 = render(src)
    docx = tmp_path / "改过的.docx"
    docx.write_bytes(edit_document(edit_document(first, retype_labels), add_row_and_merge))
    report = import_docx(docx, tmp_path / "out")
    app2, _ = load_application(tmp_path / "out", draft=True)
    assert comparable(app2.data) == comparable(app1.data, printed_names(app1))
    assert ("表3:行3", "备注（手工添加的行）") in report.unmapped
    assert ("表3:行3", "数据来源：统计局") in report.unmapped


def test_label_matching_tiers():
    from docgen.importer.docx_read import Document
    from docgen.importer.locate import Locator

    loc = Locator(Document(blocks=[]))
    loc.section = "主导产业情况"
    path = lambda text: (loc.match(text).path if loc.match(text) else None)  # noqa: E731
    assert path("集群总产值（亿元）：") == ("主导产业情况", "集群总产值")  # official colon
    assert path("集群总产值") == ("主导产业情况", "集群总产值")  # unit left out
    assert path("集群中小企业数量") == ("主导产业情况", "集群中小企业数量")  # 其中： left out
    assert path("县级行政区划中小企业主管部门(盖章)：") == ("基本情况", "县级中小企业主管部门")
    assert path("年度") is None and path("联系人") is None
    loc.section = "绿色化转型情况"
    first = path("是否高于行业平均水平")
    assert first == ("绿色化转型情况", "固废利用率高于行业平均")
    loc.r.data["绿色化转型情况"]["固废利用率高于行业平均"] = "是"
    assert path("是否高于行业平均水平") == ("绿色化转型情况", "用水重复利用率高于行业平均")
