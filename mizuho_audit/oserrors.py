"""Why a file could not be read or written, in Japanese (the OS's own text is English on Linux
and depends on the C runtime on Windows)."""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOENT: "ファイルが見つかりません。移動または削除された可能性があります",
    errno.EACCES: "読み書きの権限がありません",
    errno.EPERM: "読み書きの権限がありません",
    errno.EISDIR: "ファイルではなくフォルダーです",
    errno.ENOTDIR: "フォルダーの指定が正しくありません",
    errno.ENOSPC: "ディスクの空きが足りません",
    errno.EROFS: "読み取り専用の場所です",
    errno.ENAMETOOLONG: "ファイル名またはパスが長すぎます",
    errno.EIO: "ディスクまたはネットワークの読み書きに失敗しました",
    errno.EBUSY: "ほかのプログラムが使用中です",
}


def os_reason(exc: BaseException) -> str:
    """A short Japanese reason for ``exc`` (an OSError, or the ValueError of a path with a NUL character)."""
    if isinstance(exc, ValueError):
        return "ファイル名に使えない文字（NUL）が含まれています"
    if isinstance(exc, OSError):
        if exc.errno in _REASONS:
            return _REASONS[exc.errno]
        if getattr(exc, "winerror", None) == 32:  # ERROR_SHARING_VIOLATION: open in Excel, for instance
            return "ほかのプログラムが使用中です。ファイルを閉じてからやり直してください"
        if exc.errno:
            return f"ファイルを読み書きできませんでした（エラー番号 {exc.errno}）"
    return "ファイルを読み書きできませんでした"
