"""The bad-input corpus: each case breaks the example one way and names the finding it must give.

A case is a patch on a copy of content/example (text replacements in one file,
or a small function for what text cannot express: links, folders, bytes), the
rule-id expected, and the file and line where it must be reported (line None
when it is not fixed by the patch, e.g. a whole-file refusal).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

YAML = "cluster.yaml"
ANY_LINE = 0  # the finding's line is not fixed by the patch (e.g. "expected here" at the end)


@dataclass
class Case:
    name: str
    rule: str
    file: str = YAML  # where the finding is reported, relative to the folder
    line: int | None = None  # None: take the line where the patch's new text starts
    edits: list[tuple[str, str]] = field(default_factory=list)  # (old, new) in `target`
    target: str = YAML
    setup: Callable[[Path], None] | None = None  # for what a text patch cannot do
    folder: Callable[[Path], Path] | None = None  # the folder to give docgen, when not the copy itself
    severity: str = "错误"  # "警告": the input is read (as the user meant) with a located warning
    check_extra: tuple[str, ...] = ()  # more `docgen check` options (e.g. --strict)
    says: str = ""  # words the finding's message must contain (the fix, the value meant)


def _write(rel: str, data: bytes | str) -> Callable[[Path], None]:
    def go(folder: Path) -> None:
        p = folder / rel
        if isinstance(data, bytes):
            p.write_bytes(data)
        else:
            p.write_text(data, encoding="utf-8")
    return go


def _symlink_out(folder: Path) -> None:
    outside = folder.parent / "outside-secret.pdf"
    outside.write_bytes(b"%PDF-1.4\n")
    (folder / "evidence" / "link.pdf").symlink_to(outside)


def _evidence_dir(folder: Path) -> None:
    (folder / "evidence" / "子文件夹.pdf").mkdir()


def _replace_in(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def go(folder: Path) -> None:
        p = folder / rel
        text = p.read_text(encoding="utf-8-sig")
        assert old in text, (rel, old)
        p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return go


def _empty_folder(folder: Path) -> Path:
    empty = folder.parent / "空文件夹"
    empty.mkdir()
    return empty


def _a_file(folder: Path) -> Path:
    f = folder.parent / "申报.txt"
    f.write_text("不是文件夹", encoding="utf-8")
    return f


def _nowhere(folder: Path) -> Path:
    return folder.parent / "不存在的文件夹"


def _over_limit_plan(folder: Path) -> None:
    p = folder / "plan.md"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("# 二、发展成效", "集" * 800 + "\n\n# 二、发展成效", 1), encoding="utf-8")


def _csv_column(rel: str, column: str, fn: Callable[[int, str], str]) -> Callable[[Path], None]:
    """Rewrite one column of a CSV list: fn(data row index from 0, old cell) → new cell."""
    def go(folder: Path) -> None:
        import csv
        import io

        p = folder / rel
        rows = list(csv.reader(io.StringIO(p.read_text(encoding="utf-8-sig"), newline="")))
        k = rows[0].index(column)
        for i, row in enumerate(rows[1:]):
            row[k] = fn(i, row[k])
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        p.write_text(buf.getvalue(), encoding="utf-8")
    return go


def _csv_add_column(rel: str, name: str, fn: Callable[[int], str], first: bool) -> Callable[[Path], None]:
    def go(folder: Path) -> None:
        p = folder / rel
        lines = p.read_text(encoding="utf-8-sig").splitlines()
        out = []
        for i, line in enumerate(lines):
            cell = name if i == 0 else fn(i)
            out.append(f"{cell},{line}" if first else f"{line},{cell}")
        p.write_text("\n".join(out) + "\n", encoding="utf-8")
    return go


GREEN = "绿色制造.xlsx"


def _green_xlsx(edit: Callable) -> Callable[[Path], None]:
    """Rewrite 绿色制造.xlsx with openpyxl after `edit(worksheet)` (as Excel/WPS would save it)."""
    def go(folder: Path) -> None:
        import openpyxl

        wb = openpyxl.load_workbook(folder / GREEN)
        edit(wb.active)
        wb.save(folder / GREEN)
    return go


def _merge_header(ws) -> None:
    """名称 and 级别 under one merged header cell (B1:C1), the data below unchanged."""
    ws["C1"] = None
    ws.merge_cells("B1:C1")


def _serial_dates(ws) -> None:
    """认定年份 kept; a 序号 column in front; a date column lost its format (Excel serials)."""
    ws.insert_cols(1)
    ws["A1"] = "序号"
    for r in range(2, ws.max_row + 1):
        ws.cell(row=r, column=1, value=r - 1)


def _xlsx_part(name: str, data: bytes) -> Callable[[Path], None]:
    def go(folder: Path) -> None:
        import zipfile

        path = folder / GREEN
        with zipfile.ZipFile(path) as z:
            parts = {i.filename: z.read(i) for i in z.infolist() if i.filename != name}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for n, d in parts.items():
                z.writestr(n, d)
            z.writestr(name, data)
    return go


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY l0 "lol">'
                  + "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
                  + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
                    'uniqueCount="1"><si><t>&l9;</t></si></sst>').encode()


def _xlsx_bomb(folder: Path) -> None:
    """A sheet part that inflates to 96 MB from about 100 KB (a zip bomb)."""
    import zipfile

    path = folder / GREEN
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for n, d in parts.items():
            if n != sheet:
                z.writestr(n, d)
        with z.open(sheet, "w", force_zip64=True) as out:
            out.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                      b'main"><sheetData>')
            block = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20000
            for _ in range(96):
                out.write(block)
            out.write(b"</sheetData></worksheet>")


def _patents_as_xlsx(number_cell: bool) -> Callable[[Path], None]:
    """有效发明专利 kept as .xlsx the way Excel saves it: 授权日期 as date cells; with number_cell,
    the first 专利号 typed as a number (Excel then shows 2.01111E+11)."""
    def go(folder: Path) -> None:
        import csv
        import datetime as dt
        import io

        import openpyxl

        rows = list(csv.reader(io.StringIO((folder / "有效发明专利.csv").read_text(encoding="utf-8-sig"))))
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(rows[0])
        for i, r in enumerate(rows[1:]):
            r = list(r)
            r[4] = dt.datetime.strptime(r[4], "%Y-%m-%d") if r[4] else None
            if number_cell and i == 0:
                r[1] = 201110581247
            ws.append(r)
        wb.save(folder / "有效发明专利.xlsx")
        (folder / "有效发明专利.csv").unlink()
        y = folder / YAML
        y.write_text(y.read_text(encoding="utf-8").replace("有效发明专利: 有效发明专利.csv", "有效发明专利: 有效发明专利.xlsx"),
                     encoding="utf-8")
    return go


def _rename(old: str, new: str) -> Callable[[Path], None]:
    def go(folder: Path) -> None:
        (folder / old).rename(folder / new)
    return go


CASES: list[Case] = [
    # YAML syntax and structure
    Case("yaml-bad-indent", "yaml-syntax", edits=[("  所属市: 泉山市", " 所属市: 泉山市")]),
    Case("yaml-tab", "yaml-tab", edits=[("  所属县: 青川县", "\t所属县: 青川县")]),
    Case("yaml-duplicate-key", "yaml-duplicate-key", edits=[("  所属县: 青川县\n", "  所属县: 青川县\n  所属市: 泉山市\n")],
         line=9),
    Case("yaml-anchor", "yaml-alias", edits=[("集群占地面积: 18.6", "集群占地面积: &面积 18.6")]),
    Case("yaml-unclosed-quote", "yaml-syntax", edits=[('联系方式: "0539-8216000"', '联系方式: "0539-8216000')]),
    Case("yaml-unclosed-flow", "yaml-syntax",
         edits=[("集群总产值: {2021: 186.42, 2022: 208.75, 2023: 236.18}", "集群总产值: {2021: 186.42, 2022: 208.75")]),
    Case("yaml-two-documents", "yaml-multi-doc", line=1, setup=_replace_in(YAML, "封面:", "a: 1\n---\n封面:")),
    Case("yaml-empty-file", "yaml-empty", line=1, setup=_write(YAML, "# 空文件\n")),
    Case("yaml-gbk-encoding", "file-encoding-converted", line=1, severity="警告", says="已按 GBK 读取",
         setup=lambda f: (f / YAML).write_bytes((f / YAML).read_text(encoding="utf-8").encode("gb18030"))),
    Case("yaml-undecodable", "file-encoding", line=1, says="另存为",
         setup=lambda f: (f / YAML).write_bytes(b"\xff\xfe\xfd" + (f / YAML).read_bytes()[3:])),
    Case("yaml-top-level-list", "type-mapping", line=1, setup=_write(YAML, "- 封面\n- 基本情况\n")),
    Case("yaml-section-is-text", "type-mapping", edits=[("封面:\n  集群名称: 泉山市青川县高端轴承特色产业集群\n  所属市: 泉山市\n  所属县: 青川县\n  申报时间: 2024-04-20\n",
                                                       "封面: 泉山市青川县\n")]),
    Case("yaml-huge-file", "file-too-large", line=1, setup=_write(YAML, "a: " + "甲" * (1024 * 1024) + "\n")),
    # characters XML cannot hold
    Case("text-raw-control-char", "text-control-char", edits=[("联系人: 林晓东", "联系人: 林晓\x07东")]),
    Case("text-escaped-control-char", "text-control-char", edits=[("联系人: 林晓东", '联系人: "林晓\\x01东"')]),
    # wrong types and values
    Case("number-in-words", "type-number", edits=[("集群占地面积: 18.6", "集群占地面积: 十二亿")]),
    Case("number-with-percent", "type-number", edits=[("企业上云比例: 78.60", "企业上云比例: 78.60%")]),
    Case("yesno-shi-de", "type-yesno", edits=[("工业软件应用率稳步提升: 是", "工业软件应用率稳步提升: 是的")]),
    Case("yesno-yaml-true", "type-yesno", edits=[("工业软件应用率稳步提升: 是", "工业软件应用率稳步提升: true")]),
    Case("choice-unknown", "type-choice", edits=[("主导产业所属产业类型: 第二产业", "主导产业所属产业类型: 工业")]),
    Case("share-over-100", "number-range", edits=[("研发人员占比: 12.46", "研发人员占比: 112.46")]),
    Case("count-negative", "number-range", edits=[("PCT国际专利申请量: 17", "PCT国际专利申请量: -17")]),
    Case("count-fraction", "type-integer", edits=[("PCT国际专利申请量: 17", "PCT国际专利申请量: 17.5")]),
    Case("date-invalid", "type-date", edits=[("申报时间: 2024-04-20", "申报时间: 2024-02-30")]),
    Case("years-missing-year", "field-missing", edits=[("研发投入强度: {2021: 3.12, 2022: 3.38, 2023: 3.65}", "研发投入强度: {2021: 3.12, 2022: 3.38}")]),
    Case("years-extra-year", "type-years", edits=[("研发投入强度: {2021: 3.12,", "研发投入强度: {2020: 2.9, 2021: 3.12,")]),
    Case("years-as-scalar", "type-years", edits=[("研发投入强度: {2021: 3.12, 2022: 3.38, 2023: 3.65}", "研发投入强度: 3.65")]),
    Case("field-null", "field-missing", edits=[("集群占地面积: 18.6", "集群占地面积:")]),
    Case("field-unknown", "field-unknown", edits=[("集群占地面积: 18.6", "集群面积: 18.6")]),
    Case("narrative-over-200", "text-too-long", edits=[("产业链资源协同协作情况: 集群依托", "产业链资源协同协作情况: " + "依" * 201 + "集群依托")]),
    # rules across fields
    Case("name-shape", "name-shape", edits=[("集群名称: 泉山市青川县高端轴承特色产业集群", "集群名称: 青川轴承产业园")]),
    Case("name-region", "name-region", edits=[("集群名称: 泉山市青川县高端轴承特色产业集群", "集群名称: 泉山市临溪区高端轴承特色产业集群")]),
    Case("knockout-forbidden-industry", "ineligible", edits=[("属于禁止限制淘汰类产业: 否", "属于禁止限制淘汰类产业: 是")]),
    Case("knockout-energy", "ineligible", edits=[("能效水平达到行业基准值: 不适用", "能效水平达到行业基准值: 否")]),
    Case("sme-over-firms", "count-sme-exceeds", edits=[("集群中小企业数量: {2021: 274,", "集群中小企业数量: {2021: 999,")]),
    Case("growth-mismatch", "derived-mismatch", edits=[("近三年主导产业产值年均增速: 13.45", "近三年主导产业产值年均增速: 10.00")]),
    # checkboxes and evidence
    Case("checkbox-without-evidence", "checkbox-evidence", edits=[("质量诊断服务: evidence/13-质量诊断服务报告.pdf", "质量诊断服务: 是")]),
    Case("checkbox-unknown-option", "checkbox-unknown", edits=[("    人力资源共享: 否\n", "    人力资源共享: 否\n    人才共享: 否\n")], line=58),
    Case("evidence-missing", "evidence-missing", edits=[("evidence/13-质量诊断服务报告.pdf", "evidence/13-质量诊断报告.pdf")]),
    Case("evidence-absolute", "path-absolute", edits=[("evidence/13-质量诊断服务报告.pdf", "/etc/passwd")]),
    Case("evidence-dotdot", "path-outside", edits=[("evidence/13-质量诊断服务报告.pdf", "../../etc/passwd")]),
    Case("evidence-symlink-out", "path-outside", setup=_symlink_out,
         edits=[("evidence/13-质量诊断服务报告.pdf", "evidence/link.pdf")]),
    Case("evidence-is-folder", "path-not-file", setup=_evidence_dir,
         edits=[("evidence/13-质量诊断服务报告.pdf", "evidence/子文件夹.pdf")]),
    # lists in CSV / XLSX
    Case("csv-bad-choice", "type-choice", file="标准.csv", line=2, target="标准.csv",
         setup=_replace_in("标准.csv", ",主持,", ",主编,")),
    Case("csv-unknown-column", "list-column", file="标准.csv", line=1,
         setup=_replace_in("标准.csv", "角色", "作用")),
    Case("csv-missing-cell", "list-cell-missing", file="有效发明专利.csv", line=2,
         setup=_replace_in("有效发明专利.csv", ",发明专利,", ",,")),
    Case("csv-file-missing", "file-missing", edits=[("标准: 标准.csv", "标准: 标准清单.csv")]),
    Case("list-wrong-type", "type-list", edits=[("标准: 标准.csv", "标准: 见附件")]),
    Case("xlsx-corrupt", "list-xlsx", file="绿色制造.xlsx", line=1, setup=_write("绿色制造.xlsx", b"PK\x03\x04 not really")),
    # the plan
    Case("plan-missing", "file-missing", file="plan.md", line=1, setup=lambda f: (f / "plan.md").unlink()),
    Case("plan-empty", "plan-empty", file="plan.md", line=1, setup=_write("plan.md", "")),
    Case("plan-raw-html", "plan-html", file="plan.md", target="plan.md", line=29,
         edits=[("# 三、存在的问题\n", "# 三、存在的问题\n\n<div style=\"color:red\">重点</div>\n")]),
    Case("plan-image", "plan-image", file="plan.md", target="plan.md", line=29,
         edits=[("# 三、存在的问题\n", "# 三、存在的问题\n\n![图谱](/tmp/x.png)\n")]),
    Case("plan-missing-part", "plan-outline-missing", file="plan.md", line=ANY_LINE, target="plan.md",
         edits=[("## （四）保障措施", "## 其他")]),
    Case("plan-over-3000", "plan-over-limit", file="plan.md", line=ANY_LINE, setup=_over_limit_plan),
    # numbers as people type them: never another number
    Case("number-comma-decimal", "type-number", edits=[("集群占地面积: 18.6", "集群占地面积: 18,6")], says="18.6"),
    Case("number-comma-quoted", "type-number", says="236.18",
         edits=[("集群总产值: {2021: 186.42, 2022: 208.75, 2023: 236.18}",
                 "集群总产值: {2021: 186.42, 2022: 208.75, 2023: '236,18'}")]),
    Case("number-thousands", "number-normalized", severity="警告", says="千分位",
         edits=[("工业软件采购金额: {2021: 2860.50,", "工业软件采购金额: {2021: '2,860.50',")]),
    Case("number-exponent-overflow", "number-bound", edits=[("集群占地面积: 18.6", "集群占地面积: 1e400")], says="401 位"),
    Case("number-too-many-digits", "number-bound",
         edits=[("集群占地面积: 18.6", "集群占地面积: 123456789012345678901234567.5")], says="合理范围"),
    Case("number-exponent", "number-normalized", severity="警告", says="18.6",
         edits=[("集群占地面积: 18.6", "集群占地面积: 1.86e1")]),
    Case("number-full-width", "number-normalized", severity="警告", says="18.6",
         edits=[("集群占地面积: 18.6", "集群占地面积: １８．６")]),
    Case("number-full-width-count", "number-normalized", severity="警告",
         edits=[("PCT国际专利申请量: 17", "PCT国际专利申请量: １７")]),
    Case("identifier-scientific", "identifier-scientific", file="有效发明专利.csv", line=2, says="文本",
         setup=_csv_column("有效发明专利.csv", "专利号", lambda i, v: "2.01111E+11" if i == 0 else v)),
    # invisible characters
    Case("invisible-zero-width-space", "text-invisible-char", severity="警告", says="零宽空格",
         edits=[("  所属县: 青川县", "  所属县: 青\u200b川县")]),
    Case("invisible-mid-text-bom", "text-invisible-char", severity="警告", says="U+FEFF",
         edits=[("    联系人: 林晓东", "    联系人: 林晓\ufeff东")]),
    Case("invisible-soft-hyphen-in-key", "text-invisible-char", severity="警告", says="软连字符",
         edits=[("  所属市: 泉山市", "  所属\u00ad市: 泉山市")]),
    Case("invisible-nbsp-in-list", "text-invisible-char", severity="警告", file="标准.csv", line=2, says="不换行空格",
         setup=_csv_column("标准.csv", "企业", lambda i, v: v + "\u00a0" if i == 0 else v)),
    # paths
    Case("path-nul-from-escape", "path-control-char", says="\\0",
         edits=[("组建创新联合体: evidence/04-轴承产业创新联合体组建文件.pdf",
                 '组建创新联合体: "evidence\\04-轴承产业创新联合体组建文件.pdf"')]),
    Case("path-tab-from-escape", "path-control-char", says="\\t",
         edits=[("质量诊断服务: evidence/13-质量诊断服务报告.pdf", '质量诊断服务: "evidence\\t13.pdf"')]),
    Case("evidence-list-with-dun-comma", "", severity="无",
         edits=[("绘制产业链图谱: [evidence/01-产业链图谱.pdf, evidence/02-产业链培育工作方案.pdf]",
                 "绘制产业链图谱: evidence/01-产业链图谱.pdf、evidence/02-产业链培育工作方案.pdf")]),
    Case("evidence-list-hint", "evidence-missing", says="分号",
         edits=[("绘制产业链图谱: [evidence/01-产业链图谱.pdf, evidence/02-产业链培育工作方案.pdf]",
                 "绘制产业链图谱: evidence/01-产业链图谱，evidence/02-产业链培育工作方案.pdf")]),
    Case("cluster-yaml-txt", "file-missing", file=YAML, line=1, says=".txt", setup=_rename(YAML, YAML + ".txt")),
    # YAML as typed on a Chinese keyboard
    Case("yaml-full-width-colon", "yaml-syntax", edits=[("  申报时间: 2024-04-20", "  申报时间：2024-04-20")], says="中文冒号"),
    Case("yaml-colon-without-space", "yaml-syntax", edits=[("  所属县: 青川县", "  所属县:青川县")], says="缺少空格"),
    Case("yaml-dash-list-marker", "yaml-syntax", says="“- ”",
         edits=[("    - {方向: 创新, 指标: 研发经费投入", "    — {方向: 创新, 指标: 研发经费投入")]),
    Case("yaml-sequence-not-allowed", "yaml-syntax", line=ANY_LINE,
         edits=[("  集群占地面积: 18.6\n", "  集群占地面积: 18.6\n  - 12\n")]),
    Case("yaml-full-width-colon-only-key", "type-mapping", says="中文冒号",
         edits=[('  集群运营管理机构:\n    名称: 泉山市青川轴承产业园运营管理有限公司\n    联系人: 周若楠\n    联系方式: "13853960000"\n',
                 "  集群运营管理机构:\n    名称：泉山市青川轴承产业园运营管理有限公司\n")], line=17),
    Case("yaml-full-width-colon-last-key", "yaml-syntax", says="中文冒号",
         edits=[("  水效水平达到行业基准值: 不适用\n", "  水效水平达到行业基准值：不适用\n")]),
    # lists as Excel and WPS write them
    Case("xlsx-merged-header", "list-column-unnamed", file=GREEN, line=2, says="合并", setup=_green_xlsx(_merge_header)),
    Case("xlsx-entity-expansion", "list-xlsx", file=GREEN, line=1, says="DTD",
         setup=_xlsx_part("xl/sharedStrings.xml", BILLION_LAUGHS)),
    Case("xlsx-zip-bomb", "list-xlsx", file=GREEN, line=1, says="上限", setup=_xlsx_bomb),
    Case("xlsx-number-column-ignored", "list-column-ignored", file=GREEN, line=1, severity="提示",
         setup=_green_xlsx(_serial_dates)),
    Case("csv-remark-column-ignored", "list-column-ignored", file="标准.csv", line=1, severity="提示",
         setup=_csv_add_column("标准.csv", "备注", lambda i: "已复核" if i % 2 else "", first=False)),
    Case("xlsx-date-cells", "", severity="无", setup=_patents_as_xlsx(False)),
    Case("xlsx-identifier-number-cell", "identifier-number", severity="警告", file="有效发明专利.xlsx", line=2,
         says="文本", setup=_patents_as_xlsx(True)),
    Case("csv-excel-dates", "", severity="无",
         setup=_csv_column("有效发明专利.csv", "授权日期",
                           lambda i, v: v.replace("-", "/") if i % 2 else v.replace("-", "."))),
    Case("csv-excel-serial-date", "date-excel-serial", severity="警告", file="有效发明专利.csv", line=2, says="2012-07-18",
         setup=_csv_column("有效发明专利.csv", "授权日期", lambda i, v: "41108" if i == 0 else v)),
    Case("csv-one-mistake-in-every-row", "type-date", file="有效发明专利.csv", line=2, says="第 2–313 行",
         setup=_csv_column("有效发明专利.csv", "授权日期", lambda i, v: "/".join(reversed(v.split("-"))))),
    Case("csv-gbk", "file-encoding-converted", severity="警告", file="标准.csv", line=1,
         setup=lambda f: (f / "标准.csv").write_bytes((f / "标准.csv").read_text(encoding="utf-8").encode("gbk"))),
    # target values with their unit, cross-checked all the same
    Case("target-unit-full-width-percent", "target-baseline-mismatch",
         edits=[('{方向: 数字化, 指标: 工业互联网普及率, 单位: "%", 基准值: 62.35',
                 '{方向: 数字化, 指标: 工业互联网普及率, 单位: "％", 基准值: 70.35')]),
    Case("target-unit-short-co2", "target-baseline-mismatch",
         edits=[("{方向: 绿色化, 指标: 二氧化碳排放量, 单位: 吨二氧化碳/万元, 基准值: 0.36",
                 "{方向: 绿色化, 指标: 二氧化碳排放量, 单位: 吨/万元, 基准值: 0.46")]),
    Case("target-value-with-its-unit", "target-baseline-mismatch",
         edits=[('{方向: 数字化, 指标: 工业互联网普及率, 单位: "%", 基准值: 62.35',
                 '{方向: 数字化, 指标: 工业互联网普及率, 单位: "%", 基准值: "70.35％"')]),
    Case("target-value-too-many-digits", "number-bound", says="合理范围",
         edits=[("指标: 集群总产值, 单位: 亿元, 基准值: 236.18, 目标值: 330.00}",
                 "指标: 集群总产值, 单位: 亿元, 基准值: 236.18, 目标值: 123456789012345678901234567.5}")]),
    # the folder itself
    Case("folder-empty", "file-missing", file="../空文件夹/cluster.yaml", line=1, folder=_empty_folder),
    Case("folder-is-a-file", "folder-not-dir", file="../申报.txt", line=1, folder=_a_file),
    Case("folder-missing", "folder-missing", file="../不存在的文件夹", line=1, folder=_nowhere),
]


def apply(case: Case, folder: Path) -> tuple[Path, int | None]:
    """Break the copy in `folder`; return the folder to give docgen and the expected line."""
    line = case.line
    target = folder / case.target
    for old, new in case.edits:
        text = target.read_text(encoding="utf-8-sig")
        assert text.count(old) == 1, (case.name, old)
        text = text.replace(old, new)
        target.write_text(text, encoding="utf-8")
        if case.line is None and new:
            line = text[: text.index(new)].count("\n") + 1
    if case.setup:
        case.setup(folder)
    given = case.folder(folder) if case.folder else folder
    return given, line


def shown(folder: Path, rel: str) -> str:
    """The file as docgen names it when run from folder's parent."""
    return os.path.normpath(os.path.join(folder.name, rel)).replace(os.sep, "/")


