"""Whole files: unreadable, not YAML, not UTF-8, huge, hostile; libraries and look-ups."""

from __future__ import annotations

from pathlib import Path

import pytest

from spasmtimer import resources
from spasmtimer.core.routines import loader
from spasmtimer.core.routines.loader import (
    MAX_FILE_BYTES,
    RoutineError,
    default_library,
    find_routine,
    load_library,
    load_routine,
    load_routine_text,
    resolve_image,
)

GOOD = "format: 1\nname: Good one\nexercises:\n  - {name: Stretch, hold: 5, image: pic.svg}\n"


def problems_of(path: Path) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    return [str(p) for p in caught.value.problems]


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# -- files that are not routines at all ------------------------------------------


def test_missing_file_folder_and_other_things(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: no such file"]
    assert problems_of(tmp_path) == [f"{tmp_path}: is a folder, not a routine file"]
    assert problems_of(Path("/dev/null")) == ["/dev/null: is not a regular file"]


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.yaml", GOOD)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert problems_of(path) == [f"{path}: cannot be read: permission denied"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "1:1: the file is empty; a routine needs at least format, name and exercises"),
        (b"  \n\n", "1:1: the file is empty; a routine needs at least format, name and exercises"),
        (b"# only\n# comments\n", "1:1: the file holds only comments; a routine needs format, "
         "name and exercises"),
        (b"format: 1\nname: Caf\xe9\n", "2:10: the file is not UTF-8 text (byte 0xE9 here); "
         "save it as UTF-8"),
        (b"\xff\xfef\x00o\x00", "1:1: the file is saved as UTF-16; save it as UTF-8 instead"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "1:1: the file is not UTF-8 text (byte 0x89 here); "
         "save it as UTF-8"),
        (b"format: 1\nname: a\x07b\n", "2:8: this character (#x0007) is not allowed in a YAML "
         "file"),
        (b"format: 1\nname: A\nexercises:\n- {name: x, hold: 5}\n---\nformat: 1\n",
         "5:1: a routine file holds one YAML document; remove this '---' and all after"),
        (b"format: 1\nname: a: b\n", "2:8: this is not valid YAML: mapping values are not "
         "allowed"),
        (b"format: 1\nexercises: [a, b\n", "3:1: this is not valid YAML: did not find expected "),
        (b"format: 1\nname: *nothing\n", "2:7: this alias (*name) refers to no anchor (&name)"),
    ],
)  # fmt: skip
def test_files_that_are_not_routines_get_one_clear_problem(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    path = write(tmp_path, "bad.yaml", data)
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}:{expected}"), problem


def test_a_file_over_1_mib_is_refused_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.yaml", "# " + "x" * MAX_FILE_BYTES + "\n" + GOOD)
    assert problems_of(path) == [
        f"{path}:1:1: the file is 1.0 MiB; a routine file may be at most 1 MiB"
    ]
    just_in = write(
        tmp_path, "big.yaml", GOOD + "# " + "x" * (MAX_FILE_BYTES - len(GOOD) - 3) + "\n"
    )
    assert just_in.stat().st_size == MAX_FILE_BYTES
    assert load_routine(just_in).name == "Good one"
    with pytest.raises(RoutineError, match="at most 1 MiB"):
        load_routine_text("x" * (MAX_FILE_BYTES + 1))


def test_a_file_of_countless_values_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "many.yaml", "- 1\n" * 200_000)
    assert problems_of(path) == [
        f"{path}:1:1: this file holds far too many values to be a routine (it is not one)"
    ]


@pytest.mark.parametrize(
    "text",
    ["[" * 5000 + "]" * 5000, "a: " + "[" * 5000, "{a: " * 3000],
    ids=["nested", "unclosed", "mappings"],
)
def test_deep_nesting_is_a_problem_not_a_crash(text: str) -> None:
    with pytest.raises(RoutineError) as caught:
        load_routine_text(text)
    assert len(caught.value.problems) == 1


def test_text_that_cannot_be_utf8() -> None:
    with pytest.raises(RoutineError) as caught:
        load_routine_text("format: 1\nname: \udc80\n", "s.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "s.yaml:2:7: this text cannot be saved as UTF-8"
    ]


# -- no code runs, whatever the tags say -------------------------------------------------


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ('!!python/object/apply:os.system ["touch {marker}"]', "!!python/object/apply:os.system"),
        ("!!python/object/new:subprocess.check_output [[touch, '{marker}']]",
         "!!python/object/new:subprocess.check_output"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set [a]", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!custom 5", "!custom"),
        ("!<tag:example.com,2024:x> 5", "tag:example.com,2024:x"),
    ],
)  # fmt: skip
def test_tags_that_construct_objects_are_refused_and_never_run(
    tmp_path: Path, value: str, tag: str
) -> None:
    marker = tmp_path / "ran"
    hold = value.format(marker=marker)
    text = f"format: 1\nname: Tagged\nexercises:\n  - name: E\n    hold: {hold}\n"
    path = write(tmp_path, "tagged.yaml", text)
    assert problems_of(path) == [
        f'{path}:5:11: exercise 1 ("E"): hold uses the YAML tag {tag}, which is not allowed in '
        "a routine file"
    ]
    assert not marker.exists()


