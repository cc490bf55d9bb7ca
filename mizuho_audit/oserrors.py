"""Why a file could not be read or written, in the user's language (the OS's own text is English on
Linux and depends on the C runtime on Windows)."""

from __future__ import annotations

import errno

from .i18n import _


def _reasons() -> dict[int, str]:
    # A function, not a table built at import: each reason is translated when it is shown.
    return {
        errno.ENOENT: _("ファイルが見つかりません。移動または削除された可能性があります"),
        errno.EACCES: _("読み書きの権限がありません"),
        errno.EPERM: _("読み書きの権限がありません"),
        errno.EISDIR: _("ファイルではなくフォルダーです"),
        errno.ENOTDIR: _("フォルダーの指定が正しくありません"),
        errno.ENOSPC: _("ディスクの空きが足りません"),
        errno.EROFS: _("読み取り専用の場所です"),
        errno.ENAMETOOLONG: _("ファイル名またはパスが長すぎます"),
        errno.EIO: _("ディスクまたはネットワークの読み書きに失敗しました"),
        errno.EBUSY: _("ほかのプログラムが使用中です"),
    }


def os_reason(exc: BaseException) -> str:
    """A short reason for ``exc`` (an OSError, or the ValueError of a path with a NUL character)."""
    if isinstance(exc, ValueError):
        return _("ファイル名に使えない文字（NUL）が含まれています")
    if isinstance(exc, OSError):
        reasons = _reasons()
        if exc.errno in reasons:
            return reasons[exc.errno]
        if getattr(exc, "winerror", None) == 32:  # ERROR_SHARING_VIOLATION: open in Excel, for instance
            return _("ほかのプログラムが使用中です。ファイルを閉じてからやり直してください")
        if exc.errno:
            return _("ファイルを読み書きできませんでした（エラー番号 {errno}）").format(errno=exc.errno)
    return _("ファイルを読み書きできませんでした")


def describe_os_error(exc: OSError) -> str:
    """A sentence for the user about a failed file operation (disk full, no permission, ...)."""
    if exc.filename:
        return _("「{file}」を読み書きできませんでした: {reason}。").format(file=exc.filename, reason=os_reason(exc))
    return _("ファイルを読み書きできませんでした: {reason}。").format(reason=os_reason(exc))