# -- the machine's state: the user's environment, reported in Chinese with exit 1 ---------------
@dataclass
class EnvCase:
    """A build whose output cannot be written: `out` gives the -o folder (after making it so),
    `fault` names a failure to simulate where the test runs as root or the disk is not full."""

    name: str
    says: str  # words of the Chinese message (the cause)
    out: Callable[[Path], Path]
    fault: str = ""  # "" | "EACCES" | "EROFS" | "ENOSPC" | "ENOSPC-PDF"
    pdf: bool = False


def _under_a_file(work: Path) -> Path:
    (work / "报告.txt").write_text("不是文件夹", encoding="utf-8")
    return work / "报告.txt" / "out"


def _read_only(work: Path) -> Path:
    out = work / "只读文件夹"
    out.mkdir(exist_ok=True)
    return out


ENV_CASES: list[EnvCase] = [
    EnvCase("o-under-a-file", "是文件而不是文件夹", _under_a_file),
    EnvCase("read-only-folder", "没有写入权限", _read_only, fault="EACCES"),
    EnvCase("read-only-file-system", "只读", _read_only, fault="EROFS"),
    EnvCase("full-disk", "磁盘空间不足", lambda w: w / "out", fault="ENOSPC"),
    EnvCase("full-disk-during-pdf", "磁盘空间不足", lambda w: w / "out", fault="ENOSPC-PDF", pdf=True),
]
