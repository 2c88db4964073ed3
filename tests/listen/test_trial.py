"""Try a command: what she is told (pure), and the dialog with the microphone stood in for by
the control's own slots (the real microphone path is in test_listen_try_e2e.py)."""

from __future__ import annotations

from trainer.listen.trial import QUIET_PEAK, verdict


def test_a_heard_command_is_named_shown_and_spoken():
    v = verdict("pause", 0.4)
    assert v.heard == "pause"
    assert v.shown.startswith("Heard: pause.")
    assert v.spoken == "I heard: pause."


def test_nothing_heard_with_a_silent_microphone_points_at_the_microphone():
    v = verdict(None, QUIET_PEAK / 2, seconds=8)
    assert v.heard is None
    assert v.shown.startswith("No command was heard within 8 seconds.")
    assert "not muted" in v.shown and "closer" in v.shown
    assert "coach" not in v.shown  # the prefix is not the problem when nothing reached the microphone


def test_nothing_heard_while_she_was_heard_points_at_the_prefix_and_loudness():
    v = verdict(None, 0.5)
    assert "Start with the word “coach”" in v.shown
    assert "louder" in v.shown and "closer" in v.shown
    assert v.spoken == "I did not hear a command."


def test_the_dialog_reports_a_command_without_acting_on_the_session(make_window, monkeypatch):
    win, _ = make_window(sets=1, reps=2)
    ctl = win.listen
    monkeypatch.setattr(ctl, "start", lambda: setattr(ctl, "listener", _FakeListener()))
    win.toggle_start_pause()
    status = win.controller.status
    dialog = ctl.try_command()
    assert ctl.trial is dialog
    ctl._level(0.6)
    assert dialog.meter.value() == 60
    ctl.on_heard("pause")  # what the microphone worker's signal calls
    assert dialog.status.text().startswith("Heard: pause.")
    assert win.controller.status is status  # reported only: the session did not pause
    assert ctl.heard == []
    dialog.close()
    assert ctl.trial is None


def test_the_dialog_says_nothing_was_heard_when_the_time_is_up(make_window, monkeypatch, qtbot):
    win, _ = make_window(sets=1, reps=2)
    ctl = win.listen
    monkeypatch.setattr(ctl, "start", lambda: setattr(ctl, "listener", _FakeListener()))
    dialog = ctl.try_command(seconds=1)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=3000)
    assert dialog.outcome is not None and dialog.outcome.heard is None
    assert "microphone heard almost nothing" in dialog.status.text()
    assert dialog.again.isEnabled()
    dialog.close()


def test_with_no_microphone_the_dialog_says_why(make_window, monkeypatch):
    win, _ = make_window(sets=1, reps=2)
    ctl = win.listen

    def no_microphone() -> None:
        ctl.listener = None
        ctl._failed("Spoken commands are off: no microphone was found. Plug in a microphone.")

    monkeypatch.setattr(ctl, "start", no_microphone)
    dialog = ctl.try_command()
    assert "no microphone was found" in dialog.status.text()
    assert dialog.outcome is None and dialog.again.isEnabled()
    dialog.close()


class _FakeListener:
    def set_tap(self, on: bool) -> None:
        self.tap = on

    def close(self) -> None:
        pass


def test_with_no_sound_output_the_heard_tick_is_left_out(make_window, monkeypatch):
    """No sound server: Qt warned "playback of this format is not supported" at every command
    heard (and the test above failed whenever PulseAudio was not running); the caption is enough."""
    from trainer.ui import listen_control

    win, _ = make_window(sets=1, reps=2)
    monkeypatch.setattr(listen_control.QMediaDevices, "audioOutputs", staticmethod(lambda: []))
    win.listen.play_tick()
    assert win.listen._tick is None
