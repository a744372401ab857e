"""The screen-reader check's rules (tests/a11y/audit.py), each on a small accessible tree."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "a11y"))

from audit import Node, Report, audit, check_tab_walk, render

SHOWING = frozenset({"showing", "visible", "enabled"})
FOCUSABLE = SHOWING | {"focusable"}


def screen(*children: Node) -> Node:
    return Node("frame", "SpasmTimer", states=SHOWING, children=list(children))


def problems(report: Report) -> dict[str, int]:
    return {key: getattr(report, key) for key, _ in Report.PROBLEM_COLUMNS if getattr(report, key)}


def test_a_well_named_screen_has_no_problems() -> None:
    tree = screen(
        Node("label", "Today", states=SHOWING, object_name="today_title"),
        Node("push button", "All routines", "All routines (R)", states=FOCUSABLE),
        Node("check box", "Mute all sound (M)", states=FOCUSABLE),
    )
    report = audit("today", tree, ["Today", "All routines (R)", "Mute all sound (M)"])
    assert problems(report) == {}
    assert (report.objects, report.actionable) == (4, 2)
    assert not report.failed


def test_a_label_read_by_its_object_name_is_caught_and_its_text_missed() -> None:
    tree = screen(Node("label", "today date", states=SHOWING, object_name="today_date"))
    report = audit("today", tree, ["Tuesday 8 December"])
    assert problems(report) == {"object_named": 1, "hidden_texts": 1}
    assert "today_date" in report.problems[0]
    assert "Tuesday 8 December" in report.problems[1]


def test_a_class_like_object_name_is_not_taken_for_a_hidden_label() -> None:
    tree = screen(
        Node("filler", "Routine editor", states=SHOWING, object_name="RoutineEditor"),
        Node("push button", "Export CSV…", states=FOCUSABLE, object_name="exportCsv"),
    )
    assert problems(audit("editor", tree)) == {}


def test_a_label_whose_name_hides_its_text() -> None:
    tree = screen(
        Node("label", "Total time", text="Fix the 2 problems", states=SHOWING),
        Node("label", "Learn", text="Right after a spasm…", states=FOCUSABLE),  # a document
    )
    assert problems(audit("editor", tree)) == {"hidden_texts": 1}


def test_unnamed_controls_and_numbers_for_names() -> None:
    tree = screen(
        Node("push button", "", states=FOCUSABLE),
        Node("spin button", "", states=FOCUSABLE),
        Node("progress bar", "", states=SHOWING, value=(10, 0, 100)),
        Node("push button", "3", states=FOCUSABLE),
    )
    assert problems(audit("s", tree)) == {"unnamed": 3, "numbered": 1}


def test_a_progress_bar_needs_a_range() -> None:
    tree = screen(Node("progress bar", "Routine progress", states=SHOWING, value=(0, 0, 0)))
    assert problems(audit("s", tree)) == {"wrong_roles": 1}


def test_tables_need_header_names_and_cells_of_their_own() -> None:
    cells = [
        Node("table cell", text, states=FOCUSABLE)
        for text in ("Ice now, now, due now",) * 3 + ("due now", "now", "Ice now")
    ]
    tree = screen(Node("tree", "Today's items", states=SHOWING, column_headers=("1", "2", "3"),
                       children=cells))  # fmt: skip
    report = audit("today", tree)
    assert problems(report) == {"headerless_tables": 1, "row_cells": 1}


def test_hidden_rows_are_not_read_and_symbols_need_no_name() -> None:
    hidden = Node("push button", "", states=frozenset({"focusable"}))
    tree = screen(hidden, Node("label", "Done", states=SHOWING))
    assert problems(audit("s", tree, ["✓", "12", "Done"])) == {}


def test_a_visible_text_is_exposed_by_a_name_without_its_key_hint() -> None:
    tree = screen(Node("push button", "Start the session", "Do this now (Enter)", states=FOCUSABLE))
    assert problems(audit("s", tree, ["Start the session (Enter)", "Export…"])) == {
        "hidden_texts": 1
    }


def test_two_controls_with_one_name_cannot_be_told_apart() -> None:
    tree = screen(
        Node("spin button", "Your day", states=FOCUSABLE),
        Node("spin button", "Your day", states=FOCUSABLE),
        Node("list item", "Desk break", states=FOCUSABLE),
        Node("list item", "Desk break", states=FOCUSABLE),
    )
    assert problems(audit("s", tree)) == {"same_names": 1}


def test_the_tab_walk_must_name_each_stop_and_come_back_round() -> None:
    report = Report("s")
    check_tab_walk(report, screen(), ["push button 'Save'", "filler ''"], cycled=True)
    assert report.keyboard == 1
    check_tab_walk(report, screen(), ["table cell 'a'"] * 30, cycled=False)
    assert report.keyboard == 2 and "trap" in report.problems[-1]


def test_the_dump_reads_like_what_a_screen_reader_says() -> None:
    tree = screen(
        Node("push button", "Pause", "Space", states=FOCUSABLE | {"focused"}),
        Node("progress bar", "Routine progress", states=SHOWING, value=(250, 0, 1000)),
        Node("label", "gone", states=frozenset()),
    )
    assert render(tree) == [
        'frame "SpasmTimer"',
        '  push button "Pause" (focused) — Space',
        '  progress bar "Routine progress" value 250 of 0 to 1000',
    ]


def test_a_screen_needs_a_heading_when_asked() -> None:
    plain = screen(Node("label", "Today", states=SHOWING))
    assert problems(audit("today", plain, heading=True)) == {"wrong_roles": 1}
    titled = screen(Node("heading", "Today", states=SHOWING))
    assert problems(audit("today", titled, heading=True)) == {}


def test_every_control_is_reached_by_tab_or_a_key_of_its_own() -> None:
    tree = screen(
        Node("push button", "Save", states=FOCUSABLE),
        Node("push button", "Pause", "Space, Play/Pause", states=FOCUSABLE),
        Node("push button", "All routines (R)", states=FOCUSABLE),
        Node("push button", "Print handout…", "Write a PDF", states=FOCUSABLE),
        Node("push button", "Dimmed", states=frozenset({"showing", "focusable"})),
    )
    report = Report("s")
    check_tab_walk(report, tree, ["push button 'Save'"], cycled=True)
    assert report.keyboard == 1 and "'Print handout…'" in report.problems[0]
