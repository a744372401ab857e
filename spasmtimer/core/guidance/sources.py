"""The articles the app's advice comes from (the project's seeds 000–004).

Apart from :mod:`spasmtimer.core.guidance.safety` (which re-exports them) so that the
ice and heat schedule and the recovery phases, which Today's first paint
needs, can credit them without making the red-flag tables.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """One of the articles the app's advice comes from."""

    key: str  # "000" ... "004", the article's number in the project's seeds
    title: str
    publisher: str = ""
    note: str = ""  # e.g. "medically reviewed 11/9/2022"

    @property
    def credit(self) -> str:
        """How the source is named on screen."""
        extra = ", ".join(part for part in (self.publisher, self.note) if part)
        return f"“{self.title}” ({extra})" if extra else f"“{self.title}”"


WHAT_TO_DO = Source("000", "What to Do for Back Muscle Spasms")
CEDARS_SINAI = Source("001", "Back Spasms", "Cedars-Sinai")
MEDICINENET = Source(
    "002", "How Do You Relieve Back Spasms? 10 Tips", "MedicineNet", "medically reviewed 11/9/2022"
)
# The article has no title line; this short title describes it (the same
# one the bundled routines credit it with).
LOWER_BACK = Source("003", "Lower back muscle spasms: quick relief and prevention")
LOW_BACK_CRAMPS = Source("004", "Low Back Cramps or Spasms")

SOURCES: tuple[Source, ...] = (WHAT_TO_DO, CEDARS_SINAI, MEDICINENET, LOWER_BACK, LOW_BACK_CRAMPS)
