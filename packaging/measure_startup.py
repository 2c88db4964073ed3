"""Start-up of the built app against running from source, with the benchmark's FIRST_PAINT mechanism.

    .venv/bin/python packaging/measure_startup.py [--rounds 7] [--app dist/thoracic-trainer/thoracic-trainer]

Each round starts `python -m trainer` (from source) and the bundle once, interleaved so both see the
machine in the same state, offscreen, with THORACIC_TRAINER_BENCH_STARTUP=1 (the app prints
`FIRST_PAINT <time>` when its window first paints, then quits) and a fresh data folder. Prints every
figure, the medians and their ratio; exit 0 when the bundle's median is within TARGET_RATIO of the
source's, 1 when not, 2 when the bundle is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_APP = ROOT / "dist" / "thoracic-trainer" / "thoracic-trainer"
TARGET_RATIO = 1.2


def startup_once(cmd: list[str], data_dir: Path) -> float:
    """Seconds from starting the process to its first painted window."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", THORACIC_TRAINER_BENCH_STARTUP="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the source run keeps its compiled modules, as for a user
    t0 = time.time()
    proc = subprocess.run(
        [*cmd, "--data-dir", str(data_dir)], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT
    )
    for line in proc.stdout.splitlines():
        if line.startswith("FIRST_PAINT "):
            return float(line.split()[1]) - t0
    raise RuntimeError(f"no FIRST_PAINT from {cmd[0]} (exit {proc.returncode}): {proc.stderr[-400:]}")


def measure(app: Path, rounds: int, python: str = sys.executable) -> dict[str, object]:
    cmds = {"source": [python, "-m", "trainer"], "bundle": [str(app)]}
    samples: dict[str, list[float]] = {k: [] for k in cmds}
    with tempfile.TemporaryDirectory(prefix="thoracic-startup-") as tmp:
        for name, cmd in cmds.items():  # one warm-up each: the page cache, not the app, is measured
            startup_once(cmd, Path(tmp) / f"warm-{name}")
        for i in range(rounds):
            for name, cmd in cmds.items():
                samples[name].append(startup_once(cmd, Path(tmp) / f"{name}-{i}"))
    source = statistics.median(samples["source"])
    bundle = statistics.median(samples["bundle"])
    return {
        "rounds": rounds,
        "source_s": [round(v, 3) for v in samples["source"]],
        "bundle_s": [round(v, 3) for v in samples["bundle"]],
        "source_median_s": round(source, 3),
        "bundle_median_s": round(bundle, 3),
        "ratio": round(bundle / source, 3),
        "target_ratio": TARGET_RATIO,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start-up: the built app against running from source.")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--app", type=Path, default=DEFAULT_APP)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)
    if not args.app.exists():
        print(f"measure_startup: {args.app} does not exist; build it with scripts/build-app", file=sys.stderr)
        return 2
    result = measure(args.app, args.rounds)
    ok = float(result["ratio"]) <= TARGET_RATIO  # type: ignore[arg-type]
    result["meets"] = ok
    if args.json:
        print(json.dumps(result))
    else:
        print(f"start-up to first paint, {args.rounds} rounds (offscreen):")
        print(f"  source  {result['source_s']}  median {result['source_median_s']:.3f} s")
        print(f"  bundle  {result['bundle_s']}  median {result['bundle_median_s']:.3f} s")
        verdict = "meets" if ok else "MISSES"
        print(f"  bundle / source = {result['ratio']:.3f} ({verdict} the target <= {TARGET_RATIO})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
