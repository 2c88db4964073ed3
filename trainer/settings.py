"""The user's settings: one typed table (key, default, allowed values) over an INI file via QSettings.

Only QtCore is used here. Keys are written as ``group.name`` (``plan.sets``) and stored in
``<data folder>/settings.ini`` as ``[plan] sets=3``. Every value is stored as text; a stored value
that is unreadable or not allowed falls back to its default with one warning in the log.
"""

from __future__ import annotations

import itertools
import logging
import math
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Final, Generic, TypeVar, cast

from PySide6.QtCore import QSettings

from trainer.content import load_builtin_exercise
from trainer.session.plan import PlanError, Tempo

log = logging.getLogger("trainer.settings")

FILE_NAME: Final = "settings.ini"

T = TypeVar("T")

_TRUE: Final = frozenset({"true", "1", "yes", "on"})
_FALSE: Final = frozenset({"false", "0", "no", "off"})


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: its key, default, type and what values are allowed."""

    key: str
    default: T
    kind: type[T]
    doc: str
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] | None = None
    check: Callable[[T], bool] | None = None
    expects: str = ""  # describes what `check` accepts, for messages

    def __post_init__(self) -> None:
        problem = self.problem(self.default)
        if problem:
            raise ValueError(f"setting {self.key}: its default {self.default!r} is not allowed ({problem})")

    def allowed(self) -> str:
        """What values are allowed, in words (used in error and log messages)."""
        if self.kind is bool:
            return "true or false"
        if self.choices is not None:
            return "one of: " + ", ".join(self.choices)
        if self.expects:
            return self.expects
        if self.kind is int:
            what = "a whole number"
        elif self.kind is float:
            what = "a number"
        else:
            what = "a text"
        if self.lo is not None and self.hi is not None:
            return f"{what} from {self.lo:g} to {self.hi:g}"
        if self.lo is not None:
            return f"{what} of at least {self.lo:g}"
        if self.hi is not None:
            return f"{what} of at most {self.hi:g}"
        return what

    def problem(self, value: object) -> str | None:
        """None if `value` is allowed as it is, else what is wrong (the allowed values, in words)."""
        if self.kind is bool:
            ok_type = isinstance(value, bool)
        elif self.kind is int:
            ok_type = isinstance(value, int) and not isinstance(value, bool)
        elif self.kind is float:
            ok_type = isinstance(value, float) and math.isfinite(value)
        else:
            ok_type = isinstance(value, str)
        if not ok_type:
            return self.allowed()
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and ((self.lo is not None and value < self.lo) or (self.hi is not None and value > self.hi))
        ):
            return self.allowed()
        if self.choices is not None and value not in self.choices:
            return self.allowed()
        if self.check is not None and not self.check(cast(T, value)):
            return self.allowed()
        return None

    def coerce(self, value: object) -> T:
        """`value` as this setting's type if it is allowed; ValueError naming key, value and need."""
        if self.kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        problem = self.problem(value)
        if problem:
            raise ValueError(f"setting {self.key}: expected {problem}, got {value!r}")
        return cast(T, value)

    def from_stored(self, raw: object) -> T:
        """Parse a value read from the INI file (normally text); ValueError if unreadable or not allowed."""
        value: object = raw
        if isinstance(raw, list) and self.kind is str and all(isinstance(p, str) for p in raw):
            value = ", ".join(raw)  # QSettings splits hand-written "a, b" into a list
        elif isinstance(raw, str):
            text = raw.strip()
            if self.kind is bool:
                low = text.lower()
                value = True if low in _TRUE else False if low in _FALSE else raw
            elif self.kind is int:
                try:
                    value = int(text)
                except ValueError:
                    value = raw
            elif self.kind is float:
                try:
                    value = float(text)
                except ValueError:
                    value = raw
        return self.coerce(value)

    def to_stored(self, value: T) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float):
            return repr(value)
        return str(value)

    @property
    def ini_key(self) -> str:
        return self.key.replace(".", "/")


def _valid_tempo(text: str) -> bool:
    try:
        Tempo.parse(text)
    except PlanError:
        return False
    return True


def _short_text(limit: int) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        return len(text) <= limit and "\n" not in text

    return check


_VARIANTS: Final = (
    load_builtin_exercise().variant_ids
)  # the exercise file lists them; its first is the default


