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
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

LAYERS = "the layers: command line > widgets > services > sound | printing > core"
CORE_LAYERS = "inside core: today | history | editor > session | guidance > routines > clock"
CORE_PLAIN = "core is plain Python: no Qt, no sound, no screens, no command line, no settings store"
PRINTING_PLAIN = (
    "printing takes colours and charts as arguments: no screens, no sound, no command line"
)
NO_CYCLES = "no import cycles, at any level of the package"
ALL = {LAYERS, CORE_LAYERS, CORE_PLAIN, PRINTING_PLAIN, NO_CYCLES}

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
    """lint-imports on the copy: its exit status and each contract's verdict by name."""
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
        m[1]: m[2] for m in re.finditer(r"^(.+?) (KEPT|BROKEN)\s*$", done.stdout, re.MULTILINE)
    }
    return done.returncode, verdicts


def test_the_clean_package_keeps_every_contract(tmp_path: Path) -> None:
    code, verdicts = lint(copy_project(tmp_path))
    assert verdicts == dict.fromkeys(ALL, "KEPT")
    assert code == 0


# (what is planted, in which module, the contracts it must break). An import up
# a layer that the layer above already makes the other way also closes a
# cycle: those break the cycle contract too.
PLANTS = [
    ("core imports Qt", "core/routines/plan.py", "import PySide6.QtCore", {CORE_PLAIN}),
    (
        "core imports the settings store",
        "core/today/plan.py",
        "import spasmtimer.settings",
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
        "the settings store imports sound",
        "settings.py",
        "import spasmtimer.audio",
        {LAYERS, NO_CYCLES},
    ),
    (
        "services (once they exist) import a screen",
        "services/__init__.py",
        "import spasmtimer.ui.theme",
        {LAYERS},
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
    """The optional layer sits where the design puts it: above sound and printing."""
    copy = copy_project(tmp_path)
    plant(copy, "services/__init__.py", "import spasmtimer.audio\nimport spasmtimer.printing")
    plant(copy, "ui/theme.py", "import spasmtimer.services")
    code, verdicts = lint(copy)
    assert verdicts == dict.fromkeys(ALL, "KEPT")
    assert code == 0
