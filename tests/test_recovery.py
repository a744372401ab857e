"""The recovery phase from the onset time, and every rule pinned to its article's words."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from spasmtimer.core.guidance.ice_heat import Therapy
from spasmtimer.core.guidance.recovery import (
    PREVENTION_FROM,
    RULES,
    RecoveryPhase,
    Rule,
    ScheduleError,
    recovery,
    rule,
)

SEEDS = Path("/work/shared/seeds")
NOW = datetime(2024, 5, 8, 14, 0)


def _article(key: str) -> str:
    texts = list(SEEDS.glob(f"{key}_*.txt"))
    if not texts:
        pytest.skip("the source articles are not on this machine")
    return texts[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("quote", "the_rule"),
    [(q, r) for r in RULES for q in r.quotes],
    ids=lambda x: x.key if isinstance(x, Rule) else x[0],
)
def test_every_rule_quotes_its_article_word_for_word(
    quote: tuple[str, str], the_rule: Rule
) -> None:
    article, words = quote
    assert words in _article(article)
    assert article in {s.key for s in the_rule.sources}


def test_every_rule_names_an_article_and_has_a_unique_key() -> None:
    assert len({r.key for r in RULES}) == len(RULES)
    for r in RULES:
        assert r.quotes and r.sources
        assert r.credit.startswith("From “") and r.credit.endswith(".")
    assert "Cedars-Sinai" in rule("ice-towel").credit
    with pytest.raises(KeyError):
        rule("nonsense")


@pytest.mark.parametrize(
    ("since", "phase", "therapy", "alternative"),
    [
        (timedelta(0), RecoveryPhase.ACUTE, Therapy.ICE, None),
        (timedelta(hours=30), RecoveryPhase.ACUTE, Therapy.ICE, None),
        (timedelta(hours=60), RecoveryPhase.HEAT, Therapy.HEAT, Therapy.ICE),
        (timedelta(hours=80), RecoveryPhase.HEAT, Therapy.HEAT, None),
        (timedelta(days=10), RecoveryPhase.PREVENTION, None, None),
    ],
    ids=["0h", "30h", "60h", "80h", "10d"],
)
def test_phase_over_onset_times(
    since: timedelta,
    phase: RecoveryPhase,
    therapy: Therapy | None,
    alternative: Therapy | None,
) -> None:
    r = recovery(NOW - since, NOW)
    assert r is not None
    assert r.phase is phase
    assert r.since == since
    if therapy is None:
        assert r.therapy is None
    else:
        assert r.therapy is not None
        assert (r.therapy.therapy, r.therapy.alternative) == (therapy, alternative)
    assert rule("stop-if-worse") in r.rules  # in every phase


def test_no_onset_no_phase() -> None:
    assert recovery(None, NOW) is None


def test_acute_phase_rules_and_end() -> None:
    onset = NOW - timedelta(hours=2)
    r = recovery(onset, NOW)
    assert r is not None
    assert [x.key for x in r.rules][:2] == ["ice-first", "ice-towel"]
    assert r.changes_at == onset + timedelta(hours=48)
    assert r.note == ""
    assert r.title.startswith("First 48 hours")


def test_between_48_and_72_hours_the_disagreement_is_said() -> None:
    r = recovery(NOW - timedelta(hours=60), NOW)
    assert r is not None
    assert "MedicineNet keeps ice for up to 72 hours" in r.note
    assert "72 hours" in rule("heat-later").text and "48 hours" in rule("heat-later").text


def test_prevention_after_a_week_says_when_to_see_a_doctor() -> None:
    onset = NOW - PREVENTION_FROM
    r = recovery(onset, NOW)
    assert r is not None and r.phase is RecoveryPhase.PREVENTION
    assert "doctor" in r.note
    assert {x.key for x in r.rules} >= {"core", "desk-breaks", "stretch-daily"}
    before = recovery(onset + timedelta(minutes=1), NOW)
    assert before is not None and before.phase is RecoveryPhase.HEAT
    assert before.changes_at == onset + timedelta(minutes=1) + PREVENTION_FROM


def test_pain_eased_moves_to_prevention_without_a_doctor_note() -> None:
    r = recovery(NOW - timedelta(hours=5), NOW, pain_eased=True)
    assert r is not None and r.phase is RecoveryPhase.PREVENTION
    assert r.therapy is None and r.note == ""


def test_an_onset_in_the_future_is_refused_in_words() -> None:
    with pytest.raises(ScheduleError, match="future"):
        recovery(NOW + timedelta(hours=1), NOW)
