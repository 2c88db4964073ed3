"""Does the history's -wal file hold committed transactions SQLite will not replay?

SQLite replays a write-ahead log only up to the first frame whose checksum fails and silently drops
the rest, so sets written after a damaged frame would vanish without a word. This walks the frames
as the file format describes (https://sqlite.org/fileformat2.html#walformat) and says whether a
commit of the current log generation lies beyond a bad frame. Frames of an older generation (other
salts) are normal leftovers, and a torn frame with no commit after it was never committed.
"""

from __future__ import annotations

import struct
from pathlib import Path

_HEADER = 32
_FRAME_HEADER = 24
_MAGIC = {0x377F0682: "<", 0x377F0683: ">"}  # checksums in little- or big-endian words


def _checksum(data: bytes, order: str, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def lost_commits(wal: Path) -> int:
    """How many committed transactions in ``wal`` SQLite would drop (0 if none, or no usable log)."""
    try:
        data = wal.read_bytes()
    except OSError:
        return 0
    if len(data) < _HEADER:
        return 0
    magic, _version, page_size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:_HEADER])
    order = _MAGIC.get(magic)
    if order is None or page_size < 512 or page_size & (page_size - 1):
        return 0  # not a log SQLite would read at all; nothing in it counts as committed
    s0, s1 = _checksum(data[:24], order, 0, 0)
    if (s0, s1) != (c1, c2):
        return 0
    frame = _FRAME_HEADER + page_size
    offset, bad = _HEADER, False
    lost = 0
    while offset + _FRAME_HEADER <= len(data):
        _page, commit_size, f_salt1, f_salt2, f1, f2 = struct.unpack(">6I", data[offset : offset + 24])
        if (f_salt1, f_salt2) != (salt1, salt2):
            break  # an older generation's leftovers from here on
        if not bad:
            whole = offset + frame <= len(data)
            if whole:
                t0, t1 = _checksum(data[offset : offset + 8], order, s0, s1)
                t0, t1 = _checksum(data[offset + 24 : offset + frame], order, t0, t1)
            if whole and (t0, t1) == (f1, f2):
                s0, s1 = t0, t1
            else:
                bad = True
        if bad and commit_size:
            lost += 1
        offset += frame
    return lost
