"""The typed edit language (draft/ops.py): JSON round trips, validation naming the operation's
index and field, and a JSON Schema generated from the dataclasses that agrees with it."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from typing import Any

import jsonschema
import pytest

from meme_desktop.draft import OpError
from meme_desktop.draft import ops as O
from tests.helpers.ops_examples import EXAMPLES

SCHEMA = O.schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def schema_accepts(items: list[Any]) -> bool:
    return VALIDATOR.is_valid(items)


def test_examples_cover_every_operation_and_the_contract_names() -> None:
    assert set(EXAMPLES) == set(O.OPS)
    contract = {  # DESIGN.md section 8: names and fields outside tools rely on
        "add_caption": {"txt", "pos", "st", "d", "sty", "col", "sz"},
        "set_caption": {"id", "txt", "pos", "sty", "col", "sz"},
        "move_segment": {"id", "st"}, "trim_segment": {"id", "st", "d", "in"},
        "split_segment": {"id", "at"}, "delete_segment": {"id"},
        "duplicate_segment": {"id", "st"}, "set_volume": {"id", "vol"},
        "set_canvas": {"width", "height"}, "add_media": {"asset", "st", "d"},
        "add_sound": {"name", "st", "vol"}, "add_music": {"name", "vol"},
    }
    for name, fields in contract.items():
        props = SCHEMA["items"]["anyOf"][list(O.OPS).index(name)]["properties"]
        assert set(props) - {"op"} == fields, name


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_round_trip_is_exact_and_the_schema_agrees(name: str) -> None:
    raw = EXAMPLES[name]
    op = O.op_from_json(copy.deepcopy(raw))
    assert type(op) is O.OPS[name]
    assert op.to_json() == raw
    assert json.loads(json.dumps(op.to_json())) == raw
    assert schema_accepts([raw])


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_only_the_required_fields(name: str) -> None:
    schema = SCHEMA["items"]["anyOf"][list(O.OPS).index(name)]
    minimal = {k: v for k, v in EXAMPLES[name].items() if k in schema["required"]}
    op = O.op_from_json(minimal, 0)
    assert op.to_json() == minimal
    assert schema_accepts([minimal])


def _bad_values(kind: str) -> list[Any]:
    common: list[Any] = [{"x": 1}, [1, 2, 3]]
    return {
        "id": ["", "x" * 65, 7, 3.5, " s1"],
        "ids": [[], ["s1", "s1"], "s1", [1]],
        "ms": [-1, "2000", 1.5, True, 10**9, float("nan")],
        "int": [-1, "5", 2.5, True, 10**6],
        "num": ["1", True, 1e9, -5],
        "text": [5, "\x00bad", "x" * 600],
        "bool": [1, "true", 0],
        "color": ["red", "#12", 5],
        "enum": ["nope", 3, ""],
        "pair": [[1], [1, 2, 3], ["a", 1], "1,2", [99, 99]],
    }[kind] + common


def _field_cases() -> list[tuple[str, str, Any]]:
    cases = []
    for name, cls in O.OPS.items():
        for key in (k for k in EXAMPLES[name] if k != "op"):
            spec = O.spec_of(cls, key)
            for bad in _bad_values(spec.kind):
                if spec.kind == "text" and bad == "x" * 600 and (spec.hi or 0) >= 600:
                    continue
                cases.append((name, key, bad))
    return cases


@pytest.mark.parametrize(("name", "key", "bad"), _field_cases())
def test_a_bad_field_names_the_index_operation_and_field(name: str, key: str, bad: Any) -> None:
    raw = {**EXAMPLES[name], key: bad}
    with pytest.raises(OpError) as info:
        O.ops_from_json([EXAMPLES["set_title"], raw])
    assert (info.value.index, info.value.op, info.value.field) == (1, name, key)
    assert f"ops[1] ({name}), field '{key}'" in str(info.value)
    if not (isinstance(bad, float) and bad != bad):  # NaN is not JSON
        assert not schema_accepts([raw]), (name, key, bad)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_missing_required_and_unknown_fields(name: str) -> None:
    schema = SCHEMA["items"]["anyOf"][list(O.OPS).index(name)]
    for key in (k for k in schema["required"] if k != "op"):
        raw = {k: v for k, v in EXAMPLES[name].items() if k != key}
        with pytest.raises(OpError, match=f"field '{key}': is required"):
            O.op_from_json(raw, 2)
        assert not schema_accepts([raw])
    extra = {**EXAMPLES[name], "bogus": 1}
    with pytest.raises(OpError, match="'bogus': is not a field"):
        O.op_from_json(extra)
    assert not schema_accepts([extra])


@pytest.mark.parametrize("raw", [None, {"ops": []}, "x", 5])
def test_a_list_is_required(raw: Any) -> None:
    with pytest.raises(OpError) as info:
        O.ops_from_json(raw)
    assert info.value.index == -1


def test_unknown_operation_and_limits() -> None:
    with pytest.raises(OpError, match="unknown operation; use one of add_caption"):
        O.ops_from_json([{"op": "explode"}])
    with pytest.raises(OpError, match="must be an object"):
        O.ops_from_json(["move_segment"])
    with pytest.raises(OpError, match=f"at most {O.MAX_OPS}"):
        O.ops_from_json([EXAMPLES["set_title"]] * (O.MAX_OPS + 1))
    assert O.ops_from_json([]) == []


def test_place_caption_null_means_back_to_its_position() -> None:
    op = O.op_from_json({"op": "place_caption", "id": "s1", "xy": None})
    assert op.to_json() == {"op": "place_caption", "id": "s1", "xy": None}
    with pytest.raises(OpError, match="'xy': is required"):
        O.op_from_json({"op": "place_caption", "id": "s1"})


def test_whole_float_milliseconds_are_accepted_as_numbers() -> None:
    op = O.op_from_json({"op": "move_segment", "id": "s1", "st": 2000.0})
    assert op.to_json() == {"op": "move_segment", "id": "s1", "st": 2000}


def test_the_schema_is_a_valid_json_schema_generated_for_every_operation() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    titles = [s["title"] for s in SCHEMA["items"]["anyOf"]]
    assert titles == list(O.OPS)
    assert all(s["description"] for s in SCHEMA["items"]["anyOf"])
    assert schema_accepts(list(EXAMPLES.values()))


def test_cli_prints_the_schema_and_checks_a_list(tmp_path) -> None:  # noqa: ANN001
    out = subprocess.run([sys.executable, "-m", "meme_desktop", "ops", "schema"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and json.loads(out.stdout) == SCHEMA
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"ops": [EXAMPLES["move_segment"], EXAMPLES["add_sound"]]}))
    ok = subprocess.run([sys.executable, "-m", "meme_desktop", "ops", "check", str(good)],
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and "Valid: 2 operations (move_segment, add_sound)" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "meme_desktop", "ops", "check", "-"],
                         input='[{"op": "set_volume", "id": "s1", "vol": 900}]',
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1
    assert "ops[0] (set_volume), field 'vol'" in bad.stderr and "Traceback" not in bad.stderr
