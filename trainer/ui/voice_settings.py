"""Voice settings a person can hear: voice, speed, volume, how much is said, Test voice, flash.

Changes are heard at once (Test voice uses them) and kept when the user presses Save; Cancel
puts the voice back as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trainer.settings import S, Settings
from trainer.text import plural

if TYPE_CHECKING:
    from trainer.voice.clip_speaker import ClipSpeaker
    from trainer.voice.renderer import Voice

DENSITY_LABELS = {
    "full": "Everything: counts, phases, form reminders, rest guidance",
    "counts_phases": "Counts and phase words",
    "counts": "Counts only",
    "silent": "Silent (captions only)",
}
TEST_PHRASE = "This is your coach. One, lift. Squeeze. And slowly lower."


class VoiceSettingsDialog(QDialog):
    applied = Signal()

    def __init__(
        self, settings: Settings, speaker: ClipSpeaker | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Voice settings — Thoracic Trainer")
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.setFont(font)
        self.settings = settings
        self.speaker = speaker
        self._saved = (settings.get(S.voice_name), settings.get(S.voice_rate), settings.get(S.voice_volume))
        layout = QVBoxLayout(self)
        form = QFormLayout()

        self.enabled = QCheckBox("Speak the cues aloud")
        self.enabled.setChecked(settings.get(S.voice_enabled))
        form.addRow("", self.enabled)

        self.voice_box = QComboBox()
        self.voice_box.setAccessibleName("Voice")
        self.voice_box.addItem("The engine's default voice", "")
        current = settings.get(S.voice_name)
        if current:
            self.voice_box.addItem(current, current)
            self.voice_box.setCurrentIndex(1)
        self.voice_box.setEnabled(speaker is not None)
        form.addRow("&Voice", self.voice_box)

        self.rate_box = QSpinBox()
        self.rate_box.setRange(int(S.voice_rate.lo or 80), int(S.voice_rate.hi or 220))
        self.rate_box.setSingleStep(10)
        self.rate_box.setSuffix(" words a minute")
        self.rate_box.setValue(settings.get(S.voice_rate))
        self.rate_box.setAccessibleName("Speaking speed in words per minute")
        form.addRow("&Speed", self.rate_box)
        form.addRow(
            "",
            QLabel(f"The engine's own speed is about 175–200; {S.voice_rate.default} is easier to follow."),
        )

        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(settings.get(S.voice_volume) * 100))
        self.volume.setAccessibleName("Volume")
        form.addRow("V&olume", self.volume)

        self.density_box = QComboBox()
        self.density_box.setAccessibleName("How much the coach says")
        for key, text in DENSITY_LABELS.items():
            self.density_box.addItem(text, key)
        self.density_box.setCurrentIndex(max(0, self.density_box.findData(settings.get(S.voice_density))))
        form.addRow("&How much", self.density_box)

        self.flash = QCheckBox("Flash the rep counter on each rep (for following without sound)")
        self.flash.setChecked(settings.get(S.voice_flash))
        form.addRow("", self.flash)
        note = QLabel("Captions of every cue are always shown at the bottom of the window.")
        note.setWordWrap(True)
        form.addRow("", note)
        layout.addLayout(form)

        row = QHBoxLayout()
        self.test_button = QPushButton("▶ Test voice")
        self.test_button.setAccessibleName("Test voice: hear the chosen voice, speed and volume")
        self.test_button.clicked.connect(self.test_voice)
        self.test_button.setEnabled(speaker is not None)
        self.status = QLabel("" if speaker is not None else "The voice is off in this run (--no-voice).")
        row.addWidget(self.test_button)
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if speaker is not None:
            speaker.voices_ready.connect(self.fill_voices)
            speaker.request_voices()

    def fill_voices(self, voices: list[Voice]) -> None:
        current = self.voice_box.currentData()
        self.voice_box.clear()
        self.voice_box.addItem("The engine's default voice", "")
        for v in voices:
            self.voice_box.addItem(f"{v.name}" + ("" if v.english else " (not English)"), v.id)
        self.voice_box.setCurrentIndex(max(0, self.voice_box.findData(current)))
        self.status.setText(f"{plural(len(voices), 'voice')} installed.")

    def chosen(self) -> tuple[str, int, float]:
        voice = self.voice_box.currentData()
        return (voice if isinstance(voice, str) else "", self.rate_box.value(), self.volume.value() / 100)

    def test_voice(self) -> None:
        if self.speaker is None:
            return
        self.speaker.configure(*self.chosen())
        self.status.setText("Speaking… (the first time takes a moment)")
        self.speaker.say_when_ready(TEST_PHRASE)

    def save(self) -> None:
        voice, rate, volume = self.chosen()
        s = self.settings
        s.set(S.voice_enabled, self.enabled.isChecked())
        s.set(S.voice_name, voice)
        s.set(S.voice_rate, rate)
        s.set(S.voice_volume, volume)
        density = self.density_box.currentData()
        s.set(S.voice_density, density if isinstance(density, str) else "full")
        s.set(S.voice_flash, self.flash.isChecked())
        s.sync()
        if self.speaker is not None:
            self.speaker.configure(voice, rate, volume)
        self.applied.emit()
        self.accept()

    def reject(self) -> None:
        if self.speaker is not None:
            self.speaker.configure(*self._saved)  # back to the voice as it was
        super().reject()
