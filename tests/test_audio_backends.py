"""Which sound output the stream opens: PulseAudio's, Qt's, as asked or as found."""

from __future__ import annotations

import pytest

from spasmtimer.audio import backends
from spasmtimer.audio.pulse import PulseError


class Device:
    def __init__(self, kind: str) -> None:
        self.kind = kind


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    tried: list[str] = []
    monkeypatch.delenv(backends.BACKEND_ENV, raising=False)

    def pulse(*_args: object) -> Device:
        tried.append("pulse")
        if "no-pulse" in tried:
            raise PulseError("libpulse is not installed")
        return Device("pulse")

    def qt(*_args: object) -> Device:
        tried.append("qt")
        if "no-qt" in tried:
            raise RuntimeError("no sound output device")
        return Device("qt")

    monkeypatch.setattr(backends, "open_pulse", pulse)
    monkeypatch.setattr(backends, "open_qt", qt)
    return tried


def _open() -> Device:
    return backends.open_default_device(44_100, 1.0, 0.48, 0.05)  # type: ignore[return-value]


@pytest.mark.parametrize(("value", "choice"), [("", "auto"), ("qt", "qt"), (" PULSE ", "pulse"),
                                               ("alsa", "auto")])  # fmt: skip
def test_the_output_asked_for_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, choice: str
) -> None:
    monkeypatch.setenv(backends.BACKEND_ENV, value)
    assert backends.backend_choice() == choice


def test_pulseaudio_is_the_default_and_qt_is_not_touched(opened: list[str]) -> None:
    assert _open().kind == "pulse"
    assert opened == ["pulse"]


def test_without_libpulse_or_a_server_qt_plays(opened: list[str]) -> None:
    opened.append("no-pulse")
    assert _open().kind == "qt"


def test_asked_for_qt_pulseaudio_is_not_tried(
    opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(backends.BACKEND_ENV, "qt")
    assert _open().kind == "qt"
    assert opened == ["qt"]


def test_asked_for_pulseaudio_without_it_there_is_no_output(
    opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(backends.BACKEND_ENV, "pulse")
    opened.append("no-pulse")
    with pytest.raises(PulseError):
        _open()
    assert "qt" not in opened


def test_with_neither_the_error_names_both(opened: list[str]) -> None:
    opened.extend(["no-pulse", "no-qt"])
    with pytest.raises(OSError, match="libpulse is not installed; Qt Multimedia: no sound output"):
        _open()
