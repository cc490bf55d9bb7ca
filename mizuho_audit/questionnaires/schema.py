"""JSON Schemas of the data files (shipped for editors under questionnaires/schema/)."""

from __future__ import annotations

from typing import Any

from ..domain.questionnaire import ANSWERED_BY, MINUTE_KINDS, NETWORK_MODELS

_STR = {"type": "string", "minLength": 1}
_TRAIT_LIST = {"type": "array", "items": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}, "uniqueItems": True}

_ITEM_ID = {"type": "string", "pattern": "^[A-Z]{2,5}-[0-9]{3}$"}
_RULE = {
    "type": "object",
    "additionalProperties": False,
    "minProperties": 1,
    "properties": {"all_of": _TRAIT_LIST, "any_of": _TRAIT_LIST, "none_of": _TRAIT_LIST},
}

REVIEW_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "description": "内容の確認（網羅性の報告）に使う決まり",
    "properties": {
        "accepted_overlaps": {
            "type": "array",
            "description": "意味の重なりの確認で報告されるが、別の項目として残す組と、その理由",
            "items": {
                "type": "object",
                "required": ["items", "reason"],
                "additionalProperties": False,
                "properties": {
                    "items": {"type": "array", "items": _ITEM_ID, "minItems": 2, "maxItems": 2, "uniqueItems": True},
                    "reason": _STR,
                },
            },
        },
        "required_topics": {
            "type": "array",
            "description": "チェックリストが必ず尋ねる事柄（質問に含まれる語で確かめる）",
            "items": {
                "type": "object",
                "required": ["title", "terms"],
                "additionalProperties": False,
                "properties": {
                    "title": _STR,
                    "terms": {"type": "array", "minItems": 1, "items": _STR,
                              "description": "質問に含まれるべき語（「a|b」はどちらか）"},
                    "reach": {**_RULE, "description": "この事柄を尋ねる項目が届くべき部署（特性の条件）"},
                },
            },
        },
        "facts": {
            "type": "array",
            "description": "正しく書くべき事実（term を含む文が wrong のどれかを名指すなら right も名指す）",
            "items": {
                "type": "object",
                "required": ["term", "right", "wrong"],
                "additionalProperties": False,
                "properties": {
                    "term": _STR,
                    "right": _STR,
                    "wrong": {"type": "array", "minItems": 1, "items": _STR},
                    "note": {"type": "string"},
                },
            },
        },
    },
}

ITEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "question", "criteria", "evidence", "clause", "importance", "cia"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[A-Z]{2,5}-[0-9]{3}$", "description": "安定した項目ID（例: ORG-001）"},
        "question": {**_STR, "description": "質問文（一つの質問で一つの事実）"},
        "criteria": {
            "type": "object",
            "required": ["done", "partial"],
            "additionalProperties": False,
            "properties": {"done": _STR, "partial": _STR},
            "description": "判断基準: 実施している / 一部実施している",
        },
        "evidence": {"type": "array", "minItems": 1, "items": _STR, "description": "根拠資料の例"},
        "clause": {**_STR, "description": "出典となる方針の条項（例: 6(3)①）"},
        "related": {"type": "array", "items": _STR, "uniqueItems": True},
        "importance": {"enum": ["高", "中", "低"]},
        "cia": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": ["C", "I", "A"]}},
        "tiers": {"type": "array", "uniqueItems": True, "items": {"enum": ["my_number", "lgwan", "internet"]}},
        "respondent": {"enum": ["all", "system"]},
        "applies_if": _RULE,
        "guidance": {"type": "string"},
        "rotation": {"type": "string", "pattern": "^(core|[A-Z])$",
                     "description": "毎年尋ねる（core）か、ローテーションの群（A・B・C …）"},
        "minutes": {"type": "integer", "minimum": 1, "maximum": 120,
                    "description": "記録を見て正直に答えるのにかかる分（目安）。なければ種類ごとの既定値"},
        "answered_by": {"enum": list(ANSWERED_BY),
                        "description": "department: 各部署が答える / "
                                       "central: 情報セキュリティ事務局が町全体として一度答える"},
        "models": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(NETWORK_MODELS)},
                   "description": "この項目を尋ねる三層の構成（ネットワークのモデル）"},
    },
}

