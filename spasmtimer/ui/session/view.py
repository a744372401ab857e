"""The session screen: what to do now, a huge countdown, and what comes next.

The view keeps no time. It shows the state of the session behind a
``SessionDriver`` and refreshes when the driver says something changed
(a step started, a second went by, a pause...). While a step runs, an
animation timer wakes only when the ring's arc is due to move by a visible
step (a few pixels, evenly spaced within each second; see
:meth:`CountdownRing.arc_steps_per_second`), re-reads ``step_remaining()`` and
moves the arc; it never counts anything itself. The digits change with the
driver's second.

Signals:
    controlRequested(object): an :class:`~spasmtimer.ui.intents.Intent` from a button.
"""

from __future__ import annotations

import contextlib
import math
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from spasmtimer.core.routines.durations import format_duration
from spasmtimer.core.routines.plan import StepKind
from spasmtimer.core.routines.routine import Side
from spasmtimer.core.session.machine import Session, SessionState
from spasmtimer.ui.announce import announce, mark_heading
from spasmtimer.ui.intents import Intent, label_for
from spasmtimer.ui.session.badge import COLOUR_OF, WORDS, StateBadge
from spasmtimer.ui.session.countdown_ring import CountdownRing, format_seconds
from spasmtimer.ui.session.illustration import Illustration, image_path
from spasmtimer.ui.session.overlay import PauseOverlay
from spasmtimer.ui.session.texts import next_text, pause_text, position_text, step_announcement
from spasmtimer.ui.theme import LIGHT, Theme, pixel_font

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from spasmtimer.services.session_driver import SessionDriver


