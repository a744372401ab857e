"""``spasmtimer list``, ``validate`` and ``plan``, as a person and a program see them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from spasmtimer import resources
from spasmtimer.cli import main

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "plan.schema.json").read_text(encoding="utf-8"))

GOOD = """\
format: 1
name: Back spasm relief
sessions_per_day: 2
exercises:
  - name: Prayer stretch
    hold: [5, 10]
    reps: 5
    sets: 2
  - name: Lower trunk rotation
    hold: 3
    reps: 10
    sides: alternate
"""
BAD = "format: 1\nname: Bad\nexercises:\n  - name: Pelvic tilt\n    hold: 5\n    reps: ten\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    return path


# -- validate ---------------------------------------------------------------------


def test_validate_good_files(capsys: pytest.CaptureFixture[str], good: Path) -> None:
    code, out, err = run(capsys, "validate", str(good))
    assert (code, err) == (0, "")
    assert out == f"{good}: ok (Back spasm relief: 2 exercises, 3 min 41 s)\n"


def test_validate_reports_problems_on_stderr_and_exits_1(
    capsys: pytest.CaptureFixture[str], good: Path, bad: Path
) -> None:
    code, out, err = run(capsys, "validate", str(good), str(bad), str(bad.parent / "gone.yaml"))
    assert code == 1
    assert out == f"{good}: ok (Back spasm relief: 2 exercises, 3 min 41 s)\n"
    assert err.splitlines() == [
        f'{bad}:6:11: exercise 1 ("Pelvic tilt"): reps must be a whole number from 1 to 100, '
        'got "ten"',
        f"spasmtimer: {bad.parent / 'gone.yaml'}: no such file",
        "spasmtimer: 2 of 3 files have problems",
    ]


def test_validate_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", "nope.yaml") == (1, "", "spasmtimer: nope.yaml: no such file\n")


def test_validate_a_folder_checks_the_routine_files_in_it(
    capsys: pytest.CaptureFixture[str], good: Path, bad: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert code == 1
    assert str(good) in out and str(bad) in err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(capsys, "validate", str(empty)) == (
        1,
        "",
        f"spasmtimer: {empty}: is a folder with no routine files (*.yaml) in it\n",
    )


def test_validate_notes_a_missing_image_but_passes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "pic.yaml"
    path.write_text(GOOD.replace("reps: 5\n", "reps: 5\n    image: nowhere.svg\n"), "utf-8")
    code, out, err = run(capsys, "validate", str(path))
    assert (code, err) == (0, "")
    assert "image 'nowhere.svg' is neither beside the file nor bundled" in out


def test_validate_the_bundled_routines(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(p) for p in resources.bundled_routine_files()]
    code, out, err = run(capsys, "validate", *files)
    assert (code, err) == (0, "")
    assert out.count(": ok (") == len(files)


# -- plan ---------------------------------------------------------------------------


def test_plan_json_is_the_contract_plan(capsys: pytest.CaptureFixture[str], good: Path) -> None:
    code, out, err = run(capsys, "plan", str(good), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["routine", "total_seconds", "steps"]
    assert data["routine"] == "Back spasm relief"
    assert data["total_seconds"] == 221.0
    assert data["steps"][0] == {
        "kind": "prepare", "exercise": "Prayer stretch", "seconds": 5.0,
        "set": 1, "rep": 1, "side": None,
    }  # fmt: skip
    assert sum(step["seconds"] for step in data["steps"]) == 221.0
    assert [s["side"] for s in data["steps"] if s["kind"] == "hold"][10:14] == [
        "left", "right", "left", "right",
    ]  # fmt: skip
    assert not schema_errors(data, SCHEMA)


def test_plan_json_of_every_bundled_routine_fits_the_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for path in resources.bundled_routine_files():
        assert run(capsys, "plan", str(path), "--json")[0] == 0
    # The schema is not a rubber stamp.
    broken = {"routine": "", "total_seconds": -1, "steps": [{"kind": "nap"}], "extra": 1}
    assert len(schema_errors(broken, SCHEMA)) >= 4


def test_plan_table_for_people(capsys: pytest.CaptureFixture[str], good: Path) -> None:
    code, out, err = run(capsys, "plan", str(good))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Back spasm relief: 2 exercises, 3 min 41 s"
    assert lines[2].split() == ["#", "START", "KIND", "EXERCISE", "SET", "REP", "SIDE", "SECONDS"]
    assert lines[3].split() == ["1", "00:00", "prepare", "Prayer", "stretch", "1", "1", "5"]
    assert lines[4].split() == ["2", "00:05", "hold", "Prayer", "stretch", "1", "1", "5"]
    assert "set rest" in out
    assert lines[-1] == "Total: 3 min 41 s (221 s), 30 holds"
    assert len(lines) == 3 + (1 + 9 + 1 + 9) + (1 + 39) + 2


def test_plan_by_routine_name(capsys: pytest.CaptureFixture[str]) -> None:
    user = resources.user_routines_dir()
    user.mkdir(parents=True)
    (user / "mine.yaml").write_text(GOOD.replace("Back spasm relief", "My Own"), "utf-8")
    code, out, _ = run(capsys, "plan", "my own", "--json")
    assert code == 0 and json.loads(out)["routine"] == "My Own"
    assert run(capsys, "plan", "mine")[0] == 0


def test_plan_problems(capsys: pytest.CaptureFixture[str], bad: Path) -> None:
    assert run(capsys, "plan", "gone.yaml") == (1, "", "spasmtimer: gone.yaml: no such file\n")
    code, out, err = run(capsys, "plan", str(bad), "--json")
    assert (code, out) == (1, "")
    assert err.startswith(f"{bad}:6:11: ")
    code, _, err = run(capsys, "plan", "no routine called this")
    assert code == 1 and "no routine has that name" in err


# -- list -----------------------------------------------------------------------------


def test_list_shows_bundled_and_own_routines_and_broken_files_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    user = resources.user_routines_dir()
    user.mkdir(parents=True)
    (user / "mine.yaml").write_text(GOOD.replace("Back spasm relief", "My Own"), "utf-8")
    (user / "broken.yaml").write_text(BAD, "utf-8")
    code, out, err = run(capsys, "list")
    assert code == 0
    rows = out.splitlines()
    assert rows[0].split() == ["NAME", "FROM", "EXERCISES", "DURATION", "PER", "DAY", "FILE"]
    mine = next(row for row in rows if row.startswith("My Own"))
    assert mine.split() == ["My", "Own", "yours", "2", "3", "min", "41", "s", "2", "mine.yaml"]
    bundled = [row for row in rows if " bundled " in row]
    assert len(bundled) == len(resources.bundled_routine_files())
    assert rows.index(mine) > max(rows.index(row) for row in bundled)
    assert f"Your routines folder: {user}" in out
    assert err.splitlines() == [
        "spasmtimer: 1 routine file could not be loaded:",
        f'{user / "broken.yaml"}:6:11: exercise 1 ("Pelvic tilt"): reps must be a whole number '
        'from 1 to 100, got "ten"',
    ]


# -- as a separate program ---------------------------------------------------------------


def test_no_qt_and_no_traceback_from_the_command_line(tmp_path: Path) -> None:
    files = {
        "tagged.yaml": "format: 1\nname: !!python/object/apply:os.system [echo hi]\n",
        "binary.yaml": b"\x89PNG\r\n\x1a\n\x00\xff",
        "syntax.yaml": "format: 1\nname: [unclosed\n",
        "empty.yaml": "",
        "format2.yaml": "format: 2\n",
        "deep.yaml": "[" * 10_000,
    }
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
    code = (
        "import sys\n"
        "from spasmtimer.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
        "sys.exit(code)\n"
    )
    user = resources.user_routines_dir()
    user.mkdir(parents=True)
    (user / "broken.yaml").write_text(BAD, "utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    for command in (["validate", *sorted(files)], ["plan", "tagged.yaml"], ["list"]):
        done = subprocess.run(
            [sys.executable, "-c", code, *command],
            check=False,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert "Traceback" not in done.stderr, done.stderr
        assert "Qt was imported" not in done.stderr
        if command[0] != "list":
            assert done.returncode == 1
        else:  # the broken file once, in the command's own words, and nothing else
            assert done.stderr.splitlines() == [
                "spasmtimer: 1 routine file could not be loaded:",
                f'{user / "broken.yaml"}:6:11: exercise 1 ("Pelvic tilt"): reps must be a whole '
                'number from 1 to 100, got "ten"',
            ]
    assert "hi\n" not in done.stdout


# -- a very small JSON Schema checker (no new dependency) ---------------------------------

_TYPES: dict[str, Any] = {
    "object": dict, "array": list, "string": str, "integer": int, "number": (int, float),
}  # fmt: skip


def schema_errors(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """The parts of JSON Schema that plan.schema.json uses."""
    errors: list[str] = []
    expected = schema.get("type")
    if expected and (not isinstance(value, _TYPES[expected]) or isinstance(value, bool)):
        return [f"{where}: not {expected}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: below minimum")
    if "maximum" in schema and value > schema["maximum"]:
        errors.append(f"{where}: above maximum")
    if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        errors.append(f"{where}: not above exclusiveMinimum")
    if "minLength" in schema and len(value) < schema["minLength"]:
        errors.append(f"{where}: too short")
    if isinstance(value, dict):
        errors += [f"{where}: missing {k}" for k in schema.get("required", []) if k not in value]
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            errors += [f"{where}: extra {k}" for k in value if k not in properties]
        for key, sub in properties.items():
            if key in value:
                errors += schema_errors(value[key], sub, f"{where}.{key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{where}: too few items")
        for index, item in enumerate(value):
            errors += schema_errors(item, schema.get("items", {}), f"{where}[{index}]")
    return errors


def test_plan_by_a_name_two_routines_have_says_which_it_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    mine = resources.user_routines_dir() / "my-knee.yaml"
    mine.parent.mkdir(parents=True, exist_ok=True)
    bundled = resources.bundled_routines_dir() / "knee-to-chest.yaml"
    mine.write_text(bundled.read_text())  # saved before names had to differ
    code, out, err = run(capsys, "plan", "knee to chest")
    assert code == 0 and "Knee to chest" in out
    assert "2 routines are called 'Knee to chest'; this is " + str(mine) in err
    assert str(bundled) in err
