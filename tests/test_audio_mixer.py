"""The mixer and the stream clock: pure code under the output stream."""

from __future__ import annotations

import array
import math
import random

import pytest

from spasmtimer.audio.mixer import Mixer
from spasmtimer.audio.stream_clock import StreamClock


def clip(length: int, value: int = 1000) -> array.array[int]:
    return array.array("h", [value] * length)


def samples(data: bytes) -> list[int]:
    out = array.array("h")
    out.frombytes(data)
    return list(out)


def render_all(mixer: Mixer, total: int, block: int = 7) -> list[int]:
    out: list[int] = []
    while len(out) < total:
        out += samples(mixer.render(min(block, total - len(out))))
    return out


def test_a_clip_sounds_whole_once_on_its_frame() -> None:
    mixer = Mixer(1000)
    mixer.add("a", array.array("h", range(1, 21)), 30)
    out = render_all(mixer, 100)
    assert out[:30] == [0] * 30
    assert out[30:50] == list(range(1, 21))
    assert out[50:] == [0] * 50


def test_a_replayed_clip_starts_from_its_first_sample_with_nothing_before() -> None:
    mixer = Mixer(1000)
    seven = array.array("h", range(100, 140))
    mixer.add("seven", seven, 10)
    first = render_all(mixer, 60)
    mixer.add("seven", seven, 80)
    second = render_all(mixer, 100)
    assert first[10:50] == list(seven)
    assert second[:20] == [0] * 20  # frames 60..79: quiet, no stale tail
    assert second[20:60] == list(seven)


def test_a_cut_fades_out_over_ten_ms_and_drops_what_was_not_heard_yet() -> None:
    mixer = Mixer(1000)  # 10 ms fade = 10 frames
    mixer.add("long", clip(200), 0)
    mixer.add("later", clip(50), 300)
    head = render_all(mixer, 40)
    cut = mixer.cut(mixer.rendered)
    assert ("later", 300) in cut and ("long", 50) in cut
    tail = render_all(mixer, 400)
    assert head == [1000] * 40
    fade = tail[:10]
    assert fade == sorted(fade, reverse=True) and fade[0] == 1000 and fade[-1] < 150
    assert tail[10:] == [0] * 390


def test_overlapping_clips_are_summed_and_clipped() -> None:
    mixer = Mixer(1000)
    mixer.add("a", clip(20, 30000), 0)
    mixer.add("b", clip(20, 10000), 10)
    out = render_all(mixer, 40)
    assert out[:10] == [30000] * 10
    assert out[10:20] == [32767] * 10
    assert out[20:30] == [10000] * 10


def test_a_clip_due_in_the_past_starts_at_the_first_frame_not_yet_written() -> None:
    mixer = Mixer(1000)
    render_all(mixer, 50)
    assert mixer.add("late", clip(5), 20) == 50


@pytest.mark.parametrize("ppm", [-1000.0, 0.0, 200.0, 1000.0])
def test_the_stream_clock_learns_the_device_rate_from_coarse_observations(ppm: float) -> None:
    # A device taking frames in blocks of 256 (about 6 ms), observed every
    # 10 ms with a little timer jitter, running ppm parts per million off.
    rate = 44_100 * (1 + ppm / 1e6)
    rng = random.Random(4)
    clock = StreamClock(44_100)
    t0 = 1000.0
    errors = []
    for i in range(60 * 100):
        t = t0 + i * 0.010 + rng.uniform(0, 0.002)
        taken = (math.floor((t - t0) * rate / 256)) * 256
        clock.observe(t, taken)
        if i > 10 * 100:
            # Where the device really is at t (the middle of its current block).
            errors.append(clock.time_of((t - t0) * rate) - t)
    assert abs(clock.rate - rate) < 0.05 * rate / 1e4  # within 0.0005 %
    spread = max(errors) - min(errors)
    assert spread < 0.001, spread  # the mapping holds within a millisecond
    assert abs(clock.frame_at(clock.time_of(123_456.0)) - 123_456.0) < 1e-3


def test_the_stream_clock_keeps_its_rate_through_a_restart() -> None:
    clock = StreamClock(44_100)
    for i in range(3000):
        clock.observe(i * 0.01, i * 441.1)
    learnt = clock.rate
    clock.restart()
    assert not clock.ready
    clock.observe(100.0, 0)
    assert clock.rate == pytest.approx(learnt)


def test_a_clip_not_started_moves_to_where_its_time_falls_on_a_better_known_clock() -> None:
    mixer = Mixer(1000)
    mixer.add("a", clip(10), 500, when=0.5)
    render_all(mixer, 100)
    retime = lambda: mixer.retime(lambda t: t * 1000 - 7, ahead=20, limit=3)  # noqa: E731
    retime()  # the device is 7 frames behind the guess: 3 frames a call
    assert mixer._voices[0].start == 497
    retime()
    retime()
    retime()
    out = render_all(mixer, 500)
    assert out[393:403] == [1000] * 10 and out[392] == 0 and out[403] == 0


