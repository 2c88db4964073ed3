"""Where shipped assets and the user's data live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "thoracic-trainer"
DATA_ENV = "THORACIC_TRAINER_HOME"
ASSETS_ENV = "THORACIC_TRAINER_ASSETS"


def assets_dir() -> Path:
    """The assets folder from a source checkout, an installed package or a frozen bundle."""
    override = os.environ.get(ASSETS_ENV)
    candidates: list[Path] = []
    if override:
        candidates.append(Path(override))
    frozen_root = getattr(sys, "_MEIPASS", None)
    if isinstance(frozen_root, str):
        candidates.append(Path(frozen_root) / "assets")
    here = Path(__file__).resolve().parent
    candidates.append(here.parent / "assets")  # source checkout / editable install
    candidates.append(here / "assets")  # copied into the package
    for candidate in candidates:
        if (candidate / "exercises").is_dir():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"Thoracic Trainer's assets folder was not found (looked in: {tried})")


def builtin_exercise_path() -> Path:
    return assets_dir() / "exercises" / "thoracic_back_press.toml"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir, else $THORACIC_TRAINER_HOME, else the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir  # lazy: keeps start-up lean

    return Path(user_data_dir(APP_NAME, appauthor=False))
