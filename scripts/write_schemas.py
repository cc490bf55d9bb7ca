"""Write the JSON Schemas of the data files to questionnaires/schema/ (for editors)."""

from __future__ import annotations

import json
from pathlib import Path

from mizuho_audit.questionnaires.schema import SCHEMAS

out = Path(__file__).resolve().parent.parent / "questionnaires" / "schema"
out.mkdir(exist_ok=True)
for name, schema in SCHEMAS.items():
    (out / name).write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(out / name)
