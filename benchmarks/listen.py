"""Benchmark, `listen` section: the spoken-command recogniser on synthetic speech.

The thresholds, decoder settings and phrases (trainer/listen) were tuned on a TUNING set: the
commands read by Festival's HTS voice "slt" and Piper's "joe" at speeds 1.0 and 1.2, pink-noise
seeds 1 and 2, and 12.7 minutes of the coach's own lines read by the same two voices. The
figures below are on a HELD-OUT set the tuning never saw: the same two voices at speeds 0.9 and
1.1 with noise seeds 3 and 4, plus a third voice, Festival's diphone "kal", at speeds 1.0 and
1.15. The tuning-set figures are printed too, for comparison.

- detection per command and overall, clean, 20 dB and 10 dB SNR (pink noise): the command is
  heard, and nothing else is;
- false alarms per hour, gate off, on non-command speech: the source article read by all three
  voices, and the coach's lines read by the held-out voice (--quick: the article by one voice);
- tail fires: command words said without the prefix ("I am done with this set") by all three
  voices: must be none (other such sentences, read by the tuning voices, are the tuning set's);
- self-triggers: a whole default session's coach audio (the trainer's own espeak-ng clips, mixed
  at their planned times) into the decoder with no gate (with the gate on it is a test through
  a real microphone: tests/listen/test_listen_self_e2e.py);
- latency from the end of the spoken phrase to the command (decoder side, 100 ms chunks);
- CPU per second of audio, denoiser included.
Needs the test set-up (Festival with both voices, Piper): scripts/setup.sh test. Speech is
cached in THORACIC_LISTEN_CACHE (default /tmp/thoracic-listen-cache): the first full run makes
about an hour of speech.
Run: python -m benchmarks --only listen   or   python -m benchmarks.listen [--quick]
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import tomllib
from pathlib import Path

import numpy as np

from benchmarks.speechgen import RATE, Audio, speak, with_noise
from trainer.listen.commands import COMMANDS
from trainer.listen.decoder import KeywordSpotter

# (figure, target, "min" when the figure must reach the target, "max" when it must stay below)
TARGETS: tuple[tuple[str, float, str], ...] = (
    ("listen_detect_clean", 0.95, "min"),
    ("listen_detect_snr10", 0.85, "min"),
    ("listen_false_alarms_per_h", 1.0, "max"),
    ("listen_tail_fires", 0, "max"),
    ("listen_self_triggers_gate_off", 0, "max"),
    ("listen_latency_p95_s", 0.6, "max"),
    ("listen_cpu_of_one_core", 0.15, "max"),
)
CHUNK = RATE // 10
ARTICLE = Path("shared") / "seed" / "000_175ec1cd19d297ed.txt"  # the project's source article
Set = tuple[str, tuple[float, ...], tuple[int, ...]]  # (voice, speeds, noise seeds)
HELD_OUT: tuple[Set, ...] = (
    ("slt", (0.9, 1.1), (3, 4)),
    ("joe", (0.9, 1.1), (3, 4)),
    ("kal", (1.0, 1.15), (3, 4)),
)
TUNING: tuple[Set, ...] = (("slt", (1.0, 1.2), (1, 2)), ("joe", (1.0, 1.2), (1, 2)))
TAILS = (
    "I think I am done with this set.",
    "Shall we skip the rest today?",
    "Could you say that again?",
    "Please stop the session now.",
    "I would like more rest.",
    "I'm fine, thank you.",
    "Oh, that hurts a bit.",
    "I am feeling tired.",
    "We can resume when ready.",
    "Let's pause here.",
    # For the three reworded phrases (the ten above were written for the earlier ones).
    "It hurts now and then.",
    "Let's end the session early.",
    "I will pause now for a drink.",
)
# The same kind of sentences for tuning (utterance verification, thresholds), read by the
# tuning voices only; TAILS above are never tuned on.
TUNING_TAILS = (
    "I am nearly done with this set.",
    "Do we skip the rest or not?",
    "Can you say that again please?",
    "You can stop the session whenever.",
    "Give me more rest next time.",
    "Honestly I'm fine.",
    "Ouch, that hurts my back.",
    "After work I am feeling tired.",
    "Let us resume the plan.",
    "Take a pause first.",
    "My knee hurts now.",
    "We could end the session soon.",
    "Shall we pause now?",
)


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


def coach_texts() -> list[str]:
    """Everything the coach, the exercise files and the safety guidance say (3 words or more)."""
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


def article_path() -> Path | None:
    """The article in shared/ beside the repository (or a folder above it), if there is one."""
    if os.environ.get("THORACIC_ARTICLE"):
        return Path(os.environ["THORACIC_ARTICLE"])
    for folder in Path(__file__).resolve().parents[1:]:
        if (folder / ARTICLE).is_file():
            return folder / ARTICLE
    return None


def article_texts(path: Path) -> list[str]:
    """The source article's sentences (2 words or more)."""
    raw = path.read_text(encoding="utf-8")
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", raw) if len(s.split()) >= 2]


def _talk(texts: list[str], per: int) -> list[str]:
    return [" ".join(texts[i : i + per]) for i in range(0, len(texts), per)]


