"""Make the font of visible signature stamps: IPAexGothic rescaled to 1000 units per em, renamed.

pyHanko lays out stamp text as if the font had 1000 units per em; IPAexGothic has 2048, so its
text comes out spread about 2x. This script writes a rescaled copy once; the result is shipped
(run it again only when ``ipaexg.ttf`` changes)::

    .venv/bin/python scripts/make_stamp_font.py

The IPA Font License v1.0 (Art. 3.1(4)) forbids a derived font to use the original's name, so the
copy gets a new file name and new names in its ``name`` table. The copyright notice and licence
URL stay. Full CJK coverage is kept: signer names cannot be known in advance.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from fontTools.ttLib import TTFont  # type: ignore[import-untyped, unused-ignore]
from fontTools.ttLib.scaleUpem import scale_upem  # type: ignore[import-untyped, unused-ignore]

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "fonts" / "ipaexg.ttf"
TARGET = ROOT / "resources" / "fonts" / "mizuho-stamp-gothic.ttf"

FAMILY = "Mizuho Stamp Gothic"
FAMILY_JA = "瑞穂スタンプゴシック"
POSTSCRIPT = "MizuhoStampGothic-Regular"
UNITS_PER_EM = 1000

# Name IDs that carry the font's name: family, unique ID, full name, PostScript name, typographic
# family/subfamily, compatible full name, WWS family/subfamily, variations PostScript prefix.
_NAME_IDS = (1, 2, 3, 4, 6, 16, 17, 18, 21, 22, 25)
_WINDOWS, _MAC = (3, 1, 0x409), (1, 0, 0)
_WINDOWS_JA = (3, 1, 0x411)


def _rename(font: TTFont, source_version: str) -> None:
    table = font["name"]
    table.names = [r for r in table.names if r.nameID not in _NAME_IDS and r.platformID in (1, 3)]
    # Mac records in Japanese (Shift-JIS) are dropped rather than re-encoded; Windows records suffice.
    table.names = [r for r in table.names if not (r.platformID == 1 and r.langID != 0)]
    version = f"{source_version}; rescaled to {UNITS_PER_EM} units per em for Mizuho Audit stamps"
    english = {1: FAMILY, 2: "Regular", 3: f"{POSTSCRIPT};{source_version}", 4: FAMILY, 5: version, 6: POSTSCRIPT,
               10: "Modified version of IPAexGothic (IPA Font License v1.0): outlines and metrics rescaled "
                   f"from 2048 to {UNITS_PER_EM} units per em, renamed."}
    for name_id, text in english.items():
        for platform, encoding, lang in (_WINDOWS, _MAC):
            table.setName(text, name_id, platform, encoding, lang)
    for name_id, text in {1: FAMILY_JA, 2: "Regular", 4: FAMILY_JA}.items():
        table.setName(text, name_id, *_WINDOWS_JA)
    for name_id in (5, 10):  # the version and description of the other languages were copies
        for record in table.names:
            if record.nameID == name_id and record.platformID == 3 and record.langID == 0x411:
                record.string = english[name_id]


def make(source: Path = SOURCE, target: Path = TARGET) -> Path:
    font = TTFont(str(source), recalcTimestamp=False)
    if font["head"].unitsPerEm != UNITS_PER_EM:
        scale_upem(font, UNITS_PER_EM)
    source_version = font["name"].getDebugName(5) or "Version unknown"
    _rename(font, source_version)
    names = " ".join(str(r.toUnicode()) for r in font["name"].names if r.nameID in _NAME_IDS)
    if "IPA" in names:
        raise SystemExit("the derived font still carries the original's name")
    font.save(str(target))
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--target", type=Path, default=TARGET)
    args = parser.parse_args()
    start = time.perf_counter()
    out = make(args.source, args.target)
    size = out.stat().st_size
    print(f"{out} ({size / 1_000_000:.1f} MB) in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
