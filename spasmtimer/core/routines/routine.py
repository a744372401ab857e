"""The routine as the rest of the app sees it: plain, frozen, already valid.

The loader (:mod:`spasmtimer.core.routines.loader`) is the only thing that builds these
from files; everything after it can trust every field to be within the limits
of the routine format.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field
from pathlib import Path

FORMAT_VERSION = 1


class Sides(enum.Enum):
    """How an exercise uses the two sides of the body."""

    NONE = "none"
    ALTERNATE = "alternate"  # left, right, left, right, ...
    EACH = "each"  # every rep on the left, then every rep on the right


class Side(enum.Enum):
    """The side of the body a hold is done on."""

    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> Side:
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


@dataclass(frozen=True)
class Hold:
    """How long one hold lasts: a fixed time, or a range the user may climb.

    A range starts at its lower bound (level 0). Each level up adds
    :attr:`step` seconds, and the top level is always exactly the upper bound,
    so ``[5, 10]`` offers 5, 6, 7, 8, 9 and 10 seconds.
    """

    min_seconds: float
    max_seconds: float

    @classmethod
    def fixed(cls, seconds: float) -> Hold:
        return cls(seconds, seconds)

    @property
    def is_range(self) -> bool:
        return self.max_seconds > self.min_seconds

    @property
    def step(self) -> float:
        """Seconds added per level: whole seconds, at most about ten levels."""
        span = self.max_seconds - self.min_seconds
        return float(max(1, math.ceil(span / 10))) if span > 0 else 0.0

    @property
    def top_level(self) -> int:
        if not self.is_range:
            return 0
        return math.ceil((self.max_seconds - self.min_seconds) / self.step - 1e-9)

    def clamp_level(self, level: int) -> int:
        return max(0, min(level, self.top_level))

    def seconds_at(self, level: int) -> float:
        """The hold time at ``level``, clamped to the range."""
        level = self.clamp_level(level)
        return min(self.min_seconds + level * self.step, self.max_seconds)


@dataclass(frozen=True)
class Exercise:
    """One exercise of a routine, with every default already applied.

    ``reps`` is the number of holds per set to start with; ``max_reps`` (from
    ``reps: [6, 7]``) the most it may build up to, or None when fixed. Its
    *levels* step through the hold first, then the reps: ``hold: [5, 7]``,
    ``reps: [6, 7]`` has levels 0, 1, 2 (5, 6, 7 s at 6 reps) and 3 (7 s at
    7 reps). With fixed reps the levels are the hold's.
    """

    name: str
    hold: Hold
    reps: int = 1
    sets: int = 1
    sides: Sides = Sides.NONE
    prepare: float = 5.0
    rest: float = 3.0
    set_rest: float = 20.0
    instructions: str = ""
    image: str | None = None
    max_reps: int | None = None  # reps may build up to this (``reps: [min, max]``)

    @property
    def reps_range(self) -> bool:
        return self.max_reps is not None and self.max_reps > self.reps

    @property
    def top_level(self) -> int:
        extra = (self.max_reps - self.reps) if self.max_reps is not None else 0
        return self.hold.top_level + max(0, extra)

    @property
    def is_range(self) -> bool:
        """Whether it has levels to climb (a hold or reps given as a range)."""
        return self.top_level > 0

    def clamp_level(self, level: int) -> int:
        return max(0, min(level, self.top_level))

    def seconds_at(self, level: int) -> float:
        """The hold time at ``level``: the hold's, then its longest as the reps grow."""
        return self.hold.seconds_at(min(self.clamp_level(level), self.hold.top_level))

    def reps_at(self, level: int) -> int:
        """Holds per set (per side) at ``level``."""
        return self.reps + max(0, self.clamp_level(level) - self.hold.top_level)

    def holds_per_set_at(self, level: int) -> int:
        """Holds in one set at ``level``; with sides each side counts as its own hold."""
        return self.reps_at(level) * (1 if self.sides is Sides.NONE else 2)

    @property
    def holds_per_set(self) -> int:
        """Holds in one set at the start; with sides each side counts as its own hold."""
        return self.holds_per_set_at(0)


@dataclass(frozen=True)
class Routine:
    """A whole routine file, validated."""

    name: str
    exercises: tuple[Exercise, ...]
    description: str = ""
    source: str = ""
    sessions_per_day: int = 1
    # Where it came from; None for routines built in code (tests, benches).
    path: Path | None = field(default=None, compare=False)
