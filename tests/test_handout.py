"""The printable handout: one PDF page per few exercises, with everything on it."""

from __future__ import annotations

import argparse
import math
import shutil
import subprocess
from pathlib import Path

import pytest

from spasmtimer import resources
from spasmtimer.cli.handout import cmd_handout
from spasmtimer.core.routines.loader import load_routine
from spasmtimer.core.routines.routine import Exercise, Hold, Routine, Sides
from spasmtimer.printing.handout import (
    EXERCISES_PER_PAGE,
    FIRST_PAGE_EXERCISES,
    hold_text,
    write_handout,
)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftoppm, pdftotext) is not installed",
)


def expected_pages(exercises: int) -> int:
    # Page 1: title, details, red flags and the first exercises; then a few per page.
    return 1 + math.ceil(max(0, exercises - FIRST_PAGE_EXERCISES) / EXERCISES_PER_PAGE)


def rendered_pages(pdf: Path, tmp_path: Path) -> list[Path]:
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(pdf), str(prefix)], check=True, timeout=60)
    return sorted(tmp_path.glob("page-*.png"))


def pdf_text(pdf: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    )
    return " ".join(result.stdout.decode("utf-8").split())


def test_layout_is_a_few_exercises_a_page() -> None:
    assert 1 <= FIRST_PAGE_EXERCISES <= EXERCISES_PER_PAGE <= 5


@needs_poppler
@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("path", resources.bundled_routine_files(), ids=lambda p: p.stem)
def test_bundled_routine_renders_to_expected_pages(path: Path, tmp_path: Path) -> None:
    routine = load_routine(path)
    pdf = tmp_path / "handout.pdf"
    pages = write_handout(routine, pdf)
    assert pages == expected_pages(len(routine.exercises))
    assert len(rendered_pages(pdf, tmp_path)) == pages


@needs_poppler
@pytest.mark.usefixtures("qapp")
def test_long_routine_spreads_over_several_pages(tmp_path: Path) -> None:
    exercises = tuple(Exercise(name=f"Stretch {i}", hold=Hold.fixed(5)) for i in range(1, 12))
    routine = Routine(name="Eleven", exercises=exercises)
    pdf = tmp_path / "eleven.pdf"
    assert write_handout(routine, pdf) == expected_pages(11) == 4
    assert len(rendered_pages(pdf, tmp_path)) == 4
    text = pdf_text(pdf)
    assert "Stretch 11" in text and "no picture" in text
    assert "page 4 of 4" in text


@needs_poppler
@pytest.mark.usefixtures("qapp")
def test_handout_carries_numbers_source_and_red_flags(tmp_path: Path) -> None:
    routine = load_routine(resources.bundled_routines_dir() / "back-spasm-relief.yaml")
    pdf = tmp_path / "back.pdf"
    write_handout(routine, pdf)
    text = pdf_text(pdf)
    for expected in [
        "Back spasm relief",
        "2 sessions a day",
        "How Do You Relieve Back Spasms? 10 Tips",
        "Stop and seek medical care if",
        "bladder or bowels",
        "72 hours",
        "1. Prayer stretch",
        "5–10 s",
        "10 each side",
        "alternate",
        "5. Pelvic tilt",
        "3–5 s",
        "Left side shown",
    ]:
        assert expected in text, expected


def test_hold_text() -> None:
    assert hold_text(Hold(5, 10)) == "5–10 s"
    assert hold_text(Hold.fixed(3)) == "3 s"
    assert hold_text(Hold.fixed(1200)) == "20 min"
    assert hold_text(Hold(30, 90)) == "30 s – 1 min 30 s"


def _args(routine: str, output: Path) -> argparse.Namespace:
    return argparse.Namespace(routine=routine, output=str(output))


@pytest.mark.usefixtures("qapp")
def test_command_writes_the_pdf_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "knee.pdf"
    assert cmd_handout(_args("knee-to-chest", out)) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in capsys.readouterr().out


@pytest.mark.usefixtures("qapp")
def test_command_unknown_routine_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cmd_handout(_args("no such routine", tmp_path / "x.pdf")) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such routine" in err
    assert "Traceback" not in err


@pytest.mark.usefixtures("qapp")
def test_command_missing_folder_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cmd_handout(_args("knee-to-chest", tmp_path / "nowhere" / "x.pdf")) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err


@pytest.mark.usefixtures("qapp")
def test_command_broken_routine_file_names_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nname: Broken\nexercises:\n  - name: X\n    reps: ten\n")
    assert cmd_handout(_args(str(broken), tmp_path / "x.pdf")) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "broken.yaml:" in err


def test_sides_are_listed_for_side_exercises() -> None:
    from spasmtimer.printing.handout import details

    both = Exercise(name="A", hold=Hold.fixed(3), reps=4, sides=Sides.EACH)
    assert ("Reps", "4 each side") in details(both)
    assert any(label == "Sides" for label, _ in details(both))
    assert not any(label == "Sides" for label, _ in details(Exercise("B", Hold.fixed(3))))


def test_reps_that_build_up_are_printed_as_a_range_with_how_to_build_up() -> None:
    from spasmtimer.printing.handout import details

    knee = Exercise("Knee to chest", Hold.fixed(10), reps=6, max_reps=7, sides=Sides.ALTERNATE)
    rows = details(knee)
    assert ("Reps", "6–7 each side") in rows
    assert ("", "start with 6; build up to 7 as it gets easier") in rows
    assert ("Reps", "6") in details(Exercise("B", Hold.fixed(3), reps=6))
