"""Steady background noise taken out of the microphone signal before the recogniser hears it.

Streaming spectral subtraction: 32 ms frames with half overlap (square-root Hann windows, so
analysis and synthesis add back to the input exactly when nothing is taken out). The noise floor
of each frequency is the minimum of its smoothed power over the last ~1.5 s (minimum statistics:
speech comes and goes, a fan or traffic stays), so it follows a room within a couple of seconds
and needs no quiet moment to learn from. The gain is gentle (never below half): strong
subtraction leaves "musical" chirps that the recogniser takes for phones. Measured on pink
noise at 10 dB SNR it roughly doubles the commands heard (benchmarks/listen.py). No Qt.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FRAME = 512  # 32 ms at 16 kHz
HOP = FRAME // 2
HISTORY = 94  # frames of minimum tracking, ~1.5 s
SMOOTH = 0.7  # power smoothing per frame (recursive average)
OVER = 2.0  # over-subtraction: noise estimate times this is taken out
FLOOR = 0.5  # the gain never drops below this
BIAS = 1.5  # the minimum of a smoothed power underestimates the mean noise power


class Denoiser:
    def __init__(self) -> None:
        n = np.arange(FRAME)
        self._window = np.sqrt(0.5 - 0.5 * np.cos(2 * np.pi * n / FRAME))
        self._tail = np.zeros(FRAME - HOP)  # the last input not yet a whole frame's first half
        self._overlap = np.zeros(HOP)  # the second half of the last output frame
        self._pending = np.zeros(0)
        self._power: npt.NDArray[np.float64] | None = None
        self._history = np.full((HISTORY, FRAME // 2 + 1), np.inf)
        self._frames = 0

    def __call__(self, pcm: npt.NDArray[np.int16]) -> npt.NDArray[np.int16]:
        """Cleaned audio; it runs one hop (16 ms) behind its input."""
        x = np.concatenate([self._pending, pcm.astype(np.float64)])
        whole = len(x) // HOP * HOP
        self._pending = x[whole:]
        out = np.empty(whole)
        for i in range(0, whole, HOP):
            frame = np.concatenate([self._tail, x[i : i + HOP]])
            self._tail = frame[HOP:]
            spec = np.fft.rfft(frame * self._window)
            power = spec.real**2 + spec.imag**2
            if self._power is None:
                self._power = power
            else:
                self._power = SMOOTH * self._power + (1 - SMOOTH) * power
            self._history[self._frames % HISTORY] = self._power
            self._frames += 1
            noise = BIAS * self._history.min(axis=0)
            gain = np.maximum(FLOOR, 1.0 - OVER * noise / np.maximum(power, 1e-9))
            y = np.fft.irfft(spec * gain, FRAME) * self._window
            out[i : i + HOP] = self._overlap + y[:HOP]
            self._overlap = y[HOP:]
        return np.clip(out, -32768, 32767).astype(np.int16)
