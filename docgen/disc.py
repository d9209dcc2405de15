"""The submission's disc: the package folder as an ISO 9660 image, ready to burn.

The notice asks for 电子版光盘1份. Joliet names (what Windows reads) and Rock Ridge names (Linux,
macOS) keep the Chinese file names; the ISO 9660 names are short generated ones. The volume
label names the city and the year.
"""
from __future__ import annotations

from pathlib import Path

from .summary import Submission

ISO_LABEL_CHARS = 16  # Joliet volume identifier: 32 bytes of UCS-2
# ISO 9660 labels allow A–Z, 0–9 and _ only (and pycdlib puts the same label in the Joliet
# descriptor, 16 characters at most); Windows shows the Joliet label set afterwards
ISO_PRIMARY_LABEL = "SD_CLUSTERS"
ISO_NAME_CHARS = 64  # Joliet file name


class DiscError(Exception):
    """A problem reported to the user in Chinese."""


def volume_label(sub: Submission) -> str:
    """泉山市2024年报送材料: the city and the year, within Joliet's 16 characters."""
    from .letter.content import NOTICE_YEAR

    city = sub.city.name or str(sub.apps[0].get("封面.所属市"))
    label = f"{city}{NOTICE_YEAR}年报送材料"
    while len(label) > ISO_LABEL_CHARS:
        label = label[:-1]
    return label


def write_iso(root: Path, target: Path, label: str) -> None:
    """The folder as an ISO 9660 image with Joliet (Windows) and Rock Ridge (Linux, macOS) names;
    ISO 9660 names are short generated ones (D001, F0001), as readers use the extensions."""
    import pycdlib

    paths = sorted(root.rglob("*"), key=lambda p: p.relative_to(root).as_posix())
    too_long = [p for p in paths if len(p.name) > ISO_NAME_CHARS]
    if too_long:
        raise DiscError(
            f"文件名“{too_long[0].name}”超过 {ISO_NAME_CHARS} 个字符，光盘（Joliet）无法保存；请缩短它（"
            f"佐证材料请改 evidence/ 中的文件名）"
        )
    iso = pycdlib.PyCdlib()
    iso.new(interchange_level=3, vol_ident=ISO_PRIMARY_LABEL, joliet=3, rock_ridge="1.09")
    iso_names: dict[Path, str] = {root: ""}
    dirs = files = 0
    for p in paths:
        parent = iso_names[p.parent]
        joliet = "/" + p.relative_to(root).as_posix()
        if p.is_dir():
            dirs += 1
            iso_names[p] = f"{parent}/D{dirs:03d}"
            iso.add_directory(iso_path=iso_names[p], rr_name=p.name, joliet_path=joliet)
        elif p.is_file():
            files += 1
            iso.add_file(str(p), iso_path=f"{parent}/F{files:04d}.;1", rr_name=p.name, joliet_path=joliet)
    try:
        iso.write(str(target))
    finally:
        iso.close()
    set_joliet_label(target, label)


def set_joliet_label(image: Path, label: str) -> None:
    """Write `label` as the Joliet volume identifier (UCS-2, what Windows shows for the disc).

    pycdlib writes one label to every descriptor and only accepts ISO 9660 d-characters
    (A–Z, 0–9, _) for it (pycdlib issue #75), so the Chinese label is set here, in the
    Supplementary Volume Descriptor with a UCS-2 escape sequence (ECMA-119 8.5; Joliet).
    """
    sector = 2048
    with open(image, "r+b") as fh:
        for n in range(16, 64):
            fh.seek(n * sector)
            head = fh.read(120)
            if len(head) < 120 or head[1:6] != b"CD001" or head[0] == 255:
                break
            if head[0] == 2 and head[88:91] in (b"%/@", b"%/C", b"%/E"):
                fh.seek(n * sector + 40)
                fh.write((label.encode("utf-16-be") + " ".encode("utf-16-be") * 16)[:32])
                return
    raise DiscError("光盘映像中没有 Joliet 卷描述符，无法写入卷标")
