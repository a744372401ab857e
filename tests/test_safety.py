"""The red flags: all of the articles' warning signs, in plain words, credited."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spasmtimer.core.guidance import safety
from spasmtimer.core.guidance.safety import (
    RED_FLAGS,
    SOURCES,
    HurtReport,
    Urgency,
    by_urgency,
    red_flags,
    routine_without,
    sources_of,
)
from spasmtimer.core.routines.routine import Exercise, Hold, Routine

SEEDS = Path("/work/shared/seeds")

# (article number, words the article uses, the red flag that carries them)
ARTICLE_RED_FLAGS = [
    ("000", "loss of bladder or bowel control", "bladder-bowel"),
    ("000", "numbness or tingling in the legs, groin, or buttocks", "numb-saddle"),
    ("000", "sudden muscle weakness in the legs or feet", "legs-severe"),
    ("000", "pain that radiates down one or both legs", "spreads-down-leg"),
    ("000", "fever, unexplained weight loss, or pain following a traumatic injury", "fever"),
    ("000", "unexplained weight loss", "weight-loss"),
    ("000", "traumatic injury like a fall or car accident", "injury"),
    ("000", "wakes you up at night", "wakes-at-night"),
    ("000", "persists beyond 72 hours", "lasts"),
    ("002", "more than 2-3 weeks", "lasts"),
    ("002", "bladder or bowel control problems", "bladder-bowel"),
    ("002", "Severe and debilitating back spasms", "severe-pain"),
    ("002", "weakness, numbness, or shooting or throbbing pain in your legs", "leg-numbness"),
    ("002", "unintended weight loss, fever, or a general feeling of being unwell", "unwell"),
    ("002", "occur frequently, and do not react well to home remedies", "frequent"),
    ("003", "new bowel or bladder control problems", "bladder-bowel"),
    ("003", "numbness, tingling, or weakness in one or both legs", "leg-numbness"),
    ("003", "radiates below the knee", "spreads-down-leg"),
    ("003", "loss of sensation around the genitals or buttocks", "numb-saddle"),
    ("003", "a few days to a week", "lasts"),
    ("003", "progressively worsens", "getting-worse"),
    ("003", "a fall or car accident", "injury"),
    ("003", "Unexplained weight loss or a fever", "weight-loss"),
    ("004", "loss of bladder or bowel control", "bladder-bowel"),
    ("004", "Severe weakness or numbness in legs", "legs-severe"),
    ("004", "after significant trauma", "injury"),
    ("004", "High fever with back pain", "fever"),
    ("004", "Progressive neurological symptoms", "getting-worse-nerves"),
    ("004", "Inability to walk or stand", "cannot-walk"),
    ("004", "Severe pain not relieved by rest", "severe-pain"),
    ("004", "Signs of cauda equina syndrome", "bladder-bowel"),
]


def flag(key: str) -> safety.RedFlag:
    (found,) = [f for f in RED_FLAGS if f.key == key]
    return found


@pytest.mark.parametrize(("article", "words", "key"), ARTICLE_RED_FLAGS)
def test_every_red_flag_of_the_articles_is_there_and_credits_the_article(
    article: str, words: str, key: str
) -> None:
    assert article in {s.key for s in flag(key).sources}
    texts = list(SEEDS.glob(f"{article}_*.txt"))
    if not texts:
        pytest.skip("the source articles are not on this machine")
    assert words.lower() in texts[0].read_text(encoding="utf-8").lower()


def test_keys_are_unique_and_every_flag_has_a_source() -> None:
    assert len({f.key for f in RED_FLAGS}) == len(RED_FLAGS)
    assert all(f.sources for f in RED_FLAGS)


JARGON = re.compile(r"cauda|sciatica|neurolog|radiat|debilitat|trauma|equina", re.I)


@pytest.mark.parametrize("red_flag", RED_FLAGS, ids=lambda f: f.key)
def test_flag_text_is_plain_and_short(red_flag: safety.RedFlag) -> None:
    assert not JARGON.search(red_flag.text)
    assert len(red_flag.text) <= 90
    assert red_flag.text == red_flag.text.strip()
    assert red_flag.text[0].islower()  # it completes the heading's sentence


def test_loss_of_bladder_control_is_an_emergency() -> None:
    assert flag("bladder-bowel").urgency is Urgency.EMERGENCY
    assert red_flags()[0].key == "bladder-bowel"


def test_the_articles_disagreement_on_how_long_is_said_not_hidden() -> None:
    detail = flag("lasts").detail
    for figure in ("72 hours", "a few days to a week", "2 to 3 weeks"):
        assert figure in detail


def test_grouping_is_most_urgent_first_and_covers_every_flag() -> None:
    groups = by_urgency()
    assert [u for u, _ in groups] == [Urgency.EMERGENCY, Urgency.PROMPT, Urgency.SEE_DOCTOR]
    assert sum(len(flags) for _, flags in groups) == len(RED_FLAGS)
    assert all(u.heading.endswith("…") for u, _ in groups)


def test_sources_are_named_and_ordered() -> None:
    assert [s.key for s in SOURCES] == ["000", "001", "002", "003", "004"]
    assert sources_of(RED_FLAGS)[0].key == "000"
    assert "Cedars-Sinai" in safety.CEDARS_SINAI.credit
    assert "11/9/2022" in safety.MEDICINENET.credit
    assert safety.LOWER_BACK.title  # the untitled article gets a descriptive title


def test_hurt_report_reads_well_in_the_history() -> None:
    sharp = HurtReport("Prayer stretch", sharp_or_spreading=True, skip_next_time=True)
    assert sharp.needs_red_flags
    assert sharp.detail() == "Prayer stretch: pain sharp or spreading down a leg; skip it next time"
    dull = HurtReport("Pelvic tilt", sharp_or_spreading=False, skip_next_time=False)
    assert not dull.needs_red_flags
    assert dull.detail() == "Pelvic tilt: pain not sharp"


def test_routine_without_skipped_exercises() -> None:
    a, b = Exercise("A", Hold.fixed(5)), Exercise("B", Hold.fixed(5))
    r = Routine("R", (a, b))
    assert routine_without(r, {"A"}).exercises == (b,)
    assert routine_without(r, set()) is r
    assert routine_without(r, {"A", "B"}) is r  # never an empty routine
    assert routine_without(r, {"Z"}) is r