class SessionView(QWidget):
    """Shows one running session; buttons and keys ask the main window for actions."""

    controlRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme: Theme = LIGHT
        self.driver: SessionDriver | None = None
        self._session: Session | None = None
        self._connections: list[SignalInstance] = []

        self.exercise_label = mark_heading(QLabel())
        self.exercise_label.setWordWrap(True)
        self.counter_label = QLabel()
        self.counter_label.setProperty("muted", True)
        self.counter_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.audio_notice = QLabel()
        self.audio_notice.setProperty("notice", True)
        self.audio_notice.setWordWrap(True)
        self.audio_notice.hide()

        self.ring = CountdownRing()
        self.badge = StateBadge()
        self.position_label = QLabel()
        self.position_label.setWordWrap(True)
        self.level_label = QLabel()
        self.level_label.setProperty("muted", True)
        self.level_label.setWordWrap(True)
        self.instructions = QLabel()
        self.instructions.setWordWrap(True)
        self.instructions.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.instructions.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.illustration = Illustration()
        self.illustration.hide()
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)

        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName("Routine progress")
        self.time_left = QLabel()
        self.time_left.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.buttons: dict[Intent, QPushButton] = {}
        # The moves on the left, the rest on the right; on two rows when the
        # text is too large for one (a desktop at 200 % text).
        nav_row = QHBoxLayout()
        other_row = QHBoxLayout()
        button_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        button_row.addLayout(nav_row, 1)
        button_row.addLayout(other_row)
        self._button_rows = button_row
        self._other_row = other_row
        self._other_end = QSpacerItem(0, 0)
        row = nav_row
        for action, text in (
            (Intent.PREVIOUS_EXERCISE, "◀◀ Prev"),
            (Intent.STEP_BACK, "◀ Back"),
            (Intent.PAUSE, "Pause"),
            (Intent.SKIP, "Skip ▶"),
            (Intent.NEXT_EXERCISE, "Next ▶▶"),
            (Intent.MUTE, "Mute"),
            (Intent.FULL_SCREEN, "Full screen"),
            (Intent.HELP, "Keys"),
            (Intent.STOP, "Stop"),
        ):
            button = QPushButton(text)
            button.setToolTip(f"{label_for(action)}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, a=action: self.controlRequested.emit(a))
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.buttons[action] = button
            row.addWidget(button)
            if action is Intent.NEXT_EXERCISE:
                nav_row.addStretch(1)
                row = other_row
        other_row.addSpacerItem(self._other_end)
        self.buttons[Intent.PAUSE].setProperty("primary", True)

        # Always in sight, never alarming: pain is a reason to stop, not to panic.
        self.hurts_button = QPushButton("This hurts (H)")
        self.hurts_button.setObjectName("hurtsButton")
        self.hurts_button.setProperty("calm", True)
        self.hurts_button.setToolTip("Stop this exercise and get advice (H)")
        self.hurts_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hurts_button.clicked.connect(lambda: self.controlRequested.emit(Intent.HURTS))
        self._pause_note: str | None = None

        top = QHBoxLayout()
        top.addWidget(self.exercise_label, 1)
        top.addWidget(self.counter_label)
        top.addWidget(self.hurts_button, 0, Qt.AlignmentFlag.AlignTop)

        side = QVBoxLayout()
        side.addWidget(self.badge)
        side.addWidget(self.position_label)
        side.addWidget(self.level_label)
        side.addWidget(self.instructions)
        side.addWidget(self.illustration, 1)
        side.addStretch(0)
        side.addWidget(self.next_label)
        self._side = side

        middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        middle.addWidget(self.ring, 12)
        middle.addLayout(side, 8)
        self._middle = middle

        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.time_left)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.audio_notice)
        layout.addLayout(middle, 1)
        layout.addLayout(progress_row)
        layout.addLayout(button_row)
        self._layout = layout

        self.overlay = PauseOverlay(self)
        self.overlay.hide()
        self.overlay.resumeRequested.connect(lambda: self.controlRequested.emit(Intent.PAUSE))

        self._animation = QTimer(self)
        self._animation.setSingleShot(True)
        self._animation.setTimerType(Qt.TimerType.PreciseTimer)
        self._animation.timeout.connect(self._on_animation_timeout)
        self._shown_step: tuple[int, int] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # -- wiring ---------------------------------------------------------------

    def set_driver(self, driver: SessionDriver | None) -> None:
        """Show the session behind ``driver`` (None: show nothing)."""
        for signal in self._connections:
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(self._on_driver_event)
        self._connections.clear()
        self.driver = driver
        self._session = driver.session if driver is not None else None
        self._shown_step = None
        self._pause_note = None
        if driver is None:
            self._animation.stop()
            return
        for signal in (
            driver.stepStarted,
            driver.stepEnded,
            driver.secondElapsed,
            driver.paused,
            driver.resumed,
            driver.finished,
            driver.stopped,
            driver.changed,
        ):
            signal.connect(self._on_driver_event)
            self._connections.append(signal)
        self.refresh()

    @property
    def session(self) -> Session | None:
        return self._session

    def set_audio_notice(self, text: str | None) -> None:
        if text and text != self.audio_notice.text():
            announce(self, text)
        self.audio_notice.setText(text or "")
        self.audio_notice.setVisible(bool(text))

    def set_pause_note(self, text: str | None) -> None:
        """Say why the session is paused (e.g. "this hurts"), until it goes on."""
        self._pause_note = text
        self.refresh()

    def set_muted(self, muted: bool) -> None:
        self.buttons[Intent.MUTE].setText("Sound on" if muted else "Mute")

    def set_full_screen(self, full: bool) -> None:
        self.buttons[Intent.FULL_SCREEN].setText("Window" if full else "Full screen")

    # -- showing the state ----------------------------------------------------

    def _on_driver_event(self, *args: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Show everything from the session's current state."""
        session = self._session
        if session is None:
            return
        state = session.state
        step = session.step
        plan = session.plan
        routine = plan.routine
        exercise = routine.exercises[step.exercise_index]
        theme = self.theme

        key = (session.step_index, id(plan))
        new_step = key != self._shown_step
        if key != self._shown_step:
            self._shown_step = key
            self.setAccessibleName(f"Session: {routine.name}")
            self.exercise_label.setText(exercise.name)
            self.counter_label.setText(
                f"Exercise {step.exercise_index + 1} of {len(routine.exercises)}"
            )
            self.instructions.setText(" ".join(exercise.instructions.split()))
            self.instructions.setVisible(bool(exercise.instructions))
            right = step.side is Side.RIGHT
            self.illustration.show_image(
                image_path(routine, exercise),
                mirrored=right,
                name=f"{exercise.name}{', right side' if right else ''}",
            )
            self._fit_time_left()

        kind = step.kind
        colour = theme.color(COLOUR_OF[kind])
        self.badge.show_word(WORDS[kind], colour, kind is StepKind.HOLD, theme.color("surface"))
        self.position_label.setText(position_text(session, step))
        if new_step and state in (SessionState.IDLE, SessionState.RUNNING):
            # The big word, heard as it changes (the reader's voice, not the app's).
            announce(self, step_announcement(session, step))
        hold = exercise.hold
        level = plan.levels[step.exercise_index]
        if hold.is_range:
            self.level_label.setText(
                f"Hold {hold.seconds_at(level):g} s of {hold.min_seconds:g}–{hold.max_seconds:g}"
                "  ·  + / − to change"
            )
        else:
            self.level_label.setText(f"Hold {hold.min_seconds:g} s")
        self.next_label.setText(next_text(session))

        remaining = session.step_remaining()
        seconds_left = math.ceil(remaining - 1e-6) if state is not SessionState.FINISHED else 0
        fraction = remaining / step.seconds if step.seconds > 0 else 0.0
        self.ring.show_state(seconds_left, fraction, colour, kind is StepKind.HOLD)

        total = plan.total_seconds
        left = session.remaining()
        progress = round(1000 * (1 - left / total)) if total > 0 else 1000
        if progress != self.progress.value():
            # QProgressBar.setValue repaints at once (a frame of its own, flushed
            # to the screen); with updates off it only asks for a repaint, which
            # joins the ring's and the label's in one frame.
            self.progress.setUpdatesEnabled(False)
            self.progress.setValue(progress)
            self.progress.setUpdatesEnabled(True)
        self.time_left.setText(f"{format_seconds(math.ceil(left - 1e-6))} left")
        self.progress.setAccessibleDescription(
            f"{format_duration(left, whole_minutes=True)} left of the routine"
        )

        paused = state is SessionState.PAUSED
        self.buttons[Intent.PAUSE].setText("Resume" if paused else "Pause")
        if paused:
            reason = self._pause_note or pause_text(session.pause_reason)
            if self.overlay.isHidden():
                announce(self, f"Paused. {reason}. Press Space to go on.")
            self.overlay.show_pause(reason)
        else:
            self._pause_note = None
            self.overlay.hide()
        self._update_animation()

    def _fit_buttons(self, room: int) -> None:
        """One row of buttons when they fit in ``room`` pixels, else two (left-aligned)."""
        spacing = max(0, self._button_rows.spacing())
        needed = sum(b.sizeHint().width() for b in self.buttons.values())
        needed += spacing * (len(self.buttons) + 1)
        one_row = needed <= room
        Direction = QBoxLayout.Direction
        direction = Direction.LeftToRight if one_row else Direction.TopToBottom
        if self._button_rows.direction() != direction:
            self._button_rows.setDirection(direction)
            grow = QSizePolicy.Policy.Minimum if one_row else QSizePolicy.Policy.Expanding
            self._other_end.changeSize(0, 0, grow, QSizePolicy.Policy.Minimum)
            self._other_row.invalidate()

    def _fit_time_left(self) -> None:
        """Size the time-left label for the widest text this routine can show.

        Its text changes every second; a label whose size may change asks
        the whole window to lay itself out again each time. With a fixed
        size (as wide as the routine's whole length in the widest digit)
        it only repaints.
        """
        session = self._session
        total = session.plan.total_seconds if session is not None else 0
        longest = f"{format_seconds(math.ceil(total - 1e-6))} left"
        # Measured, not set on a probe label: each setText would announce a
        # name change on the accessibility bus (ten at every exercise).
        metrics = self.time_left.fontMetrics()
        margins = self.time_left.contentsMargins()
        extra_w = margins.left() + margins.right() + 2 * self.time_left.margin()
        extra_h = margins.top() + margins.bottom() + 2 * self.time_left.margin()
        width = height = 0
        for digit in "0123456789":
            size = metrics.size(0, "".join(digit if c.isdigit() else c for c in longest))
            width = max(width, size.width() + extra_w)
            height = max(height, size.height() + extra_h)
        self.time_left.setFixedSize(width, height)

    def _update_animation(self) -> None:
        """Arm the animation timer for the ring's next step (or stop it)."""
        wait = self.next_ring_step_in() if self.isVisible() else None
        if wait is None:
            self._animation.stop()
        else:
            self._animation.start(max(1, math.ceil(wait * 1000)))

    def next_ring_step_in(self) -> float | None:
        """Seconds until the ring's arc next moves between two whole seconds.

        The arc moves ``n`` times a second (:meth:`CountdownRing.arc_steps_per_second`)
        at the moments the step has ``k + j/n`` seconds left; at whole
        seconds (``j = 0``) the driver's second moves it with the digits, so
        those are skipped. None when nothing runs or the arc moves only with
        the digits.
        """
        session = self._session
        if session is None or session.state is not SessionState.RUNNING:
            return None
        seconds = session.step.seconds
        steps = self.ring.arc_steps_per_second(seconds)
        if steps <= 1:
            return None
        remaining = session.step_remaining()
        point = math.ceil(remaining * steps - 1e-6) - 1  # the next k + j/n below remaining
        if point % steps == 0:
            point -= 1  # a whole second: the driver's
        if point <= 0:
            return None
        return remaining - point / steps

    def _on_animation_timeout(self) -> None:
        session = self._session
        if session is None or session.state is not SessionState.RUNNING:
            self._animation.stop()
            return
        step = session.step
        remaining = session.step_remaining()
        if math.ceil(remaining - 1e-6) != self._seconds_shown():
            self.refresh()  # a second went by before the driver's signal: show it now
            return
        self.ring.set_fraction(remaining / step.seconds if step.seconds > 0 else 0.0)
        self._update_animation()

    def _seconds_shown(self) -> int:
        text = self.ring.text
        if text.isdigit():
            return int(text)
        parts = [int(p) for p in text.split(":") if p.isdigit()]
        total = 0
        for p in parts:
            total = total * 60 + p
        return total

    # -- looks ----------------------------------------------------------------

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.ring.set_colours(theme.color("track"), theme.color("text"))
        self.illustration.set_background(
            theme.color("surface") if not theme.is_dark else theme.color("text")
        )
        self.overlay.apply_theme(theme)
        self._shown_step = None
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_animation()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._animation.stop()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        w, h = self.width(), self.height()
        s = max(0.55, min(w / 1280, h / 800))
        portrait = h > w * 1.15
        self._middle.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

        font = partial(pixel_font, self)

        self.exercise_label.setFont(font(38 * s, True))
        self.counter_label.setFont(font(20 * s))
        self.audio_notice.setFont(font(18 * s, True))
        self.badge.set_pixel_size(max(20, round(54 * s)))
        self.position_label.setFont(font(30 * s, True))
        self.level_label.setFont(font(19 * s))
        self.instructions.setFont(font(20 * s))
        self.next_label.setFont(font(26 * s, True))
        self.time_left.setFont(font(24 * s, True))
        self._fit_time_left()
        self.progress.setFixedHeight(max(10, round(16 * s)))
        bf = font(19 * s)
        for button in self.buttons.values():
            button.setFont(bf)
        self.hurts_button.setFont(font(22 * s, True))
        self.hurts_button.setMinimumHeight(max(36, round(54 * s)))
        m = max(8, round(18 * s))
        self._layout.setContentsMargins(m, m, m, m)
        self._layout.setSpacing(max(4, round(10 * s)))
        self._fit_buttons(w - 2 * m)
        self._side.setSpacing(max(4, round(12 * s)))
        # The ring takes at least 3/4 of the height in landscape: huge digits.
        self.ring.setMinimumHeight(round(h * (0.40 if portrait else 0.55)))
        self.overlay.setGeometry(self.rect())
        self.overlay.set_scale(s)
