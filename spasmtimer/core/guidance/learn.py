"""The Learn page: what the articles advise beyond the stretches, in our words.

Each point names the articles it comes from, so the page can credit them
and a reader can check. Nothing is added that the articles do not say.
"""

from __future__ import annotations

from dataclasses import dataclass

from spasmtimer.core.guidance.safety import NOT_A_DOCTOR
from spasmtimer.core.guidance.sources import (
    CEDARS_SINAI,
    LOW_BACK_CRAMPS,
    LOWER_BACK,
    MEDICINENET,
    SOURCES,
    WHAT_TO_DO,
    Source,
)


@dataclass(frozen=True)
class Point:
    """One piece of advice and where it comes from."""

    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Topic:
    """A heading on the Learn page with its points."""

    key: str
    title: str
    points: tuple[Point, ...]


TOPICS: tuple[Topic, ...] = (
    Topic(
        "first-days",
        "Right after a spasm",
        (
            Point(
                "Stay calm and find a position that takes the strain off your back: lie on "
                "your back with your knees bent and supported by pillows, or with your lower "
                "legs resting on a chair seat.",
                (WHAT_TO_DO, CEDARS_SINAI),
            ),
            Point(
                "Rest as much as you need, for 2 to 3 days if necessary, but stay somewhat "
                "mobile: complete bed rest can slow recovery.",
                (CEDARS_SINAI, WHAT_TO_DO, LOW_BACK_CRAMPS),
            ),
            Point(
                "Stop any movement or stretch that makes the pain worse.",
                (WHAT_TO_DO, CEDARS_SINAI, LOW_BACK_CRAMPS),
            ),
            Point(
                "Ice first, heat later: see the ice and heat timer for what each article says.",
                (WHAT_TO_DO, MEDICINENET, LOW_BACK_CRAMPS),
            ),
            Point(
                "Slow, deep breaths help the muscles relax; so can relaxation or distraction.",
                (MEDICINENET, CEDARS_SINAI),
            ),
        ),
    ),
    Topic(
        "walking",
        "Walking",
        (
            Point(
                "Gentle movement beats bed rest. Walk for short spells, 5 to 10 minutes, a "
                "few times a day: it keeps blood flowing and stops the back stiffening.",
                (WHAT_TO_DO, CEDARS_SINAI),
            ),
            Point(
                "Walk as much as is comfortable, and return to your usual activities gradually.",
                (LOW_BACK_CRAMPS,),
            ),
        ),
    ),
    Topic(
        "desk",
        "Sitting and desk breaks",
        (
            Point(
                "Stand up, stretch or walk for a moment every 30 minutes. Sitting still for "
                "long puts a steady load on the spine and tires the muscles.",
                (WHAT_TO_DO, LOWER_BACK),
            ),
            Point(
                "Set up your desk so your lower back is supported, your feet are flat on the "
                "floor and the screen is at eye level.",
                (WHAT_TO_DO, LOWER_BACK),
            ),
            Point(
                "A cushion or a lumbar roll behind your lower back eases the strain when sitting.",
                (MEDICINENET, LOW_BACK_CRAMPS),
            ),
        ),
    ),
    Topic(
        "posture",
        "Posture",
        (
            Point(
                "Poor posture makes spasms worse. Keep a good posture when sitting, standing "
                "and lifting.",
                (MEDICINENET, LOWER_BACK, LOW_BACK_CRAMPS),
            ),
            Point(
                "Support your back with cushions when sitting or sleeping; a mattress that "
                "supports you helps you sleep well.",
                (MEDICINENET, LOW_BACK_CRAMPS),
            ),
        ),
    ),
    Topic(
        "lifting",
        "Lifting",
        (
            Point(
                "Bend at your knees and hips and keep your back straight, so your legs do the "
                "work.",
                (WHAT_TO_DO, LOW_BACK_CRAMPS),
            ),
            Point("Hold the load close to your body.", (WHAT_TO_DO,)),
            Point(
                "Do not twist while lifting: turn your feet to change direction.",
                (WHAT_TO_DO,),
            ),
        ),
    ),
    Topic(
        "hydration",
        "Water and minerals",
        (
            Point(
                "Drink enough water for your size and how active you are. Dehydration can "
                "bring on muscle cramps and spasms.",
                (MEDICINENET, WHAT_TO_DO, LOWER_BACK, CEDARS_SINAI, LOW_BACK_CRAMPS),
            ),
            Point(
                "Muscles also need minerals such as potassium, calcium, sodium and magnesium; "
                "low levels make spasms more likely.",
                (WHAT_TO_DO, LOWER_BACK),
            ),
        ),
    ),
    Topic(
        "prevention",
        "Preventing the next spasm",
        (
            Point(
                "Strengthen your core (stomach, back and buttock muscles), for example with "
                "pelvic tilts, bridges, bird-dog and planks. A physical therapist can check "
                "your technique.",
                (WHAT_TO_DO, LOWER_BACK, LOW_BACK_CRAMPS),
            ),
            Point(
                "Stretch your back every day to stay flexible.",
                (CEDARS_SINAI, LOW_BACK_CRAMPS, LOWER_BACK),
            ),
            Point(
                "Warm up before exercise and stretch afterwards; a little heat before hard "
                "activity can also help.",
                (MEDICINENET, CEDARS_SINAI),
            ),
            Point(
                "Stay active and keep a healthy weight: extra weight strains the spine.",
                (MEDICINENET, LOW_BACK_CRAMPS, LOWER_BACK),
            ),
            Point(
                "Stress tenses muscles; ways of managing it and good sleep help.",
                (LOWER_BACK, LOW_BACK_CRAMPS),
            ),
        ),
    ),
)


def topic(key: str) -> Topic:
    """The topic with this key (``KeyError`` if there is none)."""
    for t in TOPICS:
        if t.key == key:
            return t
    raise KeyError(key)


def disclaimer() -> str:
    return (
        f"{NOT_A_DOCTOR} The advice here is taken from the articles named under each point, "
        "in our own words. If something feels wrong, or a red flag applies, see a doctor."
    )


def credits() -> tuple[Source, ...]:
    return SOURCES
