"""Voice settings a person can hear: real engine voices, Test voice, saved settings, flash, mute."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, Unpack

import pytest
from pytestqt.qtbot import QtBot

from tests.driver import WindowMaker, controller_of, opened, step
from tests.plans import PlanKw
from trainer.session import ManualClock, Status
from trainer.settings import S, Settings
from trainer.ui.main_window import MainWindow
from trainer.ui.voice_settings import VoiceSettingsDialog
from trainer.voice.speaker import RecordingSpeaker, Speaker


class VoiceWindow(Protocol):
    """This file's `window` fixture: the chair plan's window with its settings."""

    def __call__(
        self, speaker: Speaker | None = None, **plan_kw: Unpack[PlanKw]
    ) -> tuple[MainWindow, ManualClock, Settings]: ...


@pytest.fixture
def window(make_window: WindowMaker, tmp_path: Path) -> VoiceWindow:
    def make(
        speaker: Speaker | None = None, **plan_kw: Unpack[PlanKw]
    ) -> tuple[MainWindow, ManualClock, Settings]:
        settings = Settings(tmp_path / "data")
        win, clock = make_window("chair", speaker=speaker, settings=settings, **plan_kw)
        return win, clock, settings

    return make


@pytest.mark.slow  # the speech engine runs in its own process
def test_voice_settings_list_real_voices_test_and_save(
    qtbot: QtBot, window: VoiceWindow, tmp_path: Path
) -> None:
    from trainer.voice.clip_speaker import ClipSpeaker

    speaker = ClipSpeaker(tmp_path / "cache")
    try:
        win, _, _settings = window(speaker)
        with qtbot.waitSignal(speaker.voices_ready, timeout=10000):
            dlg = opened(win.voice.open_settings(), VoiceSettingsDialog)
        qtbot.addWidget(dlg)
        # The signal reaches qtbot and the dialog as two queued calls: wait for the dialog's too.
        qtbot.waitUntil(lambda: dlg.voice_box.count() > 2, timeout=5000)  # espeak-ng ships many voices
        english = [i for i in range(dlg.voice_box.count()) if "not English" not in dlg.voice_box.itemText(i)]
        dlg.voice_box.setCurrentIndex(english[1])
        dlg.rate_box.setValue(120)
        dlg.volume.setValue(60)
        dlg.density_box.setCurrentIndex(dlg.density_box.findData("counts"))
        dlg.flash.setChecked(True)
        with qtbot.waitSignal(speaker.clip_ready, timeout=10000) as got:
            dlg.test_voice()
        clip = got.args[0]
        assert clip.text.startswith("This is your coach") and clip.seconds > 1.0
        assert speaker.renderer.rate == 120 and abs(speaker.volume - 0.6) < 1e-9
        chosen = dlg.voice_box.currentData()
        dlg.save()
        again = Settings(tmp_path / "data")
        assert again.get(S.voice_name) == chosen and again.get(S.voice_rate) == 120
        assert again.get(S.voice_density) == "counts" and again.get(S.voice_flash)
        assert win.voice.density == "counts" and win.voice.flash
    finally:
        speaker.close()


def test_cancel_puts_the_voice_back(qtbot: QtBot, window: VoiceWindow, tmp_path: Path) -> None:
    from trainer.voice.clip_speaker import ClipSpeaker

    speaker = ClipSpeaker(tmp_path / "cache", rate=140)
    try:
        win, _, _ = window(speaker)
        dlg = opened(win.voice.open_settings(), VoiceSettingsDialog)
        qtbot.addWidget(dlg)
        dlg.rate_box.setValue(100)
        dlg.test_voice()
        assert speaker.renderer.rate == 100
        dlg.reject()
        assert speaker.renderer.rate == 140
    finally:
        speaker.close()


def test_flash_on_each_rep_and_mute_leaves_captions(window: VoiceWindow, qtbot: QtBot) -> None:
    speaker = RecordingSpeaker()
    win, clock, settings = window(speaker, sets=1, reps=2)
    settings.set(S.voice_flash, True)
    win.voice.load()
    win.start_session()
    step(win, clock, 10.1, dt=0.05)
    assert "background" in win.rep_label.styleSheet()  # the counter flashes as the rep starts
    qtbot.wait(400)
    assert "background" not in win.rep_label.styleSheet()
    said = len(speaker.said)
    win.speak_action.trigger()  # Voice > Speak the cues: off
    assert not win.voice.speaking and not settings.get(S.voice_enabled)
    step(win, clock, 6, dt=0.05)
    assert len(speaker.said) == said  # nothing more is spoken ...
    assert win.caption.text()  # ... and the captions go on
    step(win, clock, 12, dt=0.05)
    assert controller_of(win).status is Status.FINISHED
