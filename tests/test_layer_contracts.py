"""The layer contracts catch what they promise to (``[tool.importlinter]`` in pyproject.toml).

Each case copies the package, plants one import of a forbidden kind, and runs
``lint-imports`` on the copy with the project's own contracts: the contract
named must be broken, and the clean copy keeps them all. Without this a
contract could be misspelt into one that checks nothing and ``make layers``
would still pass.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def contract_names() -> dict[str, str]:
    """Each contract's id, by the name lint-imports prints."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {c["name"]: c["id"] for c in config["tool"]["importlinter"]["contracts"]}


NAMES = contract_names()
ALL = set(NAMES.values())
LAYERS, CORE_LAYERS, CORE_PLAIN = "layers", "core-layers", "core-plain"
PRINTING_PLAIN, NO_CYCLES = "printing-plain", "no-cycles"

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def copy_project(tmp_path: Path) -> Path:
    """The package and the contracts, in a folder of their own."""
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT / "spasmtimer", copy / "spasmtimer", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def plant(copy: Path, module: str, line: str) -> None:
    """Add ``line`` at the end of ``module`` (a path under the package), creating it if new."""
    path = copy / "spasmtimer" / module
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text() if path.exists() else '"""Planted by a test."""\n'
    path.write_text(text + "\n" + line + "\n")


def lint(copy: Path) -> tuple[int, dict[str, str]]:
    """lint-imports on the copy: its exit status and each contract's verdict, by id."""
    env = dict(os.environ, PYTHONPATH=str(copy), COLUMNS="400", NO_COLOR="1")
    done = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", "pyproject.toml"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    verdicts = {
        NAMES[m[1]]: m[2]
        for m in re.finditer(r"^(.+?) (KEPT|BROKEN)\s*$", done.stdout, re.MULTILINE)
    }
    return done.returncode, verdicts


def test_the_clean_package_keeps_every_contract(tmp_path: Path) -> None:
    code, verdicts = lint(copy_project(tmp_path))
    assert verdicts == dict.fromkeys(ALL, "KEPT")
    assert code == 0
    assert {"layers", "core-layers", "core-plain", "printing-plain", "no-cycles"} <= ALL


# (what is planted, in which module, the contracts it must break). An import up
# a layer that the layer above already makes the other way also closes a
# cycle: those break the cycle contract too.
PLANTS = [
    ("core imports Qt", "core/routines/plan.py", "import PySide6.QtCore", {CORE_PLAIN}),
    (
        "core imports the settings store",
        "core/today/applications.py",
        "import spasmtimer.services.settings",
        {CORE_PLAIN, LAYERS, NO_CYCLES},
    ),
    (
        "printing imports sound",
        "printing/report.py",
        "import spasmtimer.audio.engine",
        {PRINTING_PLAIN, LAYERS},
    ),
    (
        "sound imports a screen",
        "audio/engine.py",
        "import spasmtimer.ui.theme",
        {LAYERS, NO_CYCLES},
    ),
    (
        "the widgets import the command line",
        "ui/theme.py",
        "import spasmtimer.cli",
        {LAYERS, NO_CYCLES},
    ),
    (
        "sound imports the settings store",
        "audio/player.py",
        "import spasmtimer.services.settings",
        {LAYERS, NO_CYCLES},
    ),
    (
        "services import a screen",
        "services/__init__.py",
        "import spasmtimer.ui.theme",
        {LAYERS, NO_CYCLES},
    ),
    ("a new top-level module placed in no layer", "extra.py", "import json", {LAYERS}),
    (
        "routines import the session above them",
        "core/routines/plan.py",
        "import spasmtimer.core.session.cues",
        {CORE_LAYERS, NO_CYCLES},
    ),
    (
        "today imports the history beside it",
        "core/today/plan.py",
        "import spasmtimer.core.history.store",
        {CORE_LAYERS},
    ),
    ("a new core sub-package placed in no layer", "core/extra/__init__.py", "", {CORE_LAYERS}),
    (
        "a session's events import its state machine",
        "core/session/events.py",
        "import spasmtimer.core.session.machine",
        {"session-order", NO_CYCLES},
    ),
    (
        "the history's records import its store",
        "core/history/records.py",
        "import spasmtimer.core.history.store",
        {"history-order", NO_CYCLES},
    ),
    (
        "today's plan values import the planner",
        "core/today/plan.py",
        "import spasmtimer.core.today.planner",
        {"today-order", NO_CYCLES},
    ),
    (
        "the routine model imports the loader",
        "core/routines/routine.py",
        "import spasmtimer.core.routines.loader",
        {"routines-order", NO_CYCLES},
    ),
    (
        "the editor's draft imports the document",
        "core/editor/draft.py",
        "import spasmtimer.core.editor.document",
        {"editor-order", NO_CYCLES},
    ),
    (
        "the sources import the red flags",
        "core/guidance/sources.py",
        "import spasmtimer.core.guidance.safety",
        {"guidance-order", NO_CYCLES},
    ),
    (
        "two screens import each other",
        "ui/theme.py",
        "import spasmtimer.ui.main_window",
        {NO_CYCLES},
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "line", "broken"), [p[1:] for p in PLANTS], ids=[p[0] for p in PLANTS]
)
def test_a_planted_import_breaks_its_contract(
    tmp_path: Path, module: str, line: str, broken: set[str]
) -> None:
    copy = copy_project(tmp_path)
    plant(copy, module, line)
    code, verdicts = lint(copy)
    assert code != 0
    assert {name for name, verdict in verdicts.items() if verdict == "BROKEN"} == broken
    assert set(verdicts) == ALL


def test_the_services_layer_may_use_sound_and_core(tmp_path: Path) -> None:
    """The services sit where the design puts them: above sound and printing, below the widgets."""
    copy = copy_project(tmp_path)
    plant(copy, "services/__init__.py", "import spasmtimer.audio\nimport spasmtimer.printing")
    plant(copy, "ui/theme.py", "import spasmtimer.services")
    code, verdicts = lint(copy)
    assert verdicts == dict.fromkeys(ALL, "KEPT")
    assert code == 0
