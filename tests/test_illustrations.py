"""Every bundled exercise has a picture that Qt's SVG renderer draws, filling its card."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from spasmtimer import resources
from spasmtimer.core.routines.loader import load_routine, resolve_image

SCRIPT = Path(__file__).resolve().parent.parent / "tools" / "make_illustrations.py"


def _bundled_images() -> list[tuple[str, Path]]:
    """Every picture in the bundled images folder, and every one a routine names."""
    seen = {p.name: p for p in resources.asset("images").glob("*.svg")}
    for path in resources.bundled_routine_files():
        routine = load_routine(path)
        for exercise in routine.exercises:
            image = resolve_image(routine, exercise)
            if image is not None:
                seen.setdefault(image.name, image)
    return sorted(seen.items())


IMAGES = _bundled_images()


def _render(svg: Path, width: int = 200) -> QImage:
    renderer = QSvgRenderer(str(svg))
    assert renderer.isValid(), f"{svg.name} is not valid SVG for Qt"
    image = QImage(width, width * 3 // 4, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    return image


def _ink_box(image: QImage) -> tuple[int, tuple[int, int, int, int]]:
    """How many pixels are dark figure ink, and the box (x0, y0, x1, y1) they span."""
    count = 0
    xs: list[int] = []
    ys: list[int] = []
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if c.alpha() > 200 and c.lightness() < 100:
                count += 1
                xs.append(x)
                ys.append(y)
    if not xs:
        return 0, (0, 0, 0, 0)
    return count, (min(xs), min(ys), max(xs), max(ys))


def _generator(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    if not SCRIPT.is_file():
        pytest.skip("not a checkout")
    spec = importlib.util.spec_from_file_location("make_illustrations", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look it up
    spec.loader.exec_module(module)
    return module


def _grey(hex_colour: str) -> float:
    """Lightness 0..1 of a colour printed in greyscale (Rec. 709 luma)."""
    c = QColor(hex_colour)
    return (0.2126 * c.red() + 0.7152 * c.green() + 0.0722 * c.blue()) / 255


def test_every_bundled_exercise_has_a_picture() -> None:
    for path in resources.bundled_routine_files():
        routine = load_routine(path)
        for exercise in routine.exercises:
            if exercise.image is not None:
                image = resolve_image(routine, exercise)
                assert image is not None and image.is_file(), (path.name, exercise.name)


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("name,path", IMAGES, ids=[n for n, _ in IMAGES])
def test_image_renders_a_figure_that_fills_the_card(name: str, path: Path) -> None:
    image = _render(path)
    count, (x0, y0, x1, y1) = _ink_box(image)
    # A figure, not an empty card: a few percent of the picture is dark ink ...
    assert count > 0.03 * (image.width() * image.height() / 4), name
    # ... and it is drawn large: the end position alone spans a good part of the card.
    fill_w = (x1 - x0) / image.width()
    fill_h = (y1 - y0) / image.height()
    assert max(fill_w, fill_h) >= 0.4, (name, fill_w, fill_h)


@pytest.mark.usefixtures("qapp")
def test_every_picture_has_the_same_canvas_and_a_title() -> None:
    sizes = {QSvgRenderer(str(p)).viewBoxF().size().toTuple() for _, p in IMAGES}
    assert sizes == {(400.0, 300.0)}
    for name, path in IMAGES:
        assert "<title>" in path.read_text(encoding="utf-8"), name


def test_start_and_end_positions_stay_apart_in_greyscale(monkeypatch: pytest.MonkeyPatch) -> None:
    m = _generator(monkeypatch)
    ink, far, ghost, arrow = (_grey(c) for c in (m.INK, m.FAR, m.GHOST, m.ARROW))
    assert ghost - ink > 0.5  # pale start position, dark end position
    assert ghost - far > 0.15  # the far limbs of the end position are darker than the ghost
    assert 1.0 - ghost > 0.12  # the ghost is still visible on white paper
    assert ghost - arrow > 0.3


def test_the_generator_reproduces_the_committed_pictures(monkeypatch: pytest.MonkeyPatch) -> None:
    m = _generator(monkeypatch)
    assert len(m.EXERCISES) == 21
    for stem, make in m.EXERCISES.items():
        committed = resources.asset("images", f"{stem}.svg")
        assert committed.read_text(encoding="utf-8") == make().svg(), (
            f"{stem}.svg is out of date: run tools/make_illustrations.py"
        )


def test_the_figure_keeps_one_scale_cap_and_fits_the_card(monkeypatch: pytest.MonkeyPatch) -> None:
    m = _generator(monkeypatch)
    for stem, make in m.EXERCISES.items():
        scene = make()
        canvas = scene.layout()
        assert canvas.s <= m.MAX_SCALE, stem
        x0, x1, y0, y1 = scene.bounds()
        left, top = canvas.xy((x0, y1))
        right, bottom = canvas.xy((x1, y0))
        assert left >= m.MARGIN - 0.5 and right <= m.W - m.MARGIN + 0.5, stem
        assert top >= m.MARGIN - 0.5 and bottom <= m.H - m.MARGIN + 0.5, stem
        # Both positions together fill the card one way (up to the scale cap).
        if canvas.s < m.MAX_SCALE:
            filled = max(
                (right - left) / (m.W - 2 * m.MARGIN), (bottom - top) / (m.H - 2 * m.MARGIN)
            )
            assert filled > 0.9, stem
