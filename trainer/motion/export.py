"""Poses as data: one repetition of each variant sampled in time, written as JSON.

Used by ``thoracic-trainer --export-poses FILE [--variant V]`` and by the geometry tests, which
measure the article's angles on exactly what this writes.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from trainer.motion.muscles import MUSCLES, muscle_effort
from trainer.motion.poses import PHASES, builtin_variants, figure_for, pose_at
from trainer.motion.skeleton import BONES, HEIGHT, JOINTS

FORMAT = "thoracic-trainer-poses"
VERSION = 1
MIN_RATE_HZ = 20.0


def _round(values: Any, digits: int) -> list[float]:
    return [round(float(v), digits) + 0.0 for v in values]  # + 0.0 turns -0.0 into 0.0


def rep_sequence(variant: str, side: str | None, tempo: tuple[float, ...], rate_hz: float) -> dict[str, Any]:
    """One repetition (lift, squeeze, lower, relax) sampled every 1/rate_hz seconds from its start."""
    rep = sum(tempo)
    samples = []
    for k in range(math.ceil(rep * rate_hz - 1e-9)):
        t = k / rate_hz
        begin = 0.0
        phase, progress = PHASES[-1], 1.0
        for name, length in zip(PHASES, tempo, strict=True):
            if length > 0 and t < begin + length:
                phase, progress = name, (t - begin) / length
                break
            begin += length
        pose = pose_at(variant, side, phase, progress)
        samples.append(
            {
                "t": round(t, 4),
                "phase": phase,
                "progress": round(progress, 4),
                "positions": [_round(p, 5) for p in pose.positions],
                "palms": {s: _round(pose.palm(s), 4) for s in ("left", "right")},
                "effort": {
                    m.key: round(e, 3) for m, e in zip(MUSCLES, muscle_effort(phase, progress), strict=True)
                },
            }
        )
    return {"variant": variant, "side": side, "samples": samples}


def poses_document(
    variant: str | None = None, rate_hz: float = 30.0, tempo: tuple[float, ...] | None = None
) -> dict[str, Any]:
    """The export as a dict; ``tempo`` is (lift, squeeze, lower, relax) seconds, default the plan's."""
    if not rate_hz >= MIN_RATE_HZ or not math.isfinite(rate_hz):
        raise ValueError(f"rate_hz must be at least {MIN_RATE_HZ:g}, got {rate_hz!r}")
    known = builtin_variants()
    if variant is not None and variant not in known:
        raise ValueError(f"unknown variant {variant!r} (known: {', '.join(known)})")
    if tempo is None:
        from trainer.content import load_builtin_exercise  # only when asked: keeps start-up light

        t = load_builtin_exercise().tempo
        tempo = (t.lift, t.squeeze, t.lower, t.relax)
    if len(tempo) != 4 or any(not (x >= 0 and math.isfinite(x)) for x in tempo) or sum(tempo) <= 0:
        raise ValueError(
            f"tempo must be four non-negative seconds (lift, squeeze, lower, relax), got {tempo!r}"
        )
    sequences = []
    for v in known if variant is None else (variant,):
        # Kneeling: the side is the knee on the floor; both knees, left first as in the plan.
        for side in ("left", "right") if figure_for(v).kneels else (None,):
            sequences.append(rep_sequence(v, side, tuple(tempo), rate_hz))
    return {
        "format": FORMAT,
        "version": VERSION,
        "units": "metres",
        "axes": {"x": "forward", "y": "up", "z": "to the person's left"},
        "floor_y": 0.0,
        "body_height": HEIGHT,
        "rate_hz": rate_hz,
        "tempo": dict(zip(PHASES, tempo, strict=True)),
        "joints": list(JOINTS),
        "bones": [list(b) for b in BONES],
        "palm": "unit normal of each palm (the side a weight rests on)",
        "muscles": {m.key: m.name for m in MUSCLES},
        "sequences": sequences,
    }


def export_poses(
    path: Path, variant: str | None = None, rate_hz: float = 30.0, tempo: tuple[float, ...] | None = None
) -> dict[str, Any]:
    """Write one repetition of each variant (or just ``variant``) to ``path`` as JSON; return it."""
    doc = poses_document(variant, rate_hz, tempo)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(doc, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)  # never leave a half-written file under the real name
    return doc