class S:
    """The settings table. Pass these objects to `Settings.get` / `Settings.set`."""

    plan_variant: ClassVar[Setting[str]] = Setting(
        "plan.variant",
        _VARIANTS[0],
        str,
        "Which form of the exercise to do",
        choices=_VARIANTS,
    )
    plan_sets: ClassVar[Setting[int]] = Setting("plan.sets", 3, int, "Sets per session", lo=1, hi=10)
    plan_reps: ClassVar[Setting[int]] = Setting("plan.reps", 8, int, "Repetitions per set", lo=1, hi=30)
    plan_rest_s: ClassVar[Setting[float]] = Setting(
        "plan.rest_s", 60.0, float, "Rest between sets, in seconds", lo=0, hi=600
    )
    plan_tempo: ClassVar[Setting[str]] = Setting(
        "plan.tempo",
        "3-1-3-1",
        str,
        "Seconds to lift, squeeze, lower and relax in each repetition",
        check=_valid_tempo,
        expects=(
            "four numbers of seconds joined by '-' (lift-squeeze-lower-relax); "
            "lift and lower 0.5 to 10, squeeze and relax 0 to 10"
        ),
    )
    plan_min_per_week: ClassVar[Setting[int]] = Setting(
        "plan.min_per_week", 2, int, "Fewest sessions a week to aim for", lo=1, hi=7
    )
    plan_max_per_week: ClassVar[Setting[int]] = Setting(
        "plan.max_per_week", 3, int, "Most sessions a week to aim for", lo=1, hi=7
    )
    plan_weight: ClassVar[Setting[str]] = Setting(
        "plan.weight",
        "",
        str,
        "What you hold in each hand, in your own words (for example '1 lb' or 'a can')",
        check=_short_text(40),
        expects="a text of at most 40 characters on one line",
    )
    voice_enabled: ClassVar[Setting[bool]] = Setting("voice.enabled", True, bool, "Speak the cues aloud")
    voice_name: ClassVar[Setting[str]] = Setting(
        "voice.name",
        "",
        str,
        "Speech voice ('' = the speech engine's default)",
        check=_short_text(200),
        expects="a voice name on one line (or empty for the default voice)",
    )
    voice_rate: ClassVar[Setting[int]] = Setting(
        "voice.rate", 140, int, "Speaking speed in words per minute", lo=80, hi=220
    )
    voice_volume: ClassVar[Setting[float]] = Setting(
        "voice.volume", 0.9, float, "Speech volume, 0 (silent) to 1 (full)", lo=0, hi=1
    )
    voice_density: ClassVar[Setting[str]] = Setting(
        "voice.density",
        "full",
        str,
        "How much is spoken: everything, counts and phases, counts only, or nothing",
        choices=("full", "counts_phases", "counts", "silent"),
    )
    voice_flash: ClassVar[Setting[bool]] = Setting(
        "voice.flash", False, bool, "Flash the screen on each cue (for hard of hearing)"
    )
    listen_enabled: ClassVar[Setting[bool]] = Setting(
        "listen.enabled", False, bool, 'Listen for spoken commands ("coach pause now", ...)'
    )
    listen_while_speaking: ClassVar[Setting[bool]] = Setting(
        "listen.while_speaking", False, bool, "Keep listening while the coach speaks (headphones)"
    )
    listen_explained: ClassVar[Setting[bool]] = Setting(
        "listen.explained", False, bool, "The spoken commands have been explained once"
    )
    listen_thresholds: ClassVar[Setting[str]] = Setting(
        "listen.thresholds",
        "",
        str,
        'Taught thresholds per command ("pause=18, fine=12"), kept within safe bounds',
        check=_short_text(400),
        expects="command=number pairs separated by commas, on one line",
    )
    ui_text_scale: ClassVar[Setting[float]] = Setting(
        "ui.text_scale", 1.0, float, "Text size relative to normal", lo=0.8, hi=2.0
    )
    window_geometry: ClassVar[Setting[str]] = Setting(
        "ui.window_geometry",
        "",
        str,
        "Where the window was and how big (x,y,width,height,maximised); empty: fit the screen",
        check=lambda v: (
            v == "" or (len(v.split(",")) == 5 and all(p.strip().lstrip("-").isdigit() for p in v.split(",")))
        ),
        expects="empty, or x,y,width,height,maximised as five whole numbers",
    )
    figure_yaw: ClassVar[Setting[float]] = Setting(
        "ui.figure_yaw", 90.0, float, "Which way the figure is turned (90 side, 180 back)", lo=0.0, hi=360.0
    )
    figure_mirror: ClassVar[Setting[bool]] = Setting(
        "ui.figure_mirror", False, bool, "Figure flipped left-right"
    )
    figure_outlines: ClassVar[Setting[bool]] = Setting(
        "ui.figure_outlines", True, bool, "Outlines of the start and top poses shown"
    )
    figure_muscles: ClassVar[Setting[bool]] = Setting(
        "ui.figure_muscles", True, bool, "The working back muscles coloured"
    )
    safety_checked: ClassVar[Setting[bool]] = Setting(
        "safety.checked", False, bool, "The safety questions have been answered once"
    )


