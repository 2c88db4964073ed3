"""Benchmark, `listen` section: the spoken-command recogniser on synthetic speech.

Detection per command and overall, clean and at 10 dB SNR (pink noise), two voices (Festival
slt, Piper joe) at two speaking speeds; false alarms per hour on non-command speech (everything
the coach, the exercise file and the safety guidance say, read by both voices at two speeds),
gate off; self-triggers over a whole default session's own coach audio (espeak-ng clips, as the
trainer speaks them), gate off, so with the gate on it can only be fewer; latency from the end
of the spoken phrase to the command (decoder side, 100 ms chunks); CPU per second of audio.
Needs the test set-up (Festival, Piper): scripts/setup.sh test.
Run: python -m benchmarks.listen [--quick]
"""

from __future__ import annotations

import json
import sys
import time
import tomllib
from pathlib import Path

import numpy as np

from benchmarks.speechgen import RATE, Audio, speak, with_noise
from trainer.listen.commands import COMMANDS
from trainer.listen.decoder import KeywordSpotter

TARGETS = {"clean": 0.95, "snr10": 0.85, "false_alarms_per_h": 1.0, "self_triggers": 0, "latency_p95_s": 0.6}
CHUNK = RATE // 10


def _run(k: KeywordSpotter, audio: Audio) -> list[tuple[str, int]]:
    """(command id, sample index at the end of the chunk it was heard in)."""
    k.reset()
    out: list[tuple[str, int]] = []
    for i in range(0, len(audio), CHUNK):
        out += [(c.id, i + CHUNK) for c in k.feed(audio[i : i + CHUNK].tobytes())]
    return out


def _speech_end(audio: Audio) -> int:
    loud = np.nonzero(np.abs(audio.astype(np.int32)) > 0.05 * int(np.max(np.abs(audio.astype(np.int32)))))[0]
    return int(loud[-1]) if len(loud) else len(audio)


def _non_command_texts() -> list[str]:
    from trainer.content import load_builtin_exercise
    from trainer.content.safety import builtin_safety_path
    from trainer.paths import assets_dir
    from trainer.session import Plan
    from trainer.session.timeline import Timeline

    ex = load_builtin_exercise()
    texts: dict[str, None] = {}
    for v in ex.variant_ids:
        for t in Timeline.compile(Plan.from_exercise(ex, v, sets=3, reps=8, rest_s=60), ex).cue_texts():
            texts.setdefault(t, None)

    def strings(node: object) -> list[str]:
        if isinstance(node, str):
            return [node]
        if isinstance(node, dict):
            return [s for x in node.values() for s in strings(x)]
        if isinstance(node, list):
            return [s for x in node for s in strings(x)]
        return []

    for path in [*sorted((assets_dir() / "exercises").glob("*.toml")), builtin_safety_path()]:
        for s in strings(tomllib.loads(path.read_text(encoding="utf-8"))):
            if len(s.split()) >= 3 and "/" not in s:
                texts.setdefault(s, None)
    return list(texts)


def measure_listen(cache: Path, quick: bool = False) -> dict[str, object]:
    k = KeywordSpotter()
    voices, speeds = ("slt", "joe"), ((1.0,) if quick else (1.0, 1.2))
    out: dict[str, object] = {}
    latencies: list[float] = []
    decode_cpu = decoded_s = 0.0
    for label, snr in (("clean", None), ("snr10", 10.0), ("snr20", 20.0)):
        per: dict[str, float] = {}
        for c in COMMANDS:
            ok = n = 0
            for v in voices:
                for sp in speeds:
                    for seed in (1, 2):
                        a = with_noise(speak(c.phrase + ".", v, cache, sp), snr, seed)
                        t0 = time.process_time()
                        got = _run(k, a)
                        decode_cpu += time.process_time() - t0
                        decoded_s += len(a) / RATE
                        n += 1
                        if [g for g, _ in got] == [c.id]:
                            ok += 1
                            if snr is None:
                                latencies.append((got[0][1] - _speech_end(a)) / RATE)
            per[c.id] = round(ok / n, 3)
        out[f"listen_detect_{label}"] = round(sum(per.values()) / len(per), 3)
        out[f"listen_detect_{label}_per_command"] = per
    # False alarms on speech that holds no command.
    texts = _non_command_texts()
    fa = 0
    speech_s = 0.0
    for v in voices:
        for sp in speeds:
            for i in range(0, len(texts), 8):
                a = with_noise(speak(" ".join(texts[i : i + 8]), v, cache, sp), None, pad_s=0.3)
                t0 = time.process_time()
                fa += len(_run(k, a))
                decode_cpu += time.process_time() - t0
                decoded_s += len(a) / RATE
                speech_s += len(a) / RATE
    out["listen_false_alarm_speech_min"] = round(speech_s / 60, 1)
    out["listen_false_alarms"] = fa
    out["listen_false_alarms_per_h"] = round(fa / (speech_s / 3600), 2)
    out["listen_self_triggers_gate_off"] = _self_triggers(k, cache)
    lat = sorted(latencies)
    out["listen_latency_p50_s"] = round(lat[len(lat) // 2], 3) if lat else None
    out["listen_latency_p95_s"] = round(lat[min(len(lat) - 1, int(0.95 * len(lat)))], 3) if lat else None
    out["listen_cpu_of_one_core"] = round(decode_cpu / decoded_s, 4)
    out["listen_targets"] = TARGETS
    return out


def _self_triggers(k: KeywordSpotter, cache: Path) -> int | str:
    """A whole default session's coach audio (the trainer's own espeak-ng clips, mixed at their
    planned times) straight into the decoder with no gate."""
    try:
        from trainer.content import load_builtin_exercise
        from trainer.session import Plan
        from trainer.voice.mixdown import mix, plan_speech
        from trainer.voice.renderer import render_clips
    except ImportError as exc:
        return f"not measured ({exc})"
    ex = load_builtin_exercise()
    plan = Plan.from_exercise(ex, ex.variant_ids[0])
    from trainer.session.timeline import Timeline

    clips, _ = render_clips(cache / "voice", Timeline.compile(plan, ex).cue_texts())
    onsets = plan_speech(plan, ex, clips, 30.0)
    seconds = max(o.planned for o in onsets) + 10.0
    return len(_run(k, mix(onsets, clips, seconds, RATE)))


def main() -> int:
    cache = Path("/tmp/thoracic-listen-cache")
    print(json.dumps(measure_listen(cache, quick="--quick" in sys.argv), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
