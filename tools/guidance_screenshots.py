"""Screenshots of the guidance screens for the docs.

Run under a real (virtual) X server so fonts and styles are the ones users see:

    xvfb-run -a .venv/bin/python tools/guidance_screenshots.py [OUT_DIR]

Writes ``safety.png``, ``this-hurts.png`` (the advice after a sharp pain),
``ice-timer.png`` and ``tray-menu.png`` into OUT_DIR
(``docs/screenshots`` by default). Times are fixed (a Monday, 10:00) so the
pictures do not change from run to run; settings go to a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

OUT = (
    Path(sys.argv[1])
    if len(sys.argv) > 1
    else Path(__file__).resolve().parents[1] / "docs" / "screenshots"
)
NOW = datetime(2024, 5, 6, 11, 35)


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="spasmtimer-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    os.environ["SPASMTIMER_DATA_DIR"] = str(tmp / "data")
    os.environ.setdefault("SPASMTIMER_THEME", "light")

    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QColor, QPainter, QPixmap

    from spasmtimer.core.guidance.ice_heat import Therapy
    from spasmtimer.core.today.reminders import IceHeatDemand, RoutineDemand
    from spasmtimer.services.day import DayService
    from spasmtimer.services.settings import Settings
    from spasmtimer.ui.app import make_application
    from spasmtimer.ui.guidance.ice_heat import IceHeatView
    from spasmtimer.ui.guidance.safety import SafetyDialog
    from spasmtimer.ui.guidance.this_hurts import ThisHurtsDialog
    from spasmtimer.ui.guidance.tray import ReminderTray
    from spasmtimer.ui.theme import palette_for, stylesheet_for, system_theme

    app = make_application()
    theme = system_theme()
    app.setPalette(palette_for(theme))
    app.setStyleSheet(stylesheet_for(theme))
    OUT.mkdir(parents=True, exist_ok=True)

    def save(widget_pixmap: QPixmap, name: str) -> None:
        path = OUT / name
        widget_pixmap.save(str(path))
        print(f"wrote {path} ({widget_pixmap.width()}x{widget_pixmap.height()})")

    safety = SafetyDialog(first_launch=True)
    safety.resize(760, 820)
    safety.show()
    app.processEvents()
    save(safety.grab(), "safety.png")
    safety.close()

    hurts = ThisHurtsDialog("Lower trunk rotation")
    hurts.show()
    hurts.answer(True)  # "Yes, it is sharp or spreads down a leg"
    hurts.adjustSize()
    hurts.resize(max(hurts.width(), 640), hurts.height())
    app.processEvents()
    save(hurts.grab(), "this-hurts.png")
    hurts.close()

    store = Settings(tmp / "guidance.conf")
    view = IceHeatView(store, clock=lambda: NOW - timedelta(minutes=95))
    view.set_began(NOW - timedelta(minutes=95) - timedelta(hours=2))
    view.resize(900, 640)
    view.show()
    app.processEvents()
    save(view.grab(), "ice-timer.png")
    view.close()

    # The tray menu at 11:35: the morning session is due, the next ice at 12:00.
    store.set_spasm_began(NOW - timedelta(hours=3))
    day = DayService(store, lambda: [RoutineDemand("Back spasm relief", 2)], clock=lambda: NOW)
    tray = ReminderTray(day, use_system_tray=False)
    tray.reminders.since = NOW - timedelta(hours=4)
    from PySide6.QtCore import QSettings

    qs = QSettings(str(store.path), QSettings.Format.IniFormat)
    demand = IceHeatDemand(NOW.replace(hour=12, minute=0), Therapy.ICE)
    qs.setValue("ice_heat/next_at", demand.at.isoformat())
    qs.setValue("ice_heat/next_therapy", demand.therapy.name)
    qs.sync()
    tray.refresh()
    menu = tray.menu
    menu.adjustSize()
    main = menu.grab()
    sub_menu = menu.actions()[0].menu()
    sub_menu.adjustSize()  # type: ignore[union-attr]
    sub = sub_menu.grab()  # type: ignore[union-attr]
    pad = 16
    canvas = QPixmap(
        main.width() + sub.width() + 3 * pad - 8, max(main.height(), sub.height()) + 2 * pad + 24
    )
    canvas.fill(QColor(theme.background))
    painter = QPainter(canvas)
    painter.drawPixmap(QPoint(pad, pad), main)
    painter.drawPixmap(QPoint(pad + main.width() - 8, pad), sub)
    painter.setPen(QColor(theme.muted))
    painter.drawText(
        canvas.rect().adjusted(pad, 0, -pad, -4),
        Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignRight,
        f"tooltip: {tray.tooltip()}",
    )
    painter.end()
    save(canvas, "tray-menu.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