def _detection(
    k: KeywordSpotter,
    cache: Path,
    sets: list[tuple[str, tuple[float, ...], tuple[int, ...]]],
    latencies: list[float],
) -> tuple[dict[str, object], float, float]:
    out: dict[str, object] = {}
    cpu = seconds = 0.0
    for label, snr in (("clean", None), ("snr20", 20.0), ("snr10", 10.0)):
        per: dict[str, float] = {}
        for c in COMMANDS:
            ok = n = 0
            for voice, speeds, seeds in sets:
                for sp in speeds:
                    for seed in seeds:
                        a = with_noise(speak(c.phrase + ".", voice, cache, sp), snr, seed)
                        t0 = time.process_time()
                        got = _run(k, a)
                        cpu += time.process_time() - t0
                        seconds += len(a) / RATE
                        n += 1
                        if [g for g, _ in got] == [c.id]:
                            ok += 1
                            if snr is None:
                                latencies.append((got[0][1] - _speech_end(a)) / RATE)
            per[c.id] = round(ok / n, 3)
        out[f"detect_{label}"] = round(sum(per.values()) / len(per), 3)
        out[f"detect_{label}_per_command"] = per
    return out, cpu, seconds


def measure_listen(cache: Path | None = None, quick: bool = False) -> dict[str, object]:
    cache = cache or Path(os.environ.get("THORACIC_LISTEN_CACHE", "/tmp/thoracic-listen-cache"))
    k = KeywordSpotter()
    # A microphone that has been on for a while: the running cepstral mean has met speech.
    for voice in ("slt", "joe"):
        _run(k, with_noise(speak("Good morning. Let us get ready for the exercise.", voice, cache), None))
    out: dict[str, object] = {"listen_mode": "quick" if quick else "full"}
    latencies: list[float] = []
    held: list[Set] = [(v, sp[:1], seeds[:1]) for v, sp, seeds in HELD_OUT] if quick else list(HELD_OUT)
    got, cpu, seconds = _detection(k, cache, held, latencies)
    out.update({f"listen_{key}": v for key, v in got.items()})
    if not quick:
        tuned, c2, s2 = _detection(k, cache, list(TUNING), [])
        cpu, seconds = cpu + c2, seconds + s2
        out.update({f"listen_tuning_{key}": v for key, v in tuned.items() if not key.endswith("per_command")})
    # False alarms, gate off, on speech that holds no command.
    article = article_path()
    talk: list[tuple[str, str]] = []
    if article is not None:
        talk += [
            (v, t)
            for v in (("slt",) if quick else ("slt", "joe", "kal"))
            for t in _talk(article_texts(article), 6)
        ]
    out["listen_false_alarm_speech"] = (
        f"article {article}" if article else "article not found: coach lines only"
    )
    if not quick or article is None:
        talk += [("kal", t) for t in _talk(coach_texts(), 8)]
    fired: dict[str, int] = {}
    speech_s = 0.0
    for voice, text in talk:
        a = with_noise(speak(text, voice, cache), None, pad_s=0.3)
        t0 = time.process_time()
        for cid, _ in _run(k, a):
            fired[cid] = fired.get(cid, 0) + 1
        cpu += time.process_time() - t0
        seconds += len(a) / RATE
        speech_s += len(a) / RATE
    n_fa = sum(fired.values())
    out["listen_false_alarm_speech_min"] = round(speech_s / 60, 1)
    out["listen_false_alarms"] = n_fa
    out["listen_false_alarms_by_command"] = fired
    out["listen_false_alarms_per_h"] = round(n_fa / (speech_s / 3600), 2)
    tails = 0
    for voice in ("slt", "joe", "kal"):
        for text in TAILS:
            tails += len(_run(k, with_noise(speak(text, voice, cache), None)))
    out["listen_tail_fires"] = tails
    if not quick:
        out["listen_tuning_tail_fires"] = sum(
            len(_run(k, with_noise(speak(text, voice, cache), None)))
            for voice in ("slt", "joe")
            for text in TUNING_TAILS
        )
    out["listen_self_triggers_gate_off"] = _self_triggers(k, cache)
    lat = sorted(latencies)
    out["listen_latency_p50_s"] = round(lat[len(lat) // 2], 3) if lat else None
    out["listen_latency_p95_s"] = round(lat[min(len(lat) - 1, int(0.95 * len(lat)))], 3) if lat else None
    out["listen_cpu_of_one_core"] = round(cpu / seconds, 4)
    out["listen_vs_targets"] = {
        name: f"{out.get(name)} {'≥' if kind == 'min' else '≤'} {target}: "
        + ("met" if _meets(out.get(name), target, kind) else "NOT met")
        for name, target, kind in TARGETS
    }
    return out


def _meets(value: object, target: float, kind: str) -> bool:
    if not isinstance(value, int | float):
        return False
    return value >= target if kind == "min" else value <= target


def _self_triggers(k: KeywordSpotter, cache: Path) -> int | str:
    """A whole default session's coach audio (the trainer's own espeak-ng clips, mixed at their
    planned times) straight into the decoder with no gate."""
    try:
        from trainer.content import load_builtin_exercise
        from trainer.session import Plan
        from trainer.session.timeline import Timeline
        from trainer.voice.mixdown import mix, plan_speech
        from trainer.voice.renderer import render_clips
    except ImportError as exc:
        return f"not measured ({exc})"
    ex = load_builtin_exercise()
    plan = Plan.from_exercise(ex, ex.variant_ids[0])
    clips, _ = render_clips(cache / "voice", Timeline.compile(plan, ex).cue_texts())
    onsets = plan_speech(plan, ex, clips, 30.0)
    seconds = max(o.planned for o in onsets) + 10.0
    return len(_run(k, mix(onsets, clips, seconds, RATE)))


def main() -> int:
    print(json.dumps(measure_listen(quick="--quick" in sys.argv), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
