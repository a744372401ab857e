"""The routine library read back from its cache: the same routines, the same totals."""

from __future__ import annotations

import pytest

from spasmtimer import resources
from spasmtimer.core.routines import library
from spasmtimer.core.routines.plan import make_plan

USER_ROUTINE = """format: 1
name: Two holds
exercises:
  - name: Knee to chest
    hold: 20
    reps: 2
    rest: 10
"""


def test_a_cached_load_gives_what_a_fresh_load_gave_without_making_plans(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = resources.user_routines_dir()
    folder.mkdir(parents=True)
    (folder / "two.yaml").write_text(USER_ROUTINE, encoding="utf-8")
    (folder / "broken.yaml").write_text("format: 1\nname: [\n", encoding="utf-8")

    fresh = library.load()  # parses the files and writes the cache
    assert resources.routine_cache_path().is_file()

    def no_plans(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached routine's total is read, not worked out again")

    monkeypatch.setattr(library, "make_plan", no_plans)
    cached = library.load()

    assert cached.entries == fresh.entries
    assert cached.broken == fresh.broken
    assert [b.path for b in cached.broken] == [str(folder / "broken.yaml")]
    for entry in cached.entries:
        assert entry.total_seconds == make_plan(entry.routine).total_seconds
    two = cached.by_key[str(folder / "two.yaml")]
    assert two.total_seconds == make_plan(two.routine).total_seconds > 0


def test_the_stamp_follows_the_modules_that_check_a_routine() -> None:
    """Editing the loader or its checks (in core/routines/) makes the cache stale."""
    from spasmtimer.core.routines import library_cache

    names = {name for name, _ in library_cache.code_stamp()[2]}
    assert {"core.routines/loader.py", "core.routines/field_checks.py"} <= names
    assert "core/clock.py" in names
