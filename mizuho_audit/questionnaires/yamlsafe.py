"""Safe YAML reading: no aliases (no "billion laughs"), bounded size and nesting, duplicate keys
refused, parser messages in the user's words, and a map from each value's path to its line for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

from ..errors import InputProblem
from ..i18n import _
from ..oserrors import os_reason

MAX_FILE_BYTES = 5 * 1024 * 1024
# A checklist nests about ten levels; the composer (and our walk) recurse once per level, so a
# hostile file of thousands of nested lists would otherwise end in RecursionError.
MAX_DEPTH = 64

_INT_TAG = "tag:yaml.org,2002:int"
_MAX_INT_CHARS = 40

Path_ = tuple[str | int, ...]

def _alias_message() -> str:
    return _("YAMLのエイリアス（*名前）は使えません。値をそのまま書いてください。")


def _reasons() -> tuple[tuple[str, str], ...]:
    """Parser problems (libyaml and the pure-Python parser word them differently) in the user's words."""
    alias = _("YAMLのエイリアス（*名前）は使えません。値をそのまま書いてください")
    return (
        ("mapping values are not allowed", _("「キー: 値」の「:」の位置が正しくありません"
                                             "（値の中に「: 」があるときは、値を引用符で囲んでください）")),
        ("nesting depth", _("入れ子が深すぎます（{depth} 段まで）").format(depth=MAX_DEPTH)),
        ("',' or ']'", _("「[」に対応する「]」がありません")),
        ("',' or '}'", _("「{」に対応する「}」がありません")),
        ("'-' indicator", _("リストの「-」の字下げがそろっていません")),
        ("expected key", _("字下げ（行頭の空白）がそろっていません")),
        ("<block end>", _("字下げ（行頭の空白）がそろっていません")),
        ("end of stream", _("引用符または括弧が閉じられないまま、ファイルが終わっています")),
        ("cannot start any token", _("その位置には使えない文字があります（字下げにタブは使えません。@ や ` で始まる値は"
                                     "引用符で囲んでください）")),
        ("another document", _("「---」で区切った複数の文書は使えません（一つのファイルに一つだけ書いてください）")),
        ("unhashable key", _("キーにリストやマッピングは使えません")),
        ("could not determine a constructor", _("「!」で始まる型の指定（タグ）は使えません")),
        ("expected a scalar node", _("「!」で始まる型の指定（タグ）と値が合いません")),
        ("incompatible YAML document", _("対応していないYAMLの版です（%YAML の行を削除してください）")),
        ("escape code", _("「\\」で始まるエスケープの書き方が正しくありません")),
        ("alias", alias),
        ("anchor", alias),
        ("could not find expected ':'", _("「キー: 値」の「:」がありません")),
        ("<document start>", _("ファイルの書き始めが正しくありません")),
        ("node content", _("値があるべき位置に記号があります")),
        ("characters are not allowed", _("制御文字が含まれています（テキストのファイルではない可能性があります）")),
    )


class YamlProblem(InputProblem):
    """A file that cannot be read as YAML at all; ``line`` is 1-based or 0 when unknown."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _loader(text: str) -> Any:
    """libyaml's safe loader where installed, else PyYAML's (PyYAML is imported when a file is read)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)


@dataclass
class YamlDocument:
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of the value at ``path``, or of its nearest enclosing value."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 0)


def _reason(problem: str) -> str:
    for english, words in _reasons():
        if english in problem:
            return words
    return _("書き方に誤りがあります")


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], seen_nodes: set[int]) -> None:
    # An alias makes the composer hand out the same node object twice: refuse it, so a
    # "billion laughs" file cannot blow up memory or time.
    import yaml

    if id(node) in seen_nodes:
        raise YamlProblem(_alias_message(), node.start_mark.line + 1)
    seen_nodes.add(id(node))
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise YamlProblem(_("キー「{key}」が同じ場所に二回書かれています。"
                                    ).format(key=key), key_node.start_mark.line + 1)
            seen.add(key)
            _walk(value_node, (*path, key), lines, seen_nodes)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _walk(child, (*path, i), lines, seen_nodes)
    elif node.tag == _INT_TAG and len(str(node.value)) > _MAX_INT_CHARS:
        # Python refuses to print integers of more than 4,300 digits, and every message shows the value.
        raise YamlProblem(_("YAMLとして読めません: 数値の桁が多すぎます。"), node.start_mark.line + 1)


def _line(mark: Any) -> int:
    return int(mark.line) + 1 if mark is not None else 0


def _scan(text: str) -> None:
    """Read the parser's events once, before anything is composed: no alias, no deep nesting."""
    import yaml

    loader = _loader(text)
    try:
        depth = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem(_alias_message(), _line(event.start_mark))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(_("YAMLとして読めません: 入れ子が深すぎます（{depth} 段まで）。"
                                        ).format(depth=MAX_DEPTH),
                                      _line(event.start_mark))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _bad_scalar_line(node: yaml.Node) -> int:
    """The line of the first scalar that cannot be converted (e.g. the date 2026-02-30), or 0."""
    import yaml

    constructor = yaml.constructor.SafeConstructor()
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.ScalarNode):
            try:
                constructor.construct_object(n)
            except (ValueError, OverflowError, yaml.YAMLError):
                return int(n.start_mark.line) + 1
        elif isinstance(n, yaml.MappingNode):
            stack.extend(v for pair in reversed(n.value) for v in reversed(pair))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(reversed(n.value))
    return 0


def load_yaml_text(text: str) -> YamlDocument:
    import yaml

    node: yaml.Node | None = None
    try:
        _scan(text)
        loader = _loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return YamlDocument(None, {})
            lines: dict[Path_, int] = {}
            _walk(node, (), lines, set())
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise YamlProblem(_("YAMLとして読めません: {reason}。"
                            ).format(reason=_reason(str(exc.problem or exc))), line) from exc
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(0, exc.position)) + 1
        raise YamlProblem(_("YAMLとして読めません: {reason}。").format(reason=_reason(str(exc))), line) from exc
    except yaml.YAMLError as exc:
        raise YamlProblem(_("YAMLとして読めません: {reason}。").format(reason=_reason(str(exc)))) from exc
    except (ValueError, OverflowError) as exc:  # a date such as 2026-02-30, or a number of 5,000 digits
        raise YamlProblem(_("YAMLとして読めません: 日付または数値として読めない値があります（存在しない日付、"
                            "桁が多すぎる数など）。文字として書くときは引用符で囲んでください。"),
                          _bad_scalar_line(node) if node is not None else 0) from exc
    return YamlDocument(data, lines)


def load_yaml_file(path: Path) -> YamlDocument:
    try:
        size = path.stat().st_size
    except (OSError, ValueError) as exc:
        raise YamlProblem(_("ファイルを開けません（{reason}）。").format(reason=os_reason(exc))) from exc
    if size > MAX_FILE_BYTES:
        raise YamlProblem(_("ファイルが大きすぎます（{size:,} バイト。上限 {limit:,} バイト）。"
                            ).format(size=size, limit=MAX_FILE_BYTES))
    try:
        raw = path.read_bytes()
    except (OSError, ValueError) as exc:
        raise YamlProblem(_("ファイルを開けません（{reason}）。").format(reason=os_reason(exc))) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlProblem(_("文字コードがUTF-8ではありません（テキストのファイルでないか、Shift_JIS などで"
                            "保存されています）。UTF-8で保存し直してください。")) from exc
    return load_yaml_text(text)
