"""The window's structure: the intent table, the navigator, the settings table, the day service."""

from __future__ import annotations

import gc
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QMenu, QStackedWidget
from ui_helpers import make_window

from spasmtimer.core.today.reminders import ReminderSettings, RoutineDemand
from spasmtimer.services.day import DayService
from spasmtimer.services.settings import (
    COUNT_STYLE,
    KEYS,
    MUTED,
    SOUND_KEYS,
    VOLUME,
    Settings,
    reminder_keys,
)
from spasmtimer.ui.intents import MENUS, TABLE, Intent, Intents, Screen, help_rows, menu_text
from spasmtimer.ui.navigator import Navigator

NONE = Qt.KeyboardModifier.NoModifier


# -- the intent table ------------------------------------------------------------


def test_every_intent_is_in_the_table_and_every_menu_entry_has_text() -> None:
    assert {r.intent for r in TABLE} == set(Intent)
    for _title, entries in MENUS:
        for intent in entries:
            if intent is not None:
                assert "&" in menu_text(intent)
    assert menu_text(Intent.SHOW_TODAY) == "&Today\tT"
    assert menu_text(Intent.SOUND) == "&Sound…"  # no key: no hint


def test_the_menu_bar_is_built_from_the_table(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    window = make_window(qtbot, tmp_path, monkeypatch, guidance=False)
    entries = [
        (a.text(), a.data()) for m in window.menuBar().findChildren(QMenu) for a in m.actions()
    ]
    expected = [(menu_text(i), i.name) for _t, intents in MENUS for i in intents if i is not None]
    assert [e for e in entries if e[1]] == expected


def test_the_keys_list_comes_from_the_table() -> None:
    rows = help_rows()
    keyed = {(r.label, r.help) for r in TABLE if r.keys or r.sequences}
    assert {(keys, what) for _where, keys, what in rows} == keyed
    assert ("Anywhere", "Ctrl+Q", "Quit") in rows
    assert rows[-1] == ("Routine editor", "Ctrl+W, Esc", "Close the editor")


class Feature(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.done: list[tuple[str, object]] = []

    def pause(self) -> None:
        self.done.append(("pause", None))

    def level(self, delta: int) -> None:
        self.done.append(("level", delta))

    def rate(self, key: int) -> bool:
        self.done.append(("rate", key))
        return key != Qt.Key.Key_5

    def unused(self) -> bool:
        return False


def test_a_key_reaches_the_handler_its_feature_registered_for_the_screen_showing() -> None:
    screen = [Screen.SESSION]
    intents = Intents(lambda: screen[0])
    feature = Feature()
    intents.on(Intent.PAUSE, feature.pause)
    intents.on(Intent.LEVEL_UP, feature.level, 1, screens=frozenset({Screen.SESSION}))
    intents.on(Intent.LEVEL_UP, feature.level, 10, screens=frozenset({Screen.OVERVIEW}))
    assert intents.press(Qt.Key.Key_Space, NONE)
    assert intents.press(Qt.Key.Key_Plus, NONE)
    assert intents.press(Qt.Key.Key_Plus, NONE, repeat=True)  # a held + goes on
    assert intents.press(Qt.Key.Key_Space, NONE, repeat=True)  # a held Space does not
    screen[0] = Screen.OVERVIEW
    assert intents.press(Qt.Key.Key_Equal, NONE)
    assert not intents.press(Qt.Key.Key_H, NONE)  # not an overview key
    assert feature.done == [("pause", None), ("level", 1), ("level", 1), ("level", 10)]


def test_a_key_its_handler_did_not_use_goes_on_to_the_focused_widget() -> None:
    screen = [Screen.TODAY]
    intents = Intents(lambda: screen[0])
    feature = Feature()
    intents.on(Intent.PAIN_EASED, feature.unused)
    assert not intents.press(Qt.Key.Key_E, NONE)  # Today's E with no spasm timed
    screen[0] = Screen.PAIN
    intents.register(Intent.RATE, feature.rate, screens=frozenset({Screen.PAIN}))
    assert intents.press(Qt.Key.Key_7, NONE)
    assert feature.done == [("rate", Qt.Key.Key_7)]


def test_the_intents_never_keep_a_feature_alive() -> None:
    intents = Intents(lambda: Screen.SESSION)
    feature = Feature()
    intents.on(Intent.PAUSE, feature.pause)
    del feature
    gc.collect()
    assert not intents.trigger(Intent.PAUSE)  # gone: nothing handles it


# -- the navigator --------------------------------------------------------------


def test_the_navigator_makes_each_screen_once_when_first_needed(qtbot: Any) -> None:
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    nav = Navigator(stack)
    made: list[str] = []

    class Maker(QObject):
        def picker(self) -> QLabel:
            made.append("picker")
            return QLabel("routines")

    maker = Maker()
    nav.register(Screen.PICKER, maker.picker)
    assert nav.peek(Screen.PICKER) is None and not made
    with qtbot.waitSignal(nav.shown) as shown:
        view = nav.show(Screen.PICKER)
    assert shown.args == [Screen.PICKER] and nav.current() is Screen.PICKER
    assert nav.view(Screen.PICKER) is view and made == ["picker"]
    nav.put(Screen.EDITOR, QLabel("editor"))
    nav.show(Screen.EDITOR)
    assert nav.current() is Screen.EDITOR
    nav.drop(Screen.EDITOR)
    assert nav.peek(Screen.EDITOR) is None and list(nav.views()) == [view]


# -- the settings table ---------------------------------------------------------


def test_every_key_is_documented_and_reads_its_default_from_an_empty_file(tmp_path: Path) -> None:
    store = Settings(tmp_path / "s.conf")
    for key in (*KEYS, *reminder_keys()):
        assert key.doc and key.name.count("/") == 1
        assert store.get(key) == key.default
    assert store.reminder_settings() == ReminderSettings()


def test_a_written_key_says_so_once_and_reads_back(tmp_path: Path) -> None:
    store = Settings(tmp_path / "s.conf")
    seen: list[object] = []
    store.changed.connect(seen.append)
    store.set(VOLUME, 0.25)
    store.set(VOLUME, 0.25)  # the same again: no news
    store.set(MUTED, True)
    store.set(COUNT_STYLE, COUNT_STYLE.default.__class__.UP)
    store.sync()
    assert seen == [VOLUME, MUTED, COUNT_STYLE]
    again = Settings(store.path)
    assert again.get(VOLUME) == 0.25 and again.get(MUTED)
    assert "count_style=up" in store.path.read_text()  # as the app always wrote it
    from spasmtimer.audio.qt_player import QtCuePlayer

    setters = {k.player for k in SOUND_KEYS if k.player}
    assert {"set_volume", "set_muted", "set_voice"} <= setters
    assert all(callable(getattr(QtCuePlayer, name, None)) for name in setters)


def test_mute_from_the_store_reaches_the_player_and_the_session_screen(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from ui_helpers import test_routine

    window = make_window(qtbot, tmp_path, monkeypatch)
    window.session.start(test_routine())
    window.settings.set(MUTED, True)  # whoever writes it: the dialog, M, another window
    assert window.fake_player.muted[-1] is True
    assert window.session.view.buttons[Intent.MUTE].text() == "Sound on"


# -- the day service ------------------------------------------------------------


def test_today_the_tray_and_the_ice_view_follow_one_day(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    noon = datetime(2024, 5, 6, 12, 0)
    window = make_window(qtbot, tmp_path, monkeypatch, today=True, wall_clock=lambda: noon)
    hub = window.care.ensure()
    assert hub.tray.reminders is window.day.reminders  # one plan, not two
    refreshed: list[bool] = []
    window.day.changed.connect(lambda: refreshed.append(True))
    window.settings.set_spasm_began(noon.replace(hour=10))
    window.day.refresh()
    plan = window.today.view.plan
    assert refreshed and plan is not None and plan.recovery is not None
    assert plan == window.day.plan(noon)


def test_the_day_service_reads_what_the_plan_rests_on(tmp_path: Path) -> None:
    store = Settings(tmp_path / "s.conf")
    day = DayService(store, lambda: [RoutineDemand("Back spasm relief", 2)], lambda: NOW)
    assert not day.reminders.routines  # nothing read yet
    day.refresh()
    assert [d.name for d in day.reminders.routines] == ["Back spasm relief"]
    assert day.plan() is not None


NOW = datetime(2024, 5, 6, 9, 0)
