"""Where the output device is, from the readings of its stream. Pure: no Qt, no server.

The output stream's writer (:mod:`.engine`) reads, every so often, which
frame the device is at (a *reading*: clock time, frame heard then) and hands
it to :meth:`DeviceTracking.note`, with the stream's clock
(:class:`~.stream_clock.StreamClock`) the GUI thread places clips by. This
decides what each reading means:

- whether the server takes samples yet (:attr:`DeviceTracking.taking`): until
  its reports move on at the nominal rate (a fresh null sink takes none for
  ~2 s), no reading counts; once they do, the readings so far feed the clock;
- for reports that move in blocks (PipeWire, Qt's processed time; see
  :mod:`.reports`): the block, which the clock's fit allows for; how far past
  the frame heard the server may hold frames already
  (:attr:`DeviceTracking.margin`); the blocks a report runs ahead, taken off;
  and readings taken while the block changes, skipped;
- a reading off the line twice in a row, or a queue that ran dry: an
  underrun or a skip (:attr:`DeviceTracking.underruns`); the clock measures
  the position afresh, keeping the rate it learnt.

Every decision worth knowing is returned as a log entry (the bench reads
them). The caller holds whatever lock guards the clock.
"""

from __future__ import annotations

from spasmtimer.audio.reports import BLOCKS_BEHIND, ReportTracker
from spasmtimer.audio.stream_clock import StreamClock


class DeviceTracking:
    """One stream's readings, fed to its clock (see the module)."""

    def __init__(self, rate: float, clock: StreamClock, blocks_behind: int = BLOCKS_BEHIND) -> None:
        self.rate = float(rate)
        self.clock = clock
        self.reports = ReportTracker(rate, blocks_behind)
        self.taking = False  # the server takes samples: readings count
        self.margin = 0.0  # frames past the frame heard the server may hold already
        self.last_heard: tuple[float, float] | None = None  # (time, frame heard then)
        self.underruns = 0
        self._slips = False  # the last reading was off the line already

    @property
    def block(self) -> float:
        """The frames the reports move in (0: they follow time)."""
        return self.reports.step

    def note(
        self, now: float, heard: float, *, starved: bool = False, playing: bool = False,
        raw: bool = True,
    ) -> tuple[bool, list[dict[str, object]]]:  # fmt: skip
        """A reading: at clock time ``now`` the frame ``heard`` was being heard.

        ``starved``: the queue ran dry since the last reading. ``playing``: the
        stream counts as playing (an underrun counts only then). ``raw``: a
        server's report (False: libpulse's interpolation, which follows time).
        Returns whether the reading was used (False: the block is changing;
        read again soon) and the log entries.
        """
        entries: list[dict[str, object]] = []
        reports = self.reports
        if raw:
            step = reports.step
            reports.add(now, heard)
            if reports.step != step:
                entries.append({"block": reports.step / self.rate, "t": now})
            self.clock.granularity = reports.step
            self.margin = reports.margin()
            if not reports.settled():
                # The quantum is changing: this reading fits neither the old
                # step nor (yet) the new one.
                entries.append({"unsettled": heard, "t": now})
                return False, entries
            heard -= reports.behind
        if not self.taking:
            self.taking = reports.steady()
            if not self.taking:
                return True, entries
            recent = reports.readings  # these count: the clock is ready sooner
            entries.append({"taking": True, "since": recent[0][0], "t": now})
            self.clock.restart()
            for t, frame in recent[:-1]:
                self.clock.observe(t, frame - reports.behind)
        slip = heard - self.clock.frame_at(now)
        slipped = self.clock.ready and reports.off_line(slip)
        if starved or (slipped and self._slips):
            # The queue ran dry (the writer was held up longer than it lasted),
            # or twice in a row the device is not where it was: an underrun, or
            # it skipped. Its position is measured afresh.
            underrun = playing and (starved or slip < 0)
            self.underruns += underrun
            self.clock.restart()
            entries.append({"slip": slip / self.rate, "underrun": underrun, "t": now})
            slipped = False
        self._slips = slipped and not self._slips
        self.last_heard = (now, heard)
        if not self._slips:
            self.clock.observe(now, heard)
        return True, entries

    def frame_heard(self, now: float) -> float | None:
        """The frame heard at ``now``: from the clock once ready, else from the last reading."""
        if self.clock.ready:
            return self.clock.frame_at(now)
        if self.last_heard is None:
            return None
        t, frame = self.last_heard
        return frame + (now - t) * self.rate
