"""People's names as the app compares them: a name on a certificate and a name typed into a form."""

from __future__ import annotations

import unicodedata


def same_person(a: str | None, b: str | None) -> bool:
    """Names compare with spaces (half- and full-width) ignored and width folded: 瑞穂 太郎 = 瑞穂　太郎."""

    def norm(text: str | None) -> str:
        return "".join(unicodedata.normalize("NFKC", text or "").split())

    return bool(norm(a)) and norm(a) == norm(b)
