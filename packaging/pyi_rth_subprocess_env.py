"""PyInstaller run-time hook: give child processes the user's own library path back.

The Linux bootloader puts the bundle's folder on LD_LIBRARY_PATH (keeping the user's value in
LD_LIBRARY_PATH_ORIG). This process has already read it, so changing it here only affects programs
started from here: system tools such as `pactl` (the self-check) and `aplay` (pyttsx3's live
speech) then load the system's libraries, not the bundle's copies, which may be older. The app's
own child (the frozen app run with --self-check) sets it again through its own bootloader.
"""

import os
import sys

if sys.platform.startswith("linux") and getattr(sys, "frozen", False):
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)
