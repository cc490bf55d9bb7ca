"""The parser: global options accepted before or after the subcommand, one module per group of commands."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import LANGUAGES, _
from .common import Handler

ROLES = ("department", "auditor")


def global_options(after_subcommand: bool) -> argparse.ArgumentParser:
    """``--db``, ``--role``, ``--user``, ``--lang``: the same meaning wherever they are written.

    After a subcommand their default is "not given", so that a value given before the subcommand stays.
    """
    p = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS if after_subcommand else None
    p.add_argument("--db", type=Path, default=default, help=_("データベースファイル（既定: ユーザーのデータフォルダ）"))
    p.add_argument("--role", choices=ROLES, default=default,
                   help=_("新しいデータベースを作るときの種類（部署用 / 監査担当用）。作成後は変えられません"))
    p.add_argument("--user", default=default, help=_("操作者の氏名（記録に残ります）"))
    p.add_argument("--lang", choices=sorted(LANGUAGES), default=default,
                   help=_("表示の言語（ja: 日本語、en: 英語。既定: 環境変数 MIZUHO_AUDIT_LANG、なければ日本語）。"
                          "書き出す文書は常に日本語です"))
    return p


class Commands:
    """Adds commands and groups of subcommands, each with the global options and its handler."""

    def __init__(self, sub: argparse._SubParsersAction) -> None:
        self._sub = sub
        self._globals = global_options(after_subcommand=True)
        self._groups: dict[str, argparse._SubParsersAction] = {}

    def command(self, name: str, func: Handler, help: str | None = None) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = self._sub.add_parser(name, help=help, parents=[self._globals])
        p.set_defaults(func=func)
        return p

    def group(self, name: str, help: str | None = None) -> argparse._SubParsersAction:
        """The subcommands of ``name`` (created on first use, so two modules can add to one group)."""
        if name not in self._groups:
            g = self._sub.add_parser(name, help=help, parents=[self._globals])
            self._groups[name] = g.add_subparsers(dest="subcommand", metavar=_("操作"), required=True)
        return self._groups[name]

    def subcommand(self, group: str, name: str, func: Handler, help: str | None = None,
                   group_help: str | None = None) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = self.group(group, group_help).add_parser(name, help=help,
                                                                               parents=[self._globals])
        p.set_defaults(func=func)
        return p


def dep_year(p: argparse.ArgumentParser) -> None:
    p.add_argument("--department", required=True, help=_("部署ID（例: jumin）"))
    p.add_argument("--year", type=int, required=True, help=_("年度（西暦）"))


def build_parser() -> argparse.ArgumentParser:
    from . import (
        admin,
        answering,
        assignments,
        benchmark,
        findings,
        intake,
        oscal,
        questionnaire,
        reports,
        submission,
        themes,
        trust,
    )

    p = argparse.ArgumentParser(prog="mizuho-audit", description=_("瑞穂町 情報セキュリティ自己点検・監査ツール"),
                                parents=[global_options(after_subcommand=False)])
    p.add_argument("--self-test", action="store_true",
                   help=_("インストールの自己テスト（一時フォルダで提出・署名・画面を確かめる。"
                          "利用者のデータには触れません）"))
    commands = Commands(p.add_subparsers(dest="command", metavar=_("コマンド")))
    for module in (questionnaire, themes, answering, assignments, submission, intake, findings, reports, oscal, admin,
                   trust, benchmark):
        module.add_parsers(commands)
    _yes_everywhere(p)
    return p


def _commands(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every command that runs something (the leaves of the tree of subcommands)."""
    found: list[argparse.ArgumentParser] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _commands(sub) if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions) \
                    else [sub]
    return found


def _yes_everywhere(parser: argparse.ArgumentParser) -> None:
    """``--yes`` on every command: it also confirms taking over a database whose holder is gone (a
    crashed window, a PC switched off). Commands with their own ``--yes`` say so in its help."""
    for command in _commands(parser):
        own = command._option_string_actions.get("--yes")
        if own is None:
            command.add_argument("--yes", action="store_true",
                                 help=_("使用中の印を残したまま終了した（持ち主のいない）データベースを、確認なしで引き継ぐ"))
        else:
            own.help = _("{help}。持ち主のいない使用中の印も、確認なしで引き継ぐ").format(help=own.help)
