"""What the package says about the app: one place for the build's texts.

The version is the package's own (``spasmtimer.__version__``, read from the
source without importing it), so the .deb, ``spasmtimer --version``, the
About box and the AppStream release entry always agree.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

TOP = Path(__file__).resolve().parent.parent

# AppStream wants a reverse-DNS id; the desktop entry keeps the name the app
# gives Qt (QGuiApplication.setDesktopFileName), so Wayland finds its icon.
APP_ID = "io.github.spasmtimer.SpasmTimer"
DESKTOP_ID = "spasmtimer.desktop"
ICON = "spasmtimer"  # the desktop entry's Icon=, in the hicolor theme
# Where the project is published; the screenshots' addresses are under it.
HOMEPAGE = "https://github.com/spasmtimer/spasmtimer"
SCREENSHOTS = f"{HOMEPAGE}/raw/main/docs/screenshots"
MAINTAINER = "SpasmTimer developers <spasmtimer@users.noreply.github.com>"
SUMMARY = "Hands-free coach for lower-back stretch routines"
SUMMARY_LOWER = "hands-free coach for lower-back stretch routines"
DESCRIPTION = (
    "SpasmTimer coaches you through the stretches that relieve and prevent "
    "lower-back muscle spasms. Lie down, press one key and close your eyes: a "
    "calm voice and a large countdown tell you what to do, how long to hold, "
    "when to rest, when to switch sides and when you are done."
)
FEATURES = [
    "Today: what to do now, given when the spasm began (ice, heat, sessions, walks)",
    "Spoken counts on the beat, and a countdown readable from across the room",
    "Holds that grow as the back improves, kept within the routine's range",
    "A history with pain ratings, and a PDF report for a clinician visit",
    "Routines are small YAML files; an editor checks them as you type",
]
# (file under docs/screenshots, caption)
SCREENSHOT_FILES = [
    ("hold.png", "Holding the prayer stretch"),
    ("today-acute-light.png", "Today, two hours after a spasm began"),
    ("overview.png", "The routine before starting"),
    ("history.png", "The history of sessions"),
]


def version() -> str:
    text = (TOP / "spasmtimer" / "__init__.py").read_text()
    match = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not match:
        raise SystemExit("no __version__ in spasmtimer/__init__.py")
    return match.group(1)


def release_date() -> str:
    """The date of the last commit (reproducible), or today outside git."""
    import subprocess

    out = subprocess.run(
        ["git", "log", "-1", "--format=%cs"], cwd=TOP, check=False, capture_output=True, text=True
    )
    return out.stdout.strip() or datetime.now(UTC).date().isoformat()


def metainfo(ver: str) -> str:
    features = "\n".join(f"      <li>{escape(f)}</li>" for f in FEATURES)
    shots = []
    for i, (name, caption) in enumerate(SCREENSHOT_FILES):
        width, height = _png_size(TOP / "docs" / "screenshots" / name)
        kind = ' type="default"' if i == 0 else ""
        shots.append(
            f"    <screenshot{kind}>\n"
            f"      <caption>{escape(caption)}</caption>\n"
            f'      <image type="source" width="{width}" height="{height}">'
            f"{SCREENSHOTS}/{name}</image>\n"
            f"    </screenshot>"
        )
    screenshots = "\n".join(shots)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{APP_ID}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>MIT</project_license>
  <name>SpasmTimer</name>
  <summary>{escape(SUMMARY)}</summary>
  <developer_name>The SpasmTimer developers</developer_name>
  <description>
    <p>{escape(DESCRIPTION)}</p>
    <ul>
{features}
    </ul>
    <p>SpasmTimer does not replace a doctor: it shows the red flags that mean
    seek care now, and a "This hurts" button during every session.</p>
  </description>
  <launchable type="desktop-id">{DESKTOP_ID}</launchable>
  <icon type="stock">{ICON}</icon>
  <url type="homepage">{HOMEPAGE}</url>
  <url type="bugtracker">{HOMEPAGE}/issues</url>
  <categories>
    <category>Utility</category>
  </categories>
  <keywords>
    <keyword>back</keyword>
    <keyword>stretch</keyword>
    <keyword>timer</keyword>
    <keyword>physiotherapy</keyword>
  </keywords>
  <provides>
    <binary>spasmtimer</binary>
  </provides>
  <content_rating type="oars-1.1"/>
  <supports>
    <control>keyboard</control>
    <control>pointing</control>
  </supports>
  <screenshots>
{screenshots}
  </screenshots>
  <releases>
    <release version="{ver}" date="{release_date()}">
      <description>
        <p>The first packaged release.</p>
      </description>
    </release>
  </releases>
</component>
"""


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def control(ver: str, depends: str, installed_kib: int) -> str:
    features = "\n".join(
        "\n".join(("  - " if i == 0 else "    ") + line for i, line in enumerate(_wrap(f, 70)))
        for f in FEATURES
    )
    description = "\n".join(" " + line for line in _wrap(DESCRIPTION))
    return f"""Package: spasmtimer
Version: {ver}
Architecture: amd64
Maintainer: {MAINTAINER}
Installed-Size: {installed_kib}
Depends: {depends}
Recommends: pipewire-pulse | pulseaudio
Section: misc
Priority: optional
Homepage: {HOMEPAGE}
Description: {SUMMARY_LOWER}
{description}
 .
{features}
"""


def _wrap(text: str, width: int = 72) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def changelog(ver: str) -> str:
    stamp = datetime.fromisoformat(release_date()).strftime("%a, %d %b %Y 12:00:00 +0000")
    return (
        f"spasmtimer ({ver}) stable; urgency=medium\n\n"
        f"  * The first packaged release.\n\n"
        f" -- {MAINTAINER}  {stamp}\n"
    )


def bash_completion() -> str:
    commands = "start list validate plan edit history handout"
    return f"""# bash completion for spasmtimer
_spasmtimer() {{
    local cur prev
    cur=${{COMP_WORDS[COMP_CWORD]}}
    prev=${{COMP_WORDS[COMP_CWORD-1]}}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "{commands} --help --version" -- "$cur"))
        return
    fi
    case ${{COMP_WORDS[1]}} in
        validate|edit) COMPREPLY=($(compgen -f -X '!*.y*ml' -- "$cur")) ;;
        handout)
            if [ "$prev" = -o ] || [ "$prev" = --output ]; then
                COMPREPLY=($(compgen -f -- "$cur"))
            else
                COMPREPLY=($(compgen -W "-o --output" -- "$cur"))
            fi ;;
        start) COMPREPLY=($(compgen -W "--exit-when-done" -- "$cur")) ;;
        plan) COMPREPLY=($(compgen -W "--json" -f -- "$cur")) ;;
        history) COMPREPLY=($(compgen -W "--csv" -- "$cur")) ;;
    esac
}}
complete -o filenames -F _spasmtimer spasmtimer
"""
