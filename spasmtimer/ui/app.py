"""Starting the Qt application (a minimal window until the desktop app lands)."""

from __future__ import annotations

import argparse
import sys


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    app.setApplicationName("SpasmTimer")
    label = QLabel("SpasmTimer")
    label.resize(640, 400)
    label.show()
    return app.exec()


def run_start(args: argparse.Namespace) -> int:
    return run_gui(args)
