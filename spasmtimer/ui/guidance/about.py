"""Help → About SpasmTimer: the version, where the advice comes from, the licences.

The version is the package's own (``spasmtimer.__version__``), the one
``spasmtimer --version``, the .deb and its AppStream release entry give.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QMessageBox, QWidget

from spasmtimer import __version__, resources
from spasmtimer.core.guidance.sources import SOURCES


def about_text() -> str:
    """The box's text (rich text), also what a screen reader reads."""
    sources = "".join(f"<li>{escape(source.credit)}</li>" for source in SOURCES)
    return (
        f"<h3>SpasmTimer {escape(__version__)}</h3>"
        "<p>A hands-free coach for the stretches that relieve and prevent "
        "lower-back muscle spasms.</p>"
        "<p>SpasmTimer does not replace a doctor: stop any exercise that makes "
        "your pain worse, and read <b>Help → Seek care now if…</b>.</p>"
        f"<p>The exercises, their numbers, the ice and heat timing and the red "
        f"flags come from these articles:</p><ul>{sources}</ul>"
        "<p>Voice: CMU ARCTIC “slt” (Festival HTS), used under its licence; "
        "see <i>voice/LICENSE.md</i> among the app's files.</p>"
        "<p>SpasmTimer is free software under the MIT licence. It uses Qt and "
        "Qt for Python (PySide6) under the GNU LGPL version 3, PyYAML, "
        "ruamel.yaml and NumPy.</p>"
        f"<p>Your history and routines: <i>{escape(str(resources.user_data_dir()))}</i><br>"
        f"Your settings: <i>{escape(str(resources.settings_path()))}</i></p>"
    )


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(parent, "About SpasmTimer", about_text())
