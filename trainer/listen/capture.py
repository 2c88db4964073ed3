"""The microphone worker: 16 kHz mono from the default input, decoded off the GUI thread.

QAudioSource (Qt's own PulseAudio/PipeWire input, push mode) runs in a QThread; every chunk
goes to the keyword spotter unless the gate is shut (the coach is speaking, or just was). One
`heard` signal per command, queued to the GUI thread. The level is reported ~10 times a second
for the meter. Audio is decoded and dropped: nothing is written anywhere. QtCore/QtMultimedia
only, no widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import numpy as np
from PySide6.QtCore import QIODevice, QObject, QThread, QTimer, Signal, Slot
from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices, QtAudio

from trainer.listen.decoder import RATE, DecoderError, KeywordSpotter
from trainer.listen.gate import SpeechGate

log = logging.getLogger(__name__)

# A working input delivers a chunk every ~100 ms, silence included. When the sound system goes
# away (PulseAudio killed or restarted) Qt reports no error on the source: the chunks just stop.
SILENT_CHECKS = 3  # this many checks in a row with no chunk at all: the microphone has stopped
CHECK_MS = 1000

MIC_FIX = (
    "Plug in a microphone (a headset works well), check that it is not muted in the sound "
    "settings, and that the sound system (PulseAudio/PipeWire) is running; then switch "
    "Voice ▸ Listen for commands on again."
)


class _Worker(QObject):
    heard = Signal(str)  # command id
    level = Signal(float)  # 0..1, peak of the last ~100 ms
    failed = Signal(str)
    audio = Signal(bytes)  # the raw chunks, only while `tap` is set (Teach it my voice)

    def __init__(self, gate: SpeechGate, exps: Mapping[str, int]) -> None:
        super().__init__()
        self.gate = gate
        self.exps = dict(exps)
        self.source: QAudioSource | None = None
        self.io: QIODevice | None = None
        self.spotter: KeywordSpotter | None = None
        self._was_open = True
        self._peak = 0
        self._since_level = 0
        self.chunks = 0
        self._chunks_seen = 0
        self._silent_checks = 0
        self._watch: QTimer | None = None
        self.tap = False  # set from the GUI thread; a plain flag read once per chunk

    @Slot()
    def start(self) -> None:
        try:
            self.spotter = KeywordSpotter(self.exps)
        except DecoderError as exc:
            self.failed.emit(f"Spoken commands are off: {exc}.")
            return
        device = QMediaDevices.defaultAudioInput()
        if device.isNull():
            self.failed.emit(f"Spoken commands are off: no microphone was found. {MIC_FIX}")
            return
        fmt = QAudioFormat()
        fmt.setSampleRate(RATE)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        self.source = QAudioSource(device, fmt, self)
        self.source.setBufferSize(RATE // 5)  # ~100 ms of int16: low latency, few wake-ups
        self.source.stateChanged.connect(self._state)
        self.io = self.source.start()
        if self.io is None:
            self.failed.emit(f"Spoken commands are off: the microphone could not be opened. {MIC_FIX}")
            return
        self.io.readyRead.connect(self._read)
        self._watch = QTimer(self)  # made here, in the worker's thread, so it fires there
        self._watch.setInterval(CHECK_MS)
        self._watch.timeout.connect(self._check_flow)
        self._watch.start()

    @Slot()
    def _check_flow(self) -> None:
        if self.chunks != self._chunks_seen:
            self._chunks_seen, self._silent_checks = self.chunks, 0
            return
        self._silent_checks += 1
        if self._silent_checks >= SILENT_CHECKS:
            self.failed.emit(f"Spoken commands stopped: the microphone stopped sending sound. {MIC_FIX}")
            self.stop()

    @Slot()
    def _state(self) -> None:
        # No argument: PySide 6.x cannot convert the signal's QAudio::State for a Python slot
        # ("Cannot call meta function"), so this never ran and a failing microphone went unseen.
        if self.source is not None and self.source.error() not in (
            QtAudio.Error.NoError,
            QtAudio.Error.UnderrunError,
        ):
            self.failed.emit(f"Spoken commands stopped: the microphone stopped working. {MIC_FIX}")
            self.stop()

    @Slot()
    def _read(self) -> None:
        if self.io is None or self.spotter is None:
            return
        data = bytes(self.io.readAll().data())
        if not data:
            return
        self.chunks += 1
        pcm = np.frombuffer(data[: len(data) // 2 * 2], dtype=np.int16)
        if len(pcm):
            self._peak = max(self._peak, int(np.max(np.abs(pcm.astype(np.int32)))))
        self._since_level += len(pcm)
        if self._since_level >= RATE // 10:
            self.level.emit(min(1.0, self._peak / 32767))
            self._peak = self._since_level = 0
        if self.tap:
            self.audio.emit(pcm.tobytes())  # to memory only, for the takes being taught
        if not self.gate.is_open():
            if self._was_open:
                self.spotter.reset()  # nothing half-heard before the coach spoke survives
            self._was_open = False
            return
        self._was_open = True
        for command in self.spotter.feed(pcm.tobytes()):
            self.heard.emit(command.id)

    @Slot()
    def stop(self) -> None:
        if self._watch is not None:
            self._watch.stop()
            self._watch = None
        if self.source is not None:
            self.source.stop()
            self.source = None
        self.io = None


class Listener(QObject):
    """Owns the worker thread. `heard(command_id)`, `level(float)`, `failed(message)`, and
    `audio(bytes)` while tapped."""

    heard = Signal(str)
    level = Signal(float)
    failed = Signal(str)
    audio = Signal(bytes)
    _start = Signal()
    _stop = Signal()

    def __init__(self, gate: SpeechGate, exps: Mapping[str, int] | None = None) -> None:
        super().__init__()
        self.gate = gate
        self._thread = QThread()
        self._thread.setObjectName("listen")
        self.worker = _Worker(gate, exps or {})
        self.worker.moveToThread(self._thread)
        self.worker.heard.connect(self.heard)
        self.worker.level.connect(self.level)
        self.worker.failed.connect(self.failed)
        self.worker.audio.connect(self.audio)
        self._start.connect(self.worker.start)
        self._stop.connect(self.worker.stop)
        self.running = False

    def start(self) -> None:
        if self.running:
            return
        self.running = True
        self._thread.start()
        self._start.emit()

    def set_tap(self, on: bool) -> None:
        self.worker.tap = on

    def close(self) -> None:
        if not self.running:
            return
        self.running = False
        self._stop.emit()
        self._thread.quit()
        self._thread.wait(3000)
