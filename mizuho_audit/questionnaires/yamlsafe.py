"""Safe YAML reading: no aliases (no "billion laughs"), bounded size, duplicate keys refused,
and a map from each value's path to its line for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 5 * 1024 * 1024

Path_ = tuple[str | int, ...]


class YamlProblem(Exception):
    """A file that cannot be read as YAML at all; ``line`` is 1-based or 0 when unknown."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], seen_nodes: set[int]) -> None:
    # An alias makes the composer hand out the same node object twice: refuse it, so a
    # "billion laughs" file cannot blow up memory or time.
    if id(node) in seen_nodes:
        raise YamlProblem("YAMLのエイリアス（*名前）は使えません。値をそのまま書いてください。",
                          node.start_mark.line + 1)
    seen_nodes.add(id(node))
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise YamlProblem(f"キー「{key}」が同じ場所に二回書かれています。", key_node.start_mark.line + 1)
            seen.add(key)
            _walk(value_node, (*path, key), lines, seen_nodes)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _walk(child, (*path, i), lines, seen_nodes)


def load_yaml_text(text: str) -> YamlDocument:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, {})
        lines: dict[Path_, int] = {}
        _walk(node, (), lines, set())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise YamlProblem(f"YAMLとして読めません: {exc.problem or exc}", line) from exc
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAMLとして読めません: {exc}") from exc
    finally:
        loader.dispose()
    return YamlDocument(data, lines)


def load_yaml_file(path: Path) -> YamlDocument:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlProblem(f"ファイルを開けません: {exc.strerror or exc}") from exc
    if size > MAX_FILE_BYTES:
        raise YamlProblem(f"ファイルが大きすぎます（{size:,} バイト。上限 {MAX_FILE_BYTES:,} バイト）。")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlProblem(f"ファイルを開けません: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlProblem("文字コードがUTF-8ではありません。UTF-8で保存し直してください。") from exc
    return load_yaml_text(text)
