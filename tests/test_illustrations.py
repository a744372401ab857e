"""Every bundled exercise has a picture that Qt's SVG renderer draws."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from spasmtimer import resources
from spasmtimer.core.loader import load_routine, resolve_image


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


def _ink_pixels(image: QImage) -> int:
    """Pixels clearly darker than the pale card, mat and ghost."""
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if c.alpha() > 200 and c.lightness() < 120:
                count += 1
    return count


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("name,path", IMAGES, ids=[n for n, _ in IMAGES])
def test_image_renders_a_figure(name: str, path: Path) -> None:
    image = _render(path)
    # A figure, not an empty card: a few percent of the picture is dark ink.
    assert _ink_pixels(image) > 0.02 * (image.width() * image.height() / 4), name


@pytest.mark.usefixtures("qapp")
def test_every_picture_has_the_same_canvas() -> None:
    sizes = {QSvgRenderer(str(p)).viewBoxF().size().toTuple() for _, p in IMAGES}
    assert sizes == {(400.0, 300.0)}


def test_the_generator_reproduces_the_committed_pictures(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "tools" / "make_illustrations.py"
    if not script.is_file():
        pytest.skip("not a checkout")
    spec = importlib.util.spec_from_file_location("make_illustrations", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look it up
    spec.loader.exec_module(module)
    for stem, (title, make) in module.EXERCISES.items():
        committed = resources.asset("images", f"{stem}.svg")
        assert committed.read_text(encoding="utf-8") == make().svg(title), (
            f"{stem}.svg is out of date: run tools/make_illustrations.py"
        )
