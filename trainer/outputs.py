"""Files the app writes on request: one check that an output can never destroy an input, and one
atomic writer (a temporary file in the same folder, renamed over the target only when complete).

No Qt here: the command line checks every output flag before Qt is even imported.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PART_SUFFIX = ".part"
HISTORY_NAMES = ("history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm", "history.sqlite3-journal")
SETTINGS_NAME = "settings.ini"


class OutputError(Exception):
    """An output that must not or cannot be written; the message is one line naming flag and path."""


@dataclass(frozen=True)
class Protected:
    """What one run reads or keeps: no output of that run may land on any of it."""

    files: tuple[tuple[Path, str], ...] = ()  # (path, what it is, for the message)
    folders: tuple[tuple[Path, str], ...] = ()

    @classmethod
    def for_run(cls, data_folder: Path | None, inputs: Iterable[tuple[Path, str]] = ()) -> Protected:
        files: list[tuple[Path, str]] = list(inputs)
        folders: list[tuple[Path, str]] = []
        if data_folder is not None:
            files += [(data_folder / name, "the history file") for name in HISTORY_NAMES]
            files.append((data_folder / SETTINGS_NAME, "the settings file"))
            folders.append((data_folder / "cache", "the cache folder"))
        return cls(tuple(files), tuple(folders))

    def plus(self, path: Path, what: str) -> Protected:
        return Protected((*self.files, (path, what)), self.folders)


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(path.expanduser()))


def _same_file(a: Path, b: Path) -> bool:
    """Same by resolved path or by inode (a hard link to the history is still the history)."""
    if _resolved(a) == _resolved(b):
        return True
    try:
        sa, sb = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def check_output(path: Path, flag: str, protected: Protected) -> Path:
    """The resolved path to write ``path`` to, or OutputError saying in one line why not."""
    if not str(path).strip():
        raise OutputError(f"{flag} needs a file name")
    target = _resolved(path)
    folder = target.parent
    if not folder.exists():
        raise OutputError(f"{flag}: the folder {str(folder)!r} does not exist")
    if not folder.is_dir():
        raise OutputError(f"{flag}: {str(folder)!r} is not a folder")
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"{flag}: cannot use {str(path)!r}: {exc.strerror or exc}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{flag}: {str(path)!r} is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(f"{flag}: {str(path)!r} is a device, pipe or socket, not a regular file")
    for other, what in protected.files:
        if _same_file(target, other):
            raise OutputError(f"{flag}: {str(path)!r} is {what} ({other}); it was not touched")
    for other, what in protected.folders:
        if target.is_relative_to(_resolved(other)):
            raise OutputError(f"{flag}: {str(path)!r} is inside {what} ({other}); choose another place")
    return target


def _part_name(target: Path, pid: int) -> Path:
    return target.with_name(f".{target.name}.{pid}{PART_SUFFIX}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but someone else's
    return True


def sweep_parts(target: Path) -> list[Path]:
    """Remove part files of ``target`` left by a run that was killed (its process is gone)."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+){re.escape(PART_SUFFIX)}$")
    removed = []
    with contextlib.suppress(OSError):
        for entry in target.parent.iterdir():
            m = pattern.match(entry.name)
            if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


@contextmanager
def atomic_output(target: Path, private: bool = False) -> Iterator[Path]:
    """Yields a temporary path next to ``target``; on a clean exit it is renamed over ``target``.

    On any failure (exception, KeyboardInterrupt, SystemExit) the temporary file is removed and the
    target is untouched. ``private``: readable by this user only (health data). OSError if the
    writer left nothing behind.
    """
    sweep_parts(target)
    tmp = _part_name(target, os.getpid())
    mode = 0o600 if private else 0o666  # the umask still applies
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    os.close(fd)
    try:
        yield tmp
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise OSError(f"{target} was not written")
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_bytes_atomic(target: Path, data: bytes, private: bool = False) -> None:
    with atomic_output(target, private) as tmp, tmp.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
