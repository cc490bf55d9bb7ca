"""Japan time whatever the machine's zone: stored stamps, 作成日 and printed moments (the PC set to UTC)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from mizuho_audit import clock
from mizuho_audit.services.reports.excel_styles import iso_datetime
from mizuho_audit.services.reports.pdf_layout import wareki_of_iso_date, wareki_of_iso_datetime
from mizuho_audit.services.signing.stamp import japanese_datetime
from mizuho_audit.services.workspace import Workspace

# 18:48 UTC on 4 December is 03:48 on 5 December in Tokyo.
MOMENT = datetime(2026, 12, 4, 18, 48, 12, tzinfo=UTC)


@pytest.fixture
def utc_machine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's zone set to UTC, and the clock pinned to MOMENT."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr(clock, "_utc_now", lambda: MOMENT)
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_clock_is_japan_time(utc_machine: None) -> None:
    assert datetime.now().astimezone().utcoffset() == MOMENT.utcoffset()  # the machine really is on UTC
    assert clock.today() == date(2026, 12, 5)
    assert clock.now_iso() == "2026-12-05T03:48:12+09:00"
    assert clock.japan_date_of("2026-12-04T18:48:12+00:00") == date(2026, 12, 5)


def test_stored_stamps_are_japan_time(utc_machine: None, workspace: Workspace) -> None:
    cl = workspace.checklist("jumin", 2026)
    workspace.save(cl, "ORG-001", "rating", "done", "瑞穂 花子")
    assert workspace.answers(cl)["ORG-001"].updated_at == "2026-12-05T03:48:12+09:00"
    workspace.store.log("瑞穂 花子", "test", "x")
    assert workspace.store.log_entries()[-1].at == "2026-12-05T03:48:12+09:00"


def test_printed_moments_agree_with_the_signature_stamp(utc_machine: None) -> None:
    # A stamp recorded in UTC (an older database, another PC) prints as the same Japan time as the stamp.
    assert wareki_of_iso_datetime("2026-12-04T18:48:12+00:00") == "令和8年12月5日 3:48"
    assert wareki_of_iso_date("2026-12-04T18:48:12+00:00") == "令和8年12月5日"
    assert wareki_of_iso_date("2027-03-31") == "令和9年3月31日" and wareki_of_iso_date("未定") == "未定"
    assert japanese_datetime(MOMENT) == "令和8年12月5日 3時48分"
    assert iso_datetime("2026-12-04T18:48:12+00:00") == datetime(2026, 12, 5, 3, 48)


def test_a_workbooks_saved_time_is_read_in_japan_time(utc_machine: None) -> None:
    """An Excel answer workbook saved at 18:48 UTC was saved on 5 December in the town, whatever this machine's zone."""
    import re
    import zipfile
    from io import BytesIO

    from openpyxl import Workbook  # type: ignore[import-untyped]

    from mizuho_audit.services.submission.excel_template import _load_book

    saved = BytesIO()
    Workbook().save(saved)
    book = BytesIO()
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(book, "w") as dst:
        for member in src.infolist():
            data = src.read(member)
            if member.filename == "docProps/core.xml":  # as Excel writes it: UTC with a Z
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-12-04T18:48:12Z", data)
            dst.writestr(member, data)
    assert _load_book(book.getvalue(), "回答用紙.xlsx").saved_at == "2026-12-05T03:48:12+09:00"