def test_a_tag_anywhere_is_reported_once() -> None:
    text = "!!python/object:x {}\n"
    with pytest.raises(RoutineError) as caught:
        load_routine_text(text, "t.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "t.yaml:1:1: this uses the YAML tag !!python/object:x, which is not allowed in a "
        "routine file"
    ]
    text = "format: 1\nname: N\n!foo k: 1\nexercises: [{name: E, hold: !!str 5}]\n"
    with pytest.raises(RoutineError) as caught:
        load_routine_text(text, "t.yaml")
    # !!str is one of the plain safe tags; a duration may be text.
    assert [str(p) for p in caught.value.problems] == [
        "t.yaml:3:1: this uses the YAML tag !foo, which is not allowed in a routine file"
    ]


def test_aliases_do_not_explode() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    with pytest.raises(RoutineError) as caught:
        load_routine_text("\n".join(lines) + "\n", "laughs.yaml")
    assert len(caught.value.problems) == 12 + 3  # twelve unknown keys, three missing fields
    recursive = "format: 1\nname: R\nexercises: &x\n  - *x\n"
    with pytest.raises(RoutineError, match="exercise 1 must be a set of fields"):
        load_routine_text(recursive)


# -- libraries and look-ups -----------------------------------------------------------------


def test_a_broken_file_never_stops_the_others(tmp_path: Path) -> None:
    paths = [
        write(tmp_path, "a.yaml", GOOD),
        write(tmp_path, "b.yaml", b"\xff\xfe"),
        tmp_path / "missing.yaml",
        write(tmp_path, "c.yaml", GOOD.replace("Good one", "Another")),
        write(tmp_path, "d.yaml", "format: 1\nname: [\n"),
    ]
    library = load_library(paths)
    assert [r.name for r in library.routines] == ["Good one", "Another"]
    assert [e.file for e in library.broken] == [str(p) for p in paths[1:3]] + [str(paths[4])]


def test_default_library_has_the_bundled_and_the_users_routines() -> None:
    user = resources.user_routines_dir()
    user.mkdir(parents=True)
    (user / "mine.yaml").write_text(GOOD.replace("Good one", "Mine"), encoding="utf-8")
    (user / "broken.yml").write_text("format: 1\n", encoding="utf-8")
    library = default_library()
    names = [r.name for r in library.routines]
    assert "Mine" in names
    assert len(names) == len(resources.bundled_routine_files()) + 1
    assert [e.file for e in library.broken] == [str(user / "broken.yml")]
    assert loader.is_bundled(library.routines[0])
    assert not loader.is_bundled(next(r for r in library.routines if r.name == "Mine"))


def test_find_routine_by_path_name_or_stem(tmp_path: Path) -> None:
    path = write(tmp_path, "good.yaml", GOOD)
    assert find_routine(str(path)).name == "Good one"
    user = resources.user_routines_dir()
    user.mkdir(parents=True)
    (user / "my-stretch.yaml").write_text(GOOD.replace("Good one", "Back spasm relief"), "utf-8")
    assert find_routine("MY-STRETCH").path == user / "my-stretch.yaml"
    # The user's routine of the same name comes before the bundled one.
    assert find_routine("back spasm relief").path == user / "my-stretch.yaml"
    bundled = resources.bundled_routine_files()[0]
    assert find_routine(bundled.stem).path == bundled


def test_find_routine_that_is_not_there(tmp_path: Path) -> None:
    with pytest.raises(RoutineError) as caught:
        find_routine("no such routine")
    assert str(caught.value) == (
        "no such routine: no such file, and no routine has that name ('spasmtimer list' shows them)"
    )
    with pytest.raises(RoutineError, match=r"no such file$"):
        find_routine(str(tmp_path / "gone.yaml"))


def test_images_are_found_beside_the_file_then_bundled(tmp_path: Path) -> None:
    routine = load_routine(write(tmp_path, "r.yaml", GOOD))
    exercise = routine.exercises[0]
    assert resolve_image(routine, exercise) is None
    (tmp_path / "pic.svg").write_text("<svg/>", encoding="utf-8")
    assert resolve_image(routine, exercise) == tmp_path / "pic.svg"
    bundled = sorted((resources.assets_dir() / "images").glob("*.svg"))
    if bundled:
        text = GOOD.replace("pic.svg", bundled[0].name)
        elsewhere = load_routine(write(tmp_path, "s.yaml", text))
        assert resolve_image(elsewhere, elsewhere.exercises[0]) == bundled[0]
    no_image = load_routine_text(GOOD.replace(", image: pic.svg", ""))
    assert resolve_image(no_image, no_image.exercises[0]) is None


def test_text_with_a_base_dir_finds_images_there(tmp_path: Path) -> None:
    (tmp_path / "pic.svg").write_text("<svg/>", encoding="utf-8")
    routine = load_routine_text(GOOD, "inline.yaml", base_dir=tmp_path)
    assert resolve_image(routine, routine.exercises[0]) == tmp_path / "pic.svg"


def test_find_a_bundled_routine_by_its_file_name_from_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bundled = resources.bundled_routine_files()[0]
    assert find_routine(bundled.name).path == bundled
    with pytest.raises(RoutineError, match=r"^nothing\.yaml: no such file$"):
        find_routine("nothing.yaml")
