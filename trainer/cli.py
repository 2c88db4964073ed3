"""The command line (docs/ARCHITECTURE.md, "The command-line contract"). Bad values exit 2 with one
line, no traceback."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from trainer.clock import Clocks
from trainer.content import ExerciseError, load_builtin_exercise, load_exercise
from trainer.options import Options
from trainer.session.plan import Plan, PlanError, Tempo
from trainer.signals import install_raising
from trainer.text import plural

PROG = "thoracic-trainer"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message}\n")


def _number(name: str, lo: float, hi: float, whole: bool = False) -> Callable[[str], float]:
    """An argparse type: a number (or whole number) in [lo, hi], with a message naming the flag."""
    kind, span = (
        ("a whole number", f"from {lo:g} to {hi:g}") if whole else ("a number", f"between {lo:g} and {hi:g}")
    )

    def conv(text: str) -> float:
        try:
            value: float = int(text) if whole else float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be {kind}, got {text!r}") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{name} must be {span}, got {text}")
        return value

    return conv


def _given(name: str) -> Callable[[str], str]:
    """An argparse type: any text but an empty one (``--screenshot ''`` must not open the window)."""

    def conv(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(f"{name} needs a value, got an empty one")
        return text

    return conv


def build_parser() -> argparse.ArgumentParser:
    # allow_abbrev=False: "--self" or "--export-pos" must be an error, not a guess that opens the window.
    p = _Parser(
        prog=PROG, description="A follow-along coach for the Thoracic Back Press.", allow_abbrev=False
    )
    p.add_argument(
        "--variant",
        type=_given("--variant"),
        help="a variant id of the exercise file, e.g. kneeling, chair or ball (default: its first)",
    )
    p.add_argument("--sets", type=_number("--sets", 1, 10, whole=True))
    p.add_argument("--reps", type=_number("--reps", 1, 30, whole=True))
    p.add_argument("--rest", type=_number("--rest", 0, 600), help="seconds of rest between sets")
    p.add_argument(
        "--tempo", type=_given("--tempo"), help="seconds for lift-squeeze-lower-relax, e.g. 3-1-3-1"
    )
    p.add_argument("--no-voice", action="store_true", help="captions only")
    p.add_argument(
        "--data-dir",
        type=_given("--data-dir"),
        help="where history, settings and caches live (env THORACIC_TRAINER_HOME)",
    )
    p.add_argument(
        "--exercise",
        type=_given("--exercise"),
        help="use this exercise definition (TOML) instead of the built-in one",
    )
    p.add_argument("--rehearse", action="store_true", help="run the whole session unattended, then quit")
    p.add_argument("--speed", type=_number("--speed", 0.05, 1000), default=1.0)
    p.add_argument(
        "--events", type=_given("--events"), help="write every session event to this file as JSON Lines"
    )
    p.add_argument(
        "--screenshot",
        type=_given("--screenshot"),
        help="save a PNG of the window at --at session-seconds, then quit",
    )
    p.add_argument("--at", type=_number("--at", 0, 100000), default=0.0)
    p.add_argument("--window-size", help="with --screenshot: the window's size, e.g. 1366x704")
    p.add_argument(
        "--follow-along",
        action="store_true",
        help="open in follow-along mode: full screen, big text, no menus (F11 or Esc leaves it)",
    )
    p.add_argument("--weight", help="what you hold in each hand, kept in the history (e.g. '1 lb', 'a can')")
    p.add_argument(
        "--show",
        choices=("main", "ready", "progress", "safety"),
        default="main",
        help="with --screenshot: main (a session at --at), ready (before Start), progress, safety",
    )
    p.add_argument(
        "--export-history",
        type=_given("--export-history"),
        help="write every recorded set to this CSV file, then quit",
    )
    p.add_argument(
        "--export-report",
        type=_given("--export-report"),
        help="write a one-page PDF report of the history, then quit",
    )
    p.add_argument(
        "--export-poses",
        type=_given("--export-poses"),
        help="write the figure's joint positions over one rep as JSON (all variants or --variant), then quit",
    )
    p.add_argument(
        "--view",
        choices=("side", "three-quarter", "back"),
        default="side",
        help="which way the figure is turned at start (side, three-quarter, back)",
    )
    p.add_argument(
        "--export-card",
        type=_given("--export-card"),
        help="write a one-page printable card (poses, steps, tips, safety, a week's log)",
    )
    p.add_argument(
        "--export-video",
        type=_given("--export-video"),
        help="render the session (plan and variant flags apply) as a follow-along MP4 with voice, then quit",
    )
    p.add_argument(
        "--self-check",
        action="store_true",
        help="check the speech engine, voices, sound output and data folder, then quit (0 = all well)",
    )
    return p


OUTPUT_FLAGS = (
    ("--events", "events", None),
    ("--screenshot", "screenshot", ".png"),
    ("--export-history", "export_history", ".csv"),
    ("--export-report", "export_report", ".pdf"),
    ("--export-video", "export_video", ".mp4"),
    ("--export-card", "export_card", ".pdf"),
    ("--export-poses", "export_poses", None),
)


def check_outputs(parser: argparse.ArgumentParser, a: argparse.Namespace) -> dict[str, Path]:
    """Every output flag through the one check (trainer.outputs); the resolved paths by dest.

    Refused: the history, settings and cache of this run's data folder, the exercise file, another
    output of the same run, folders and special files. One line and exit 2 on the first refusal.
    """
    from trainer.outputs import OutputError, Protected, check_output
    from trainer.paths import builtin_exercise_path, data_dir

    inputs = [(builtin_exercise_path(), "the built-in exercise file")]
    if a.exercise:
        inputs.append((Path(a.exercise), "the exercise file of this run"))
    protected = Protected.for_run(data_dir(a.data_dir), inputs)
    checked: dict[str, Path] = {}
    for flag, dest, suffix in OUTPUT_FLAGS:
        value = getattr(a, dest)
        if value is None:
            continue
        if suffix and not value.lower().endswith(suffix):
            parser.error(f"{flag} must name a {suffix} file, got {value!r}")
        try:
            checked[dest] = check_output(Path(value), flag, protected)
        except OutputError as exc:
            parser.error(str(exc))
        protected = protected.plus(checked[dest], f"the {flag} output of this run")
    return checked


def parse_options(argv: list[str] | None = None) -> Options:
    parser = build_parser()
    return options_from(parser, parser.parse_args(argv))


def options_from(parser: argparse.ArgumentParser, a: argparse.Namespace) -> Options:
    builtin = load_builtin_exercise()
    exercise = builtin
    exercise_path = None
    if a.exercise:
        exercise_path = Path(a.exercise)
        try:
            exercise = load_exercise(exercise_path)
        except ExerciseError as exc:
            parser.error(f"--exercise: {exc}")
    variant = a.variant or exercise.variants[0].id
    if variant not in exercise.variant_ids:
        parser.error(f"--variant must be one of {', '.join(exercise.variant_ids)}, got {variant!r}")
    try:
        tempo = Tempo.parse(a.tempo) if a.tempo else None
        plan = Plan.from_exercise(exercise, variant, sets=a.sets, reps=a.reps, rest_s=a.rest, tempo=tempo)
    except PlanError as exc:
        parser.error(f"--tempo: {exc}" if a.tempo and "tempo" in str(exc) else str(exc))
    if a.at and not a.screenshot:
        parser.error("--at needs --screenshot FILE")
    window_size = None
    if a.window_size is not None:
        if not a.screenshot:
            parser.error("--window-size needs --screenshot FILE")
        m = re.fullmatch(r"\s*(\d{3,4})\s*[xX×]\s*(\d{3,4})\s*", a.window_size)
        if not m or not (640 <= int(m[1]) <= 7680 and 480 <= int(m[2]) <= 4320):
            parser.error(
                f"--window-size must be WIDTHxHEIGHT from 640x480 to 7680x4320, got {a.window_size!r}"
            )
        window_size = (int(m[1]), int(m[2]))
    if a.show != "main" and not a.screenshot:
        parser.error("--show needs --screenshot FILE")
    if a.weight is not None and len(a.weight.strip()) > 40:
        parser.error(f"--weight must be at most 40 characters, got {len(a.weight.strip())}")
    out = check_outputs(parser, a)
    explicit = frozenset(
        name for name in ("variant", "sets", "reps", "rest", "tempo") if getattr(a, name) is not None
    )
    return Options(
        exercise=exercise,
        builtin=builtin,
        plan=plan,
        voice=not a.no_voice,
        data_dir=a.data_dir,
        rehearse=a.rehearse,
        speed=a.speed,
        events=out.get("events"),
        screenshot=out.get("screenshot"),
        at=a.at,
        exercise_path=exercise_path,
        weight=a.weight.strip() if a.weight is not None else None,
        show=a.show,
        export_history=out.get("export_history"),
        export_report=out.get("export_report"),
        export_video=out.get("export_video"),
        export_card=out.get("export_card"),
        view=a.view,
        window_size=window_size,
        follow_along=a.follow_along,
        explicit=explicit,
    )


def export_history(options: Options, clocks: Clocks) -> int:
    """--export-history: no window, no Qt; one line saying what was written."""
    from trainer.exports.history_csv import export_sets_csv
    from trainer.history.store import HistoryError, HistoryStore
    from trainer.paths import data_dir

    assert options.export_history is not None
    try:
        store = HistoryStore.open(data_dir(options.data_dir), clocks.now)
        try:
            if store.notice:
                print(f"{PROG}: {store.notice}", file=sys.stderr)
            sessions = store.sessions()
            if store.unreadable_notice():
                print(f"{PROG}: {store.unreadable_notice()}", file=sys.stderr)
        finally:
            store.close()
    except HistoryError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    try:
        rows = export_sets_csv(sessions, options.export_history)
    except HistoryError as exc:  # the file could not be written: one line, exit 2 like every output
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote {plural(rows, 'set')} to {options.export_history} (from {store.path})")
    return 0


def export_poses_main(parser: argparse.ArgumentParser, a: argparse.Namespace) -> int:
    """--export-poses FILE [--variant V] [--tempo L-S-D-R]: no Qt, one line on success or error."""
    out = check_outputs(parser, a)["export_poses"]
    from trainer.exports.poses import export_poses

    try:
        t = Tempo.parse(a.tempo) if a.tempo else None
        doc = export_poses(out, a.variant, tempo=(t.lift, t.squeeze, t.lower, t.relax) if t else None)
    except (ValueError, PlanError) as exc:
        parser.error(f"--export-poses: {exc}")
    except OSError as exc:
        parser.error(f"--export-poses: could not write {out}: {exc.strerror or exc}")
    seqs = doc["sequences"]
    samples = sum(len(q["samples"]) for q in seqs)
    print(f"Wrote {out}: {len(doc['joints'])} joints, {len(seqs)} recordings of one rep, {samples} samples")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--speech-worker"]:  # the bundle's speech process (trainer/voice/synth_worker.py)
        from trainer.voice.synth_worker import main as speech_worker

        return speech_worker()
    install_raising()  # Ctrl+C / SIGTERM: exit 130 / 143, no traceback (trainer/signals.py)
    clocks = Clocks.system()  # the process's one set of real clocks, handed to everything below
    parser = build_parser()
    a = parser.parse_args(args)  # the whole line, every spelling (--opt=value), no abbreviations
    if a.self_check:
        # Before the exercise file is read: a broken exercise file or plan must not stop the check.
        from trainer.selfcheck.checks import main as self_check

        return self_check(Path(a.data_dir) if a.data_dir else None, now=clocks.now)
    if a.export_poses is not None:
        return export_poses_main(parser, a)
    options = options_from(parser, a)
    if options.export_history is not None:
        return export_history(options, clocks)
    from trainer.app import run  # Qt is imported only after the arguments are good

    return run(options, clocks)


if __name__ == "__main__":
    sys.exit(main())
