"""Files embedded in PDFs (the attachment pane), e.g. the answers as JSON.

Attach files first, then sign: :func:`attach_file` refuses signed PDFs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import BytesIO
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields

from ...i18n import _
from .signing_common import SigningError, _reader

_MAX_NAME_TREE_DEPTH = 32


def _name_tree_leaves(node: Any, seen: set[tuple[int, int]] | None = None,
                      depth: int = 0) -> Iterator[tuple[Any, Any]]:
    """(key, value) pairs of a PDF name tree, following /Kids (bounded: files may be hostile)."""
    seen = set() if seen is None else seen
    if depth > _MAX_NAME_TREE_DEPTH:
        raise SigningError(_("PDFの添付ファイル一覧が壊れています。"))
    names = node.get("/Names")
    if names is not None:
        names = names.get_object()
        for i in range(0, len(names) - 1, 2):
            yield names[i], names[i + 1]
    kids = node.get("/Kids")
    if kids is not None:
        for ref in kids.get_object().iterate():
            if isinstance(ref, generic.IndirectObject):
                if (ref.idnum, ref.generation) in seen:
                    raise SigningError(_("PDFの添付ファイル一覧が壊れています。"))
                seen.add((ref.idnum, ref.generation))
            yield from _name_tree_leaves(ref.get_object(), seen, depth + 1)


def _embedded_file_tree(root: Any) -> Any | None:
    names = root.get("/Names")
    if names is None:
        return None
    tree = names.get_object().get("/EmbeddedFiles")
    return None if tree is None else tree.get_object()


def embedded_files(pdf: bytes, reader: PdfFileReader | None = None) -> dict[str, bytes]:
    """All files embedded in ``pdf`` (attachment pane), by file name. Works on signed PDFs. ``reader``:
    ``pdf`` already parsed, if it was."""
    reader = reader if reader is not None else _reader(pdf)
    result: dict[str, bytes] = {}
    try:
        tree = _embedded_file_tree(reader.root)
        if tree is None:
            return result
        for key, value in _name_tree_leaves(tree):
            spec = value.get_object()
            ef = spec.get("/EF")
            if ef is None:
                continue  # a reference to an external file, nothing embedded
            ef = ef.get_object()
            stream = ef.get("/UF") or ef.get("/F")
            if stream is None:
                continue
            name = str(spec.get("/UF") or spec.get("/F") or key)
            result.setdefault(name, stream.get_object().data)
    except SigningError:
        raise
    except Exception as exc:
        raise SigningError(_("PDFの添付ファイルを読み込めません（ファイルが壊れています）。")) from exc
    return result


def _name_sort_key(obj: Any) -> bytes:
    """Name trees are sorted by the bytes of their keys as written in the file."""
    if isinstance(obj, generic.ByteStringObject):
        return bytes(obj)
    text = str(obj)
    try:
        return bytes(generic.encode_pdfdocencoding(text))
    except UnicodeEncodeError:
        return b"\xfe\xff" + text.encode("utf-16-be")


def attach_file(pdf: bytes, name: str, data: bytes, description: str, mime: str = "application/json") -> bytes:
    """Embed ``data`` as an attachment called ``name`` (an incremental update of ``pdf``).

    Refuses signed PDFs (the signature would no longer be valid) and duplicate names.
    """
    if not name or "/" in name or "\\" in name:
        raise SigningError(_("添付ファイルの名前「{name}」は使えません。").format(name=name))
    reader = _reader(pdf)
    if _has_signatures(reader):
        raise SigningError(_("署名済みのPDFにはファイルを添付できません（署名が無効になります）。"
                             "先に添付してから署名してください。"))
    if name in embedded_files(pdf):
        raise SigningError(_("「{name}」という名前の添付ファイルはすでにあります。").format(name=name))
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        now = dt.datetime.now(dt.UTC)
        stream = EmbeddedFileObject.from_file_data(
            writer, data, mime_type=mime, params=EmbeddedFileParams(creation_date=now, modification_date=now),
        )
        embed_file(writer, FileSpec(file_spec_string=name, file_name=name, embedded_data=stream,
                                    description=description))
        tree = _embedded_file_tree(writer.root)
        if tree is not None and "/Names" in tree:
            # pyHanko appends; keep the tree sorted as the PDF specification requires.
            array = tree["/Names"].get_object()
            raw = [array.raw_get(i) for i in range(len(array))]  # keep the values as references
            pairs = sorted(zip(raw[0::2], raw[1::2], strict=True), key=lambda p: _name_sort_key(p[0]))
            array[:] = [x for pair in pairs for x in pair]
            writer.update_container(array)
        out = BytesIO()
        writer.write(out)
    except Exception as exc:
        raise SigningError(_("PDFにファイルを添付できませんでした（PDFの構造に対応していません）。")) from exc
    return out.getvalue()


def _has_signatures(reader: PdfFileReader) -> bool:
    try:
        return any(True for _ in enumerate_sig_fields(reader, filled_status=True))
    except Exception as exc:
        raise SigningError(_("PDFの署名欄が壊れています。")) from exc