def test_retiming_never_piles_clips_up_at_the_first_free_frame() -> None:
    mixer = Mixer(1000)
    mixer.add("a", clip(10), 200, when=0.2)
    mixer.add("b", clip(10), 230, when=0.23)
    mixer.retime(lambda t: 0.0, ahead=20, limit=1000)  # a clock that says "all late"
    assert [v.start for v in mixer._voices] == [200, 230]


def test_the_volume_slider_maps_to_gain_on_qts_logarithmic_curve() -> None:
    from spasmtimer.audio.gain import linear_volume

    # QAudio.convertVolume(v, LogarithmicVolumeScale, LinearVolumeScale)
    assert linear_volume(0.0) == 0.0
    assert linear_volume(0.5) == pytest.approx(0.1505, abs=1e-4)
    assert linear_volume(0.8) == pytest.approx(0.3495, abs=1e-4)
    assert linear_volume(1.0) == 1.0


def test_a_volume_change_reaches_clips_placed_but_not_yet_heard() -> None:
    mixer = Mixer(1000)
    mixer.add("a", clip(10, 1000), 50)
    mixer.set_gain(0.5, 1.0)
    out = render_all(mixer, 60)
    assert out[50:60] == [500] * 10


def test_after_the_volume_was_at_zero_raising_it_brings_placed_clips_back() -> None:
    # Scaled from the clip at full loudness, not by a ratio to the old gain
    # (a ratio to 0 lost the clip for good).
    mixer = Mixer(1000)
    source = clip(10, 1000)
    mixer.add("a", array.array("h", [400] * 10), 50, source=source)  # placed at gain 0.4
    mixer.set_gain(0.0, 0.4)
    mixer.set_gain(0.8, 0.0)
    out = render_all(mixer, 60)
    assert out[50:60] == [800] * 10


def test_a_volume_change_renders_the_same_frames_again_at_the_new_gain() -> None:
    # The output dropped what it held (frames 40 on): after a rewind the clip
    # goes on from frame 40 on the same frames, gliding to half over 5 frames.
    mixer = Mixer(1000)  # RAMP_SECONDS (5 ms) is 5 frames here
    mixer.add("a", clip(100, 1000), 10)
    assert render_all(mixer, 60) == [0] * 10 + [1000] * 50
    mixer.set_gain(0.5, 1.0)
    mixer.rewind(40)
    assert mixer.rendered == 40
    out = samples(mixer.render(70))
    assert out[:5] == [1000, 900, 800, 700, 600]
    assert out[5:70] == [500] * 65
    assert samples(mixer.render(10)) == [0] * 10  # the clip ended on its frame (110)


def test_a_volume_change_with_no_rewind_glides_in_from_the_next_frame() -> None:
    mixer = Mixer(1000)
    mixer.add("a", clip(50, 1000), 0)
    mixer.render(20)
    mixer.set_gain(0.5, 1.0)
    out = samples(mixer.render(30))
    assert out[:6] == [1000, 900, 800, 700, 600, 500]
    assert out[6:] == [500] * 24
    assert mixer.busy_until() == 50


def test_a_rewind_goes_back_no_further_than_what_is_kept() -> None:
    mixer = Mixer(1000)  # KEEP_SECONDS: 1500 frames
    mixer.render(2000)
    mixer.rewind(100)
    assert mixer.rendered == 500


def test_a_clip_placed_ahead_can_be_taken_back_and_the_cut_it_made_undone() -> None:
    mixer = Mixer(1000)  # 10 ms fade = 10 frames
    mixer.add("phrase", clip(300), 0)
    render_all(mixer, 100)
    # Placed ahead for group 7: a cut of the phrase at 190 (faded by 200), and "4" at 200.
    mixer.cut(190, by=7)
    mixer.add("4", clip(20, 500), 200, floor=150, group=7)
    ahead = render_all(mixer, 150)
    assert ahead[90:100] == sorted(ahead[90:100], reverse=True)  # the fade
    assert ahead[100:120] == [500] * 20  # "4"
    # The future changed: the group goes; the phrase goes on from 190, whole.
    dropped, changed = mixer.cancel({7}, 150)
    assert dropped == [("4", 200)] and changed == 190
    mixer.rewind(changed)
    again = render_all(mixer, 60)  # frames 190..249 again
    assert again == [1000] * 60


def test_a_cancel_leaves_what_is_being_heard() -> None:
    mixer = Mixer(1000)
    mixer.add("5", clip(100), 10, group=3)
    render_all(mixer, 50)
    dropped, changed = mixer.cancel({3}, 40)  # it began at 10: heard already
    assert dropped == [] and changed is None
    assert render_all(mixer, 60)[:60] == [1000] * 60


def test_a_clip_whose_frames_could_not_be_written_over_in_time_comes_late_but_whole() -> None:
    mixer = Mixer(1000)
    render_all(mixer, 200)
    mixer.add("hold", array.array("h", range(1, 31)), 100, floor=100)  # on frames written
    assert mixer.hold_back(130) == [("hold", 30)]  # only from 130 can they be written again
    mixer.rewind(130)
    out = render_all(mixer, 70)  # 130..199
    assert out[:30] == list(range(1, 31))
