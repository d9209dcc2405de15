"""A form filled by hand, made by script: the blank form (`docgen build --draft` of a fresh
`docgen init` folder) with values typed the ways people type them into Word.

    python tests/handfill.py OUT.docx

Numbers carry units typed after them, text is split into many runs with stray spaces and
line breaks, and the boxes are ticked four ways: typed characters (☑ ■ √ ✓), Word's
插入符号 (w:sym in Wingdings / Wingdings 2), content-control checkboxes (w14:checkbox) and
“√是 □否” typed over the options.
"""
from __future__ import annotations

import datetime
import io
import sys
import tempfile
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def q(tag: str, ns: str = W) -> str:
    return f"{{{ns}}}{tag}"


def norm(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isalnum())


def blank_form() -> bytes:
    """The blank form as docgen prints it: a draft of a folder just made by `docgen init`."""
    from docgen.pipeline import load_application
    from docgen.render.engine import render_application, template_bytes
    from docgen.scaffold import run_init

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "空白"
        import contextlib

        with contextlib.redirect_stdout(io.StringIO()):
            run_init(folder)
        app, _ = load_application(folder, draft=True)
        return render_application(app, template_bytes(None), draft=True,
                                  when=datetime.datetime(2024, 4, 20, 9, 0))


# -- runs ----------------------------------------------------------------------------------


def text_runs(text: str, pieces: int = 3) -> list:
    """`text` split into `pieces` runs, as Word leaves text typed in several sittings."""
    out = []
    n = max(1, len(text) // pieces)
    chunks = [text[i:i + n] for i in range(0, len(text), n)] or [""]
    for c in chunks:
        for j, line in enumerate(c.split("\n")):
            r = etree.Element(q("r"))
            if j:
                etree.SubElement(r, q("br"))
            t = etree.SubElement(r, q("t"))
            t.set(XML_SPACE, "preserve")
            t.text = line
            out.append(r)
    return out


def sym(font: str, char: str) -> etree._Element:
    r = etree.Element(q("r"))
    s = etree.SubElement(r, q("sym"))
    s.set(q("font"), font)
    s.set(q("char"), char)
    return r


def content_checkbox(checked: bool) -> etree._Element:
    sdt = etree.Element(q("sdt"), nsmap={"w": W, "w14": W14})
    pr = etree.SubElement(sdt, q("sdtPr"))
    box = etree.SubElement(pr, q("checkbox", W14))
    etree.SubElement(box, q("checked", W14)).set(q("val", W14), "1" if checked else "0")
    content = etree.SubElement(sdt, q("sdtContent"))
    content.extend(text_runs("☒" if checked else "☐", 1))
    return sdt


# -- cells ---------------------------------------------------------------------------------


def cell_text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(q("t")))


def set_cell(tc, lines: list[list]) -> None:
    """Replace the cell's paragraphs by one paragraph per item of `lines` (each a list of runs)."""
    paras = tc.findall(q("p"))
    ppr = paras[0].find(q("pPr"))
    for p in paras:
        tc.remove(p)
    for runs in lines:
        p = etree.SubElement(tc, q("p"))
        if ppr is not None:
            p.append(etree.fromstring(etree.tostring(ppr)))
        p.extend(runs)


def rows_by_label(body, label: str) -> list:
    key = norm(label)
    return [tr for tr in body.iter(q("tr"))
            if tr.findall(q("tc")) and norm(cell_text(tr.findall(q("tc"))[0])).startswith(key)]


def fill(body, label: str, *values: list, nth: int = 0) -> None:
    """The cells right of the row labelled `label` get `values` (each a list of paragraphs)."""
    tr = rows_by_label(body, label)[nth]
    cells = tr.findall(q("tc"))[1:]
    for tc, v in zip(cells, values):
        set_cell(tc, v)


