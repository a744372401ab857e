"""What the .deb says about the app (packaging/metadata.py) agrees with the app."""

from __future__ import annotations

import configparser
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import spasmtimer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))

import metadata  # noqa: E402  (packaging/metadata.py)


def test_the_version_comes_from_the_package() -> None:
    assert metadata.version() == spasmtimer.__version__


def test_metainfo_names_this_release_and_existing_screenshots() -> None:
    root = ET.fromstring(metadata.metainfo(spasmtimer.__version__))
    assert root.findtext("id") == metadata.APP_ID
    assert root.findtext("launchable") == metadata.DESKTOP_ID
    releases = [r.get("version") for r in root.iter("release")]
    assert releases[0] == spasmtimer.__version__
    images = [i.text or "" for i in root.iter("image")]
    assert images, "no screenshots"
    for url in images:
        name = url.rsplit("/", 1)[1]
        assert (ROOT / "docs" / "screenshots" / name).is_file(), name


def test_desktop_entry_matches_the_app() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "assets" / metadata.DESKTOP_ID)
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"].split()[0] == "spasmtimer"
    assert desktop["Icon"] == metadata.ICON
    # The app tells Qt this name, so Wayland finds the entry and its icon.
    source = (ROOT / "spasmtimer" / "ui" / "app.py").read_text()
    assert f'setDesktopFileName("{Path(metadata.DESKTOP_ID).stem}")' in source


def test_control_has_the_computed_depends_and_recommends_a_sound_server() -> None:
    text = metadata.control("1.2.3", "libc6 (>= 2.35), libpulse0", 1000)
    fields = dict(
        line.split(": ", 1) for line in text.splitlines() if ": " in line and line[0] != " "
    )
    assert fields["Version"] == "1.2.3"
    assert fields["Depends"] == "libc6 (>= 2.35), libpulse0"
    assert fields["Recommends"] == "pipewire-pulse | pulseaudio"
    assert all(len(line) <= 80 for line in text.splitlines())
