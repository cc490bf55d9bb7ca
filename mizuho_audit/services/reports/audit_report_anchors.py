"""The report's anchors: what it was built from, so that a later change of the auditor's database shows.

The last part of the appendix lists every consolidated submission with the SHA-256 of its answers (the hash
the department's signed file carries) and the operation log's last entry when the report was made. A signed
report then fixes them: a submission edited afterwards no longer has the printed hash, and a log cut back
before the printed entry no longer contains it (``mizuho-audit log verify``, ``log export``).
"""

from __future__ import annotations

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Paragraph, Spacer  # type: ignore[import-untyped]

from .audit_report_base import _ReportBase
from .pdf_fonts import make_style, markup
from .pdf_layout import BODY_W, wareki_of_iso_datetime

ANCHORS_HEADING = "集計した提出と操作履歴（改ざん検出の基準値）"
_SEALING_REASONS = {"created": "データベースの作成時", "migrated": "以前の版のアプリからの移行時"}


class _ReportAnchors(_ReportBase):
    def anchors_block(self, n: int) -> list[Flowable]:
        store = self.ws.store
        seq, head_hash, head_at = store.log_head_entry()
        sealing = store.sealing()
        flow: list[Flowable] = [self.new_page(), self.heading(f"6.{n} {ANCHORS_HEADING}", 1), self.para(
            "本書の集計に用いた各部署の提出と、その回答データの SHA-256（部署の提出ファイルに記録されたハッシュ値）、"
            "及び本書を作成した時点の操作履歴の最後の記録を示す。監査担当用データベースは、本書の作成の直前に自己点検"
            "（各記録の改ざん検出用の印、回答データと取り込んだファイルのハッシュ値、操作履歴のつながりと記録の照合）を行い、"
            "問題がないことを確かめた。本書の作成後にデータベースの記録が変更された場合は、ここに示した値と一致しなくなる。")]
        mono = make_style("ar-anchor-hash", 7.2, leading=9)
        data: list[list[object]] = [self.header_cells("部署", "版", "受付番号", "回答データの SHA-256")]
        for r in self.cons.results:
            data.append([Paragraph(markup(r.department.name), self.b.cell), str(r.received.submission_version),
                         str(r.received.id), Paragraph(r.received.snapshot_hash, mono)])
        if len(data) == 1:
            flow.append(self.para("集計した提出はない。"))
        else:
            flow += [Spacer(1, 2 * mm), self.grid_table(data, [BODY_W - 136 * mm, 10 * mm, 16 * mm, 110 * mm])]
        facts = [("操作履歴の最後の記録", markup(f"{seq} 番目（{wareki_of_iso_datetime(head_at) or '—'}）")),
                 ("そのハッシュ値", f'<font size="7.2">{head_hash}</font>')]
        if sealing:
            reason = _SEALING_REASONS.get(sealing["reason"], sealing["reason"])
            facts.append(("改ざん検出の封印", markup(f"{wareki_of_iso_datetime(sealing['at']) or sealing['at']}"
                                                     f"（{reason}。これより前の記録は封印時の内容を基準とする）")))
        return [*flow, Spacer(1, 4 * mm), self.kv_table(facts, 40 * mm)]
