"""docs/contract.md is the contract as the code defines it (issue #15): it cannot drift."""

from __future__ import annotations

from pathlib import Path

from tiktok_study import contract
from tiktok_study.schema import COLUMNS, SCHEMAS, SORT_KEYS, TABLE_ROWS

ROOT = Path(__file__).resolve().parents[1]


def test_docs_contract_is_what_the_code_defines():
    written = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")
    assert written == contract.render(), "docs/contract.md is stale: run `make contract` and commit it"


def test_the_contract_names_every_table_column_verb_and_kind():
    text = contract.render()
    for name, schema in SCHEMAS.items():
        assert f"### `{name}`" in text
        for field in schema:
            assert f"| `{field.name}` | {field.type} |" in text
    for verb in (
        "setup",
        "normalize",
        "analyze",
        "render",
        "validate",
        "sample",
        "calibrate",
        "export",
        "run",
    ):
        assert f"| `{verb}` |" in text
    assert "`measure`" in text and "`conflict`" in text and "`quotes.jsonl`" in text


def test_contract_columns_come_first_in_every_schema():
    assert set(SCHEMAS) == set(SORT_KEYS) == set(TABLE_ROWS) >= set(COLUMNS)
    for name, columns in COLUMNS.items():
        assert SCHEMAS[name].names[: len(columns)] == columns
        assert set(SORT_KEYS[name]) <= set(SCHEMAS[name].names)