QUESTIONNAIRE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "mizuho-audit 自己点検チェックリスト",
    "type": "object",
    "required": ["format", "id", "version", "title", "fiscal_year", "policy", "weights", "scale", "chapters"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": "mizuho-audit/questionnaire@1"},
        "id": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
        "version": _STR,
        "title": _STR,
        "fiscal_year": {"type": "integer", "minimum": 2019, "maximum": 2100},
        "policy": {
            "type": "object",
            "required": ["title", "edition"],
            "additionalProperties": False,
            "properties": {"title": _STR, "edition": _STR},
        },
        "weights": {
            "type": "object",
            "required": ["高", "中", "低"],
            "additionalProperties": False,
            "properties": {k: {"type": "number", "exclusiveMinimum": 0} for k in ("高", "中", "低")},
        },
        "scale": {
            "type": "array",
            "minItems": 2,
            "items": {
                "type": "object",
                "required": ["key", "label", "score"],
                "additionalProperties": False,
                "properties": {
                    "key": {"type": "string", "pattern": "^[a-z][a-z_]*$"},
                    "label": _STR,
                    "score": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
                    "requires_reason": {"type": "boolean"},
                    "requires_plan": {"type": "boolean"},
                    "aliases": {
                        "type": "array", "uniqueItems": True, "items": _STR,
                        "description": "Excel 回答用紙でこの選択肢として読む書き方（例: 1, ○, はい）。"
                                       "前後の空白と全角・半角の違いは無視。二つの選択肢に同じ書き方は付けられない",
                    },
                },
            },
        },
        "review": REVIEW_SCHEMA,
        "network_model": {"enum": list(NETWORK_MODELS), "description": "町の三層の構成（ネットワークのモデル）"},
        "rotation": {
            "type": "object",
            "required": ["groups", "due"],
            "additionalProperties": False,
            "description": "ローテーション: 群の一覧と、この年度に尋ねる群",
            "properties": {
                "groups": {"type": "array", "minItems": 1, "uniqueItems": True,
                           "items": {"type": "string", "pattern": "^[A-Z]$"}},
                "due": {"type": "string", "pattern": "^[A-Z]$"},
            },
        },
        "answer_minutes": {
            "type": "object",
            "additionalProperties": False,
            "description": "項目の種類ごとの、正直に答えるのにかかる分の既定値",
            "properties": {k: {"type": "integer", "minimum": 1, "maximum": 120} for k in MINUTE_KINDS},
        },
        "supplement_only": {**_TRAIT_LIST, "description": "この特性の部署は、その特性を名指す項目（補足）だけに答える"},
        "themes": {
            "type": "array",
            "description": "監査担当が年度と部署を選んで加えるテーマ（項目の集まり）",
            "items": {
                "type": "object",
                "required": ["id", "title", "items"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
                    "title": _STR,
                    "items": {"type": "array", "minItems": 1, "uniqueItems": True, "items": _ITEM_ID},
                    "note": {"type": "string"},
                },
            },
        },
        "chapters": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "title", "clause", "sections"],
                "additionalProperties": False,
                "properties": {
                    "id": _STR,
                    "title": _STR,
                    "clause": _STR,
                    "sections": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["id", "title", "items"],
                            "additionalProperties": False,
                            "properties": {
                                "id": _STR,
                                "title": _STR,
                                "items": {"type": "array", "minItems": 1, "items": ITEM_SCHEMA},
                            },
                        },
                    },
                },
            },
        },
    },
}

DEPARTMENTS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "mizuho-audit 部署マスタ",
    "type": "object",
    "required": ["format", "version", "title", "traits", "bodies", "departments"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": "mizuho-audit/departments@1"},
        "version": _STR,
        "title": _STR,
        "traits": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
            "additionalProperties": _STR,
        },
        "bodies": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "name"],
                "additionalProperties": False,
                "properties": {"id": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}, "name": _STR},
            },
        },
        "departments": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "name", "body", "traits"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
                    "name": _STR,
                    "body": _STR,
                    "division": {"type": "string"},
                    "traits": _TRAIT_LIST,
                    "note": {"type": "string"},
                    "active": {"type": "boolean"},
                },
            },
        },
    },
}

POLICY_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "mizuho-audit 方針の条項一覧",
    "type": "object",
    "required": ["format", "id", "title", "edition", "clauses", "required_coverage"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": "mizuho-audit/policy@1"},
        "id": _STR,
        "title": _STR,
        "edition": _STR,
        "clauses": {"type": "object", "minProperties": 1, "additionalProperties": _STR},
        "required_coverage": {"type": "array", "items": _STR},
        "clause_terms": {
            "type": "object",
            "description": "条項ごとに、その条項を出典とする項目の質問が含むべき語（どれか一つ）",
            "additionalProperties": {"type": "array", "minItems": 1, "items": _STR},
        },
    },
}

CROSSWALK_FORMAT = "mizuho-audit/crosswalk@1"
_REFS = {"type": "array", "minItems": 1, "uniqueItems": True,
         "items": {"type": ["string", "integer"], "minLength": 1}}
CROSSWALK_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "mizuho-audit 項目と他の枠組みとの対応表（クロスウォーク）",
    "type": "object",
    "required": ["format", "questionnaire", "items"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": CROSSWALK_FORMAT},
        "questionnaire": {
            "type": "object", "required": ["id", "version"], "additionalProperties": False,
            "description": "対応を書くチェックリスト（id と版）",
            "properties": {"id": {"type": "string", "minLength": 1},
                           "version": {"type": ["string", "number"]}},
        },
        "items": {
            "type": "object",
            "description": "項目ID ごとの参照。当てはまらない枠組みは書かない",
            "propertyNames": {"pattern": "^[A-Z]{2,5}-[0-9]{3}$"},
            "additionalProperties": {
                "type": "object", "additionalProperties": False,
                "properties": {
                    "guideline": {**_REFS, "description": "総務省ガイドライン 対策基準の章・節（例: \"4.2\"）"},
                    "iso27001": {**_REFS, "description": "ISO/IEC 27001:2022 附属書A の管理策（例: A.5.15）"},
                    "csf": {**_REFS, "description": "NIST CSF 2.0 のサブカテゴリ（例: PR.AA-05）"},
                    "ipa": {**_REFS, "description": "IPA 5分でできる自社診断の項目番号（1〜25）"},
                },
            },
        },
    },
}


SCHEMAS: dict[str, dict[str, Any]] = {
    "questionnaire.schema.json": QUESTIONNAIRE_SCHEMA,
    "departments.schema.json": DEPARTMENTS_SCHEMA,
    "policy.schema.json": POLICY_SCHEMA,
    "crosswalk.schema.json": CROSSWALK_SCHEMA,
}