# The values typed, and what the import must read (the test's expectations).
EXPECTED = {
    ("封面", "集群名称"): "泉山市青川县高端轴承特色产业集群",
    ("基本情况", "集群占地面积"): Decimal("18.6"),
    ("基本情况", "主导产业所属产业类型"): "第二产业",
    ("基本情况", "属于禁止限制淘汰类产业"): "否",
    ("基本情况", "近三年发生较大及以上事故"): "否",
    ("基本情况", "存在偷税漏税违法失信行为"): "否",
    ("基本情况", "能效水平达到行业基准值"): "不适用",
    ("主导产业情况", "集群总产值", 2021): Decimal("186.42"),
    ("主导产业情况", "集群总产值", 2022): Decimal("208.75"),
    ("主导产业情况", "集群总产值", 2023): Decimal("236.18"),
    ("主导产业情况", "集群企业数量", 2023): Decimal("338"),
    ("主导产业情况", "外商直接投资额累计增长率"): Decimal("36.52"),
    ("主导产业情况", "产业链强链补链情况"): "集群围绕轴承钢材、锻件、套圈绘制产业链图谱。\n近三年引进补链项目18个。",
    ("主导产业情况", "产业链强链补链工作", "绘制产业链图谱"): "是",
    ("主导产业情况", "产业链强链补链工作", "技术难点清单或创新项目库"): "是",
    ("主导产业情况", "产业链强链补链工作", "组建创新联合体"): "否",
    ("主导产业情况", "产业链强链补链工作", "产学研协同创新"): "是",
    ("主导产业情况", "产业链资源协同协作工作", "通用生产设备共享"): "是",
    ("主导产业情况", "产业链资源协同协作工作", "人力资源共享"): "否",
    ("数字化升级情况", "工业软件应用率稳步提升"): "是",
    ("数字化升级情况", "企业上云比例"): Decimal("78.60"),
}
INTERPRETED = ("“186.42亿元”读作 186.42", "“18.6 平方公里”读作 18.6", "“■”按勾选读取", "“√”按勾选读取")


def fill_form(blank: bytes) -> bytes:
    zin = zipfile.ZipFile(io.BytesIO(blank))
    root = etree.fromstring(zin.read("word/document.xml"))
    body = root.find(q("body"))
    R = text_runs
    # text typed in several runs, with stray spaces
    fill(body, "集群名称", [R("  泉山市青川县高端轴承 特色产业集群 ".replace(" 特", "特"), 4)], nth=1)
    fill(body, "集群占地面积", [R("18.6 平方公里")])
    # Word's 插入符号: Wingdings ☑ (F0FE) and □ (F0A8)
    fill(body, "主导产业所属产业类型", [[sym("Wingdings", "F0A8"), *R("第一产业　"), sym("Wingdings", "F0FE"),
                                     *R("第二产业　"), sym("Wingdings", "F0A8"), *R("第三产业")]])
    # “√是 □否” typed over the options
    fill(body, "集群主导产业是否属于国家规定的禁止", [R("□是　√否", 1)])
    # content-control checkboxes
    fill(body, "近三年是否发生较大及以上安全", [[content_checkbox(False), *R("是　"), content_checkbox(True), *R("否")]])
    # Wingdings 2 symbols
    fill(body, "是否存在偷税漏税", [[sym("Wingdings 2", "F0A3"), *R("是　"), sym("Wingdings 2", "F052"), *R("否")]])
    fill(body, "属于高耗能行业的集群", [R("□是　□否　✓非高耗能行业，不适用", 2)])
    # units typed after numbers
    fill(body, "集群总产值", [R("186.42亿元")], [R("208.75 亿元", 2)], [R("236.18")])
    fill(body, "集群企业数量", [R("286")], [R("312家")], [R("338 家")])
    fill(body, "近三年集群外商直接投资额累计增长率", [R("36.52%")])
    fill(body, "集群产业链强链补链情况",
         [R("集群围绕轴承钢材、锻件、套圈绘制产业链图谱。 ", 3), R("近三年引进补链项目18个。", 2)])
    # typed ☑ ■ √ for a checkbox group
    fill(body, "集群已开展的产业链强链补链工作", [
        R("■绘制产业链图谱，开展产业链培育"),
        R("☑形成产业链技术难点清单或创新项目库，建立“揭榜挂帅”、“赛马”或众创众包等激励机制"),
        R("□联合集群上下游企业，组建创新联合体，开展产业链联合攻关"),
        R("√ 引入高等院校、科研院所，开展产业链关键环节产学研协同创新"),
        R("□建有产业链上下游产供销一体化协同协作机制"),
        R("□与产业链“链主”企业建立稳定合作配套关系"),
        R("□与先进制造业集群、国家新型工业化产业示范基地建立稳定合作配套关系"),
        R("□开展供应链风险评估工作，建立供应链风险防范机制"),
    ])
    fill(body, "集群已开展的产业链资源协同协作工作", [
        [content_checkbox(True), *R("开展通用生产设备共享")],
        [content_checkbox(False), *R("开展物流、仓储、设计等服务资源共享")],
        [content_checkbox(False), *R("开展人力资源共享")],
        [content_checkbox(False), *R("开展同类设备和产品的集中采销")],
        [content_checkbox(False), *R("建立共享车间、共享工厂")],
    ])
    fill(body, "工业软件应用率稳步提升", [R("√是 □否", 1)])
    fill(body, "企业上云比例", [R("78.60 %")])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(item, data)
    return out.getvalue()


def main(out: str) -> None:
    Path(out).write_bytes(fill_form(blank_form()))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main(sys.argv[1])
