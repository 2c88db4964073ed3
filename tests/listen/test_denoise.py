"""The denoiser in front of the recogniser: steady noise goes down, speech stays, and the result
does not depend on how the microphone cuts its chunks."""

from __future__ import annotations

import numpy as np

from trainer.listen.denoise import FLOOR, HOP, Denoiser, exp1


def _noise(n: int, seed: int = 3) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, 800, n)


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x.astype(np.float64) ** 2)))


def test_steady_noise_is_turned_down_once_its_floor_is_known() -> None:
    x = _noise(16000 * 4).astype(np.int16)
    y = Denoiser()(x)
    late_in, late_out = x[-16000 - HOP : -HOP], y[-16000:]
    # Down to near the gain floor (the earlier spectral subtraction, floor 0.5, left 0.58).
    assert _rms(late_out) < (FLOOR + 0.1) * _rms(late_in)


def test_the_gain_follows_the_exponential_integral() -> None:
    # log-MMSE needs E1; numpy has none, so it is approximated: checked against known values.
    x = np.array([0.01, 0.5, 1.0, 2.0, 5.0])
    known = np.array([4.0379296, 0.5597736, 0.2193839, 0.0489005, 0.0011483])
    assert np.allclose(exp1(x), known, rtol=2e-4)


def test_a_burst_over_the_noise_passes_nearly_whole() -> None:
    rng = np.random.default_rng(5)
    x = _noise(16000 * 4)
    t = np.arange(8000) / 16000
    burst = 6000 * np.sin(2 * np.pi * 440 * t) * (1 + 0.3 * rng.standard_normal(8000))
    x[40000:48000] += burst
    y = Denoiser()(x.astype(np.int16)).astype(np.float64)
    # The output runs one hop behind its input.
    assert _rms(y[40000 + HOP + 1000 : 48000 + HOP - 1000]) > 0.85 * _rms(x[41000:47000])


def test_the_chunking_does_not_change_the_output() -> None:
    x = _noise(16000 * 2).astype(np.int16)
    whole = Denoiser()(x)
    d = Denoiser()
    parts = [d(x[i : i + 1000]) for i in range(0, len(x), 1000)]  # odd sizes, not whole hops
    pieces = np.concatenate(parts)
    assert len(pieces) == len(whole)
    assert np.array_equal(pieces, whole)
