"""Whether the coach speaks, how much (full, counts only, …) and whether the counter flashes on
each rep: loaded from the settings, changed from the Voice menu and its dialog, kept as changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

if TYPE_CHECKING:
    from typing import Any as MainWindow  # not the class: importing it would make a cycle


class VoiceChoice:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.density = "full"
        self.speaking = True
        self.flash = False  # a flash of the rep counter at each rep: a beat to follow without sound

    @property
    def effective_density(self) -> str:
        return self.density if self.speaking else "silent"

    def load(self) -> None:
        settings = self.window.settings
        if settings is None:
            return
        from trainer.settings import S

        self.density = settings.get(S.voice_density)
        self.flash = settings.get(S.voice_flash)
        self.window.speak_action.setChecked(settings.get(S.voice_enabled))
        if self.window.coach is not None:
            self.window.coach.set_density(self.effective_density)

    def set_speaking(self, on: bool) -> None:
        self.speaking = on
        if self.window.coach is not None:
            self.window.coach.set_density(self.effective_density)
            if not on:
                self.window.speaker.stop()
        if self.window.settings is not None:
            from trainer.settings import S

            self.window.settings.set(S.voice_enabled, on)

    def open_settings(self) -> QDialog | None:
        settings = self.window.settings
        if settings is None:
            self.window.show_notice(
                "Voice settings can be changed when the trainer runs normally (not scripted)."
            )
            return None
        from trainer.ui.voice_settings import VoiceSettingsDialog
        from trainer.voice.clip_speaker import ClipSpeaker

        speaker = self.window.speaker if isinstance(self.window.speaker, ClipSpeaker) else None
        dlg = VoiceSettingsDialog(settings, speaker, self.window)
        dlg.applied.connect(self.load)
        dlg.show()
        return dlg
