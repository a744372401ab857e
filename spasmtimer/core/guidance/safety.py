"""When to stop and seek care: the red flags of the source articles, as data.

Every red flag names the articles that give it. Its urgency is the most
urgent wording any of those articles uses for it ("emergency medical
attention", "seek immediate care" → :attr:`Urgency.EMERGENCY`; "prompt
medical evaluation/assessment" → :attr:`Urgency.PROMPT`; "should be
evaluated", "consult your doctor" → :attr:`Urgency.SEE_DOCTOR`). Where the
articles disagree (how long is too long), the flag says so rather than
picking one figure.

Nothing here is medical advice of our own: the wording is ours, the content
is the articles'. The app does not replace a doctor, and says so.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

from spasmtimer.core.guidance.sources import (
    CEDARS_SINAI,
    LOW_BACK_CRAMPS,
    LOWER_BACK,
    MEDICINENET,
    SOURCES,
    WHAT_TO_DO,
    Source,
)
from spasmtimer.core.routines.routine import Routine

NOT_A_DOCTOR = "This app does not replace a doctor."


class Urgency(enum.Enum):
    """How soon to get help, most urgent first."""

    EMERGENCY = enum.auto()
    PROMPT = enum.auto()
    SEE_DOCTOR = enum.auto()

    @property
    def heading(self) -> str:
        return _HEADINGS[self]


_HEADINGS = {
    Urgency.EMERGENCY: "Get medical help right away if you have back pain and…",
    Urgency.PROMPT: "See a doctor promptly if…",
    Urgency.SEE_DOCTOR: "Make an appointment with your doctor if…",
}


@dataclass(frozen=True)
class RedFlag:
    """A sign that home care is not enough."""

    key: str
    text: str  # plain words, completes the urgency heading
    urgency: Urgency
    sources: tuple[Source, ...]
    detail: str = ""  # where the articles differ, or what they add
    printed: str = ""  # the line on the printed handout; "": not printed there


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "bladder-bowel",
        "you lose control of your bladder or bowels, or have new trouble controlling them",
        Urgency.EMERGENCY,
        (WHAT_TO_DO, MEDICINENET, LOWER_BACK, LOW_BACK_CRAMPS),
        "The articles name this as a sign of cauda equina syndrome, a rare but serious "
        "pressure on the nerves at the bottom of the spine.",
        printed="you lose control of your bladder or bowels",
    ),
    RedFlag(
        "legs-severe",
        "your legs feel very weak or numb",
        Urgency.EMERGENCY,
        (LOW_BACK_CRAMPS, WHAT_TO_DO),
        printed="your legs go numb, tingle or feel weak",
    ),
    RedFlag(
        "cannot-walk",
        "you cannot walk or stand",
        Urgency.EMERGENCY,
        (LOW_BACK_CRAMPS,),
    ),
    RedFlag(
        "getting-worse-nerves",
        "numbness, tingling or weakness keeps getting worse",
        Urgency.EMERGENCY,
        (LOW_BACK_CRAMPS,),
    ),
    RedFlag(
        "injury",
        "the pain started after a fall, a car accident or another injury",
        Urgency.EMERGENCY,
        (WHAT_TO_DO, LOWER_BACK, LOW_BACK_CRAMPS),
        printed="the pain started after a fall, a car accident or another injury",
    ),
    RedFlag(
        "fever",
        "you have a fever",
        Urgency.EMERGENCY,
        (WHAT_TO_DO, MEDICINENET, LOWER_BACK, LOW_BACK_CRAMPS),
        printed="you have a fever, or feel generally unwell",
    ),
    RedFlag(
        "weight-loss",
        "you are losing weight without trying",
        Urgency.EMERGENCY,
        (WHAT_TO_DO, MEDICINENET, LOWER_BACK),
        "One article says to have this checked immediately; the others say to seek "
        "medical attention.",
        printed="you are losing weight without trying",
    ),
    RedFlag(
        "severe-pain",
        "the pain is severe and rest does not ease it",
        Urgency.EMERGENCY,
        (LOW_BACK_CRAMPS, MEDICINENET, LOWER_BACK),
    ),
    RedFlag(
        "numb-saddle",
        "you feel numbness or tingling in your groin, genitals or buttocks",
        Urgency.PROMPT,
        (WHAT_TO_DO, LOWER_BACK),
    ),
    RedFlag(
        "leg-numbness",
        "you have new numbness, tingling or weakness in a leg or foot",
        Urgency.PROMPT,
        (WHAT_TO_DO, MEDICINENET, LOWER_BACK),
    ),
    RedFlag(
        "spreads-down-leg",
        "the pain shoots or spreads down one or both legs, especially below the knee",
        Urgency.PROMPT,
        (WHAT_TO_DO, MEDICINENET, LOWER_BACK),
    ),
    RedFlag(
        "wakes-at-night",
        "the pain never lets up, or wakes you at night",
        Urgency.PROMPT,
        (WHAT_TO_DO,),
        printed="the pain never lets up or wakes you at night",
    ),
    RedFlag(
        "lasts",
        "the pain is not getting better after a few days of home care",
        Urgency.SEE_DOCTOR,
        (WHAT_TO_DO, LOWER_BACK, MEDICINENET),
        "The articles give different limits: 72 hours despite rest and pain relievers "
        "(“What to Do for Back Muscle Spasms”), a few days to a week (the lower back "
        "muscle spasms article), and spasms that go on for more than 2 to 3 weeks "
        "(MedicineNet).",
        printed="the pain lasts beyond 72 hours despite rest and pain relievers, or "
        "spasms go on for more than 2–3 weeks",
    ),
    RedFlag(
        "getting-worse",
        "the pain keeps getting worse",
        Urgency.SEE_DOCTOR,
        (LOWER_BACK,),
    ),
    RedFlag(
        "unwell",
        "you feel generally unwell along with the pain",
        Urgency.SEE_DOCTOR,
        (MEDICINENET,),
    ),
    RedFlag(
        "frequent",
        "spasms are severe, come often, or do not respond to home care",
        Urgency.SEE_DOCTOR,
        (MEDICINENET,),
    ),
)


# Under the printed red flags: where they come from, and that paper is no doctor.
PRINTED_RED_FLAG_NOTE = (
    "From “What to Do for Back Muscle Spasms”, “How Do You Relieve Back Spasms? 10 Tips” "
    "(MedicineNet), “Low Back Cramps or Spasms” and the lower back spasms article. "
    "Bladder or bowel problems, sudden leg weakness, fever or pain after an injury need "
    "care right away. This handout does not replace a doctor."
)


def printed_red_flags() -> tuple[str, ...]:
    """The red flags as the handout prints them, in the order shown on screen."""
    return tuple(f.printed for f in RED_FLAGS if f.printed)


def red_flags(urgency: Urgency | None = None) -> tuple[RedFlag, ...]:
    """All red flags, or those of one urgency, in the order shown."""
    return tuple(f for f in RED_FLAGS if urgency is None or f.urgency is urgency)


def by_urgency() -> list[tuple[Urgency, tuple[RedFlag, ...]]]:
    """The red flags grouped under their headings, most urgent first."""
    return [(u, red_flags(u)) for u in Urgency if red_flags(u)]


def sources_of(flags: Iterable[RedFlag]) -> tuple[Source, ...]:
    """The sources behind some flags, each once, in the order of :data:`SOURCES`."""
    used = {s.key for f in flags for s in f.sources}
    return tuple(s for s in SOURCES if s.key in used)


# What the articles say to do when an exercise hurts. Stopping is common to
# all of them; the resting position is from 000 and 001.
STOP_ADVICE = (
    "Stop the exercise. The articles agree: stop any movement or stretch that makes "
    "your pain worse."
)
REST_ADVICE = (
    "Find a position that eases the pain, for example lying on your back with your knees "
    "bent and your lower legs resting on a chair or on pillows."
)
SHARP_PAIN_ADVICE = (
    "Sharp pain, or pain that spreads down a leg, can mean a nerve is being pressed. "
    "The articles list it among the signs that need a doctor's opinion."
)
HURT_SOURCES: tuple[Source, ...] = (WHAT_TO_DO, CEDARS_SINAI, MEDICINENET, LOW_BACK_CRAMPS)


@dataclass(frozen=True)
class HurtReport:
    """What the user said after pressing "This hurts" during an exercise."""

    exercise: str
    sharp_or_spreading: bool
    skip_next_time: bool

    @property
    def needs_red_flags(self) -> bool:
        return self.sharp_or_spreading

    @property
    def left_out_reason(self) -> str:
        """Why it is left out, for the level changes: ``“This hurts” (not sharp); …``."""
        kind = "sharp or spreading down a leg" if self.sharp_or_spreading else "not sharp"
        return f"“This hurts” (pain {kind}); you chose to leave it out next time"

    def detail(self) -> str:
        """One line for the history, in the user's words."""
        kind = "sharp or spreading down a leg" if self.sharp_or_spreading else "not sharp"
        skip = "; skip it next time" if self.skip_next_time else ""
        return f"{self.exercise}{HURT_DETAIL_GLUE}{kind}{skip}"


HURT_EVENT_KIND = "hurts"  # the kind core.history.store documents
PUT_BACK_EVENT_KIND = "put-back"  # an exercise left out after "This hurts" is back
HURT_DETAIL_GLUE = ": pain "  # between the exercise's name and what the user said


def routine_without(routine: Routine, skipped: Collection[str]) -> Routine:
    """The routine minus the exercises the user chose to skip.

    If that would leave nothing, the routine is returned whole: an empty
    routine cannot be run, and the user chose to open it.
    """
    kept = tuple(e for e in routine.exercises if e.name not in skipped)
    if not kept or len(kept) == len(routine.exercises):
        return routine
    return replace(routine, exercises=kept)