ALL: Final[tuple[Setting[Any], ...]] = tuple(v for v in vars(S).values() if isinstance(v, Setting))
BY_KEY: Final[dict[str, Setting[Any]]] = {s.key: s for s in ALL}


def setting_for(key: str) -> Setting[Any]:
    """The table entry for a dotted key; KeyError listing the known keys."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown setting {key!r} (known: {', '.join(BY_KEY)})") from None


MAX_BYTES: Final = 100_000  # ours is under 1 kB


def _unlink_symlink(path: Path) -> None:
    """A linked settings file becomes our own copy: QSettings would otherwise write through the link
    and overwrite whatever file it points to."""
    try:
        data = path.read_bytes() if path.is_file() and path.stat().st_size <= MAX_BYTES else b""
    except OSError:
        data = b""
    path.unlink()
    if data:
        path.write_bytes(data)
    log.warning(
        "settings file %s was a link; it is now a file of its own (the linked file is untouched)", path
    )


def _unreadable(path: Path) -> str | None:
    """Why the file cannot be used as settings, or None (also None when it does not exist)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return "it is not a regular file"
        if st.st_size > MAX_BYTES:
            return f"it is larger than {MAX_BYTES // 1000} kB"
        raw = path.read_bytes()
        raw.decode("utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        return str(exc.strerror or exc)
    except UnicodeDecodeError:
        return "it is not UTF-8 text"
    return "it holds binary data" if b"\0" in raw else None


def _move_aside(path: Path, problem: str) -> str:
    """Rename an unusable settings file to a free name next to it; the notice for the person."""
    for n in itertools.count(1):
        target = path.with_name(f"{path.stem}.unreadable-{n}{path.suffix}")
        if not target.exists() and not target.is_symlink():
            break
    try:
        os.rename(path, target)
    except OSError as exc:
        return (
            f"Your settings file {path} cannot be read ({problem}) nor moved aside ({exc.strerror}); "
            "defaults are used."
        )
    return (
        f"Your settings file {path} could not be read ({problem}), so it was moved to {target} and the "
        "defaults are used. Nothing was deleted."
    )


class Settings:
    """Typed access to ``<folder>/settings.ini``. Bad stored values fall back to defaults (logged once)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / FILE_NAME
        # Something the person should be told once (an unreadable file was moved aside), else None.
        self.notice: str | None = None
        if self.path.is_symlink():
            _unlink_symlink(self.path)
        problem = _unreadable(self.path)
        if problem is not None:
            self.notice = _move_aside(self.path, problem)
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        self._warned: set[tuple[str, str]] = set()
        if self._qs.status() == QSettings.Status.FormatError and self.notice is None:
            del self._qs  # let go of the file before it is renamed
            self.notice = _move_aside(self.path, "it is not valid INI")
            self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _read(self, setting: Setting[T]) -> tuple[T, str | None]:
        """The value to use, and a problem description if the stored value was not usable."""
        if not self._qs.contains(setting.ini_key):
            return setting.default, None
        raw = self._qs.value(setting.ini_key)
        try:
            return setting.from_stored(raw), None
        except ValueError:
            return setting.default, (
                f"setting {setting.key} = {raw!r} in {self.path} is not allowed "
                f"(expected {setting.allowed()}); using the default {setting.default!r}"
            )

    def get(self, setting: Setting[T]) -> T:
        value, problem = self._read(setting)
        if problem is not None:
            mark = (setting.key, problem)
            if mark not in self._warned:
                self._warned.add(mark)
                log.warning("%s", problem)
        return value

    def get_key(self, key: str) -> object:
        """Untyped access by dotted key (for command lines and dialogs); prefer `get(S.x)`."""
        return self.get(setting_for(key))

    def set(self, setting: Setting[T], value: T) -> None:
        """Store `value`; ValueError naming the key, the value and what is allowed."""
        checked = setting.coerce(value)
        self._qs.setValue(setting.ini_key, setting.to_stored(checked))

    def reset(self, setting: Setting[Any]) -> None:
        """Forget the stored value, so the default applies."""
        self._qs.remove(setting.ini_key)

    def sync(self) -> bool:
        """Write pending changes to disk (also re-reads the file); False (and a warning) if that failed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._qs.sync()
        status = self._qs.status()
        if status == QSettings.Status.AccessError:
            log.warning("settings could not be written to %s (no access)", self.path)
            return False
        return True

    def all_problems(self) -> list[str]:
        """Every stored value that is not usable, and settings that contradict each other."""
        problems = [p for s in ALL if (p := self._read(s)[1]) is not None]
        lo, hi = self.get(S.plan_min_per_week), self.get(S.plan_max_per_week)
        if lo > hi:
            problems.append(
                f"setting {S.plan_min_per_week.key} ({lo}) is more than {S.plan_max_per_week.key} ({hi})"
            )
        return problems
