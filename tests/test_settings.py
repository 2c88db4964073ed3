"""The typed settings table over QSettings (INI in the data folder)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from trainer.settings import ALL, BY_KEY, FILE_NAME, S, Setting, Settings, setting_for

EXPECTED_DEFAULTS = {
    "plan.variant": "kneeling",
    "plan.sets": 3,
    "plan.reps": 8,
    "plan.rest_s": 60.0,
    "plan.tempo": "3-1-3-1",
    "plan.min_per_week": 2,
    "plan.max_per_week": 3,
    "plan.weight": "",
    "voice.enabled": True,
    "voice.name": "",
    "voice.rate": 140,
    "voice.volume": 0.9,
    "voice.density": "full",
    "voice.flash": False,
    "listen.enabled": False,
    "listen.while_speaking": False,
    "listen.explained": False,
    "listen.thresholds": "",
    "ui.text_scale": 1.0,
    "ui.window_geometry": "",
    "ui.figure_yaw": 90.0,
    "ui.figure_mirror": False,
    "ui.figure_outlines": True,
    "ui.figure_muscles": True,
    "safety.checked": False,
}


def _write_ini(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME
    path.write_text(text, encoding="utf-8")
    return path


def test_table_has_exactly_the_designed_settings() -> None:
    assert [s.key for s in ALL] == list(EXPECTED_DEFAULTS)
    assert set(BY_KEY) == set(EXPECTED_DEFAULTS)
    for s in ALL:
        assert isinstance(s.default, s.kind) and s.doc


def test_defaults_on_an_empty_folder(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(tmp_path / "empty")
    with caplog.at_level(logging.WARNING, logger="trainer.settings"):
        values = {s.key: settings.get(s) for s in ALL}
    assert values == EXPECTED_DEFAULTS
    for s in ALL:
        assert type(settings.get(s)) is s.kind
    assert caplog.records == []
    assert settings.all_problems() == []


def test_set_get_round_trip_persists_on_disk(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    first = Settings(folder)
    first.set(S.plan_variant, "chair")
    first.set(S.plan_sets, 5)
    first.set(S.plan_rest_s, 90)  # a whole number is fine for a float setting
    first.set(S.plan_tempo, "2-0.5-2.5-0")
    first.set(S.plan_weight, "1 lb, or a can of beans")
    first.set(S.voice_enabled, False)
    first.set(S.voice_volume, 0.5)
    first.set(S.voice_density, "counts")
    first.set(S.ui_text_scale, 1.6)
    first.set(S.safety_checked, True)
    assert first.sync()
    del first

    ini = folder / FILE_NAME
    assert ini.is_file()
    text = ini.read_text(encoding="utf-8")
    assert "[plan]" in text and "sets=5" in text and "variant=chair" in text
    assert "[voice]" in text and "enabled=false" in text

    second = Settings(folder)
    assert second.get(S.plan_variant) == "chair"
    assert second.get(S.plan_sets) == 5
    rest = second.get(S.plan_rest_s)
    assert rest == 90.0 and isinstance(rest, float)
    assert second.get(S.plan_tempo) == "2-0.5-2.5-0"
    assert second.get(S.plan_weight) == "1 lb, or a can of beans"
    assert second.get(S.voice_enabled) is False
    assert second.get(S.voice_volume) == 0.5
    assert second.get(S.voice_density) == "counts"
    assert second.get(S.ui_text_scale) == 1.6
    assert second.get(S.safety_checked) is True
    assert second.get(S.plan_reps) == 8  # never set: default
    assert second.get_key("plan.sets") == 5


def test_reset_restores_the_default(tmp_path: Path) -> None:
    settings = Settings(tmp_path)
    settings.set(S.voice_rate, 200)
    settings.set(S.plan_reps, 10)
    settings.reset(S.voice_rate)
    settings.sync()
    again = Settings(tmp_path)
    assert again.get(S.voice_rate) == 140
    assert again.get(S.plan_reps) == 10
    assert "rate" not in (tmp_path / FILE_NAME).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("section", "line", "setting"),
    [
        ("plan", "sets=three", S.plan_sets),  # not a number
        ("plan", "sets=2.5", S.plan_sets),  # not a whole number
        ("plan", "reps=99", S.plan_reps),  # out of range
        ("plan", "rest_s=-5", S.plan_rest_s),  # below range
        ("plan", "rest_s=nan", S.plan_rest_s),  # not finite
        ("plan", "variant=hanging", S.plan_variant),  # not a choice
        ("plan", "tempo=3-1-3", S.plan_tempo),  # three parts
        ("plan", "tempo=fast", S.plan_tempo),  # unparsable
        ("plan", "tempo=20-1-3-1", S.plan_tempo),  # lift too long
        ("plan", "weight=" + "x" * 41, S.plan_weight),  # too long
        ("voice", "enabled=maybe", S.voice_enabled),  # not a bool
        ("voice", "volume=1.5", S.voice_volume),  # out of range
        ("voice", "density=loud", S.voice_density),  # not a choice
        ("ui", "text_scale=big", S.ui_text_scale),  # not a number
    ],
)
def test_bad_stored_value_falls_back_with_one_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, section: str, line: str, setting: Setting[object]
) -> None:
    ini = _write_ini(tmp_path, f"[{section}]\n{line}\n")
    settings = Settings(tmp_path)
    with caplog.at_level(logging.WARNING, logger="trainer.settings"):
        assert settings.get(setting) == setting.default
        assert settings.get(setting) == setting.default  # asked again: no second line
    records = [r for r in caplog.records if r.name == "trainer.settings"]
    assert len(records) == 1
    message = records[0].getMessage()
    assert "\n" not in message
    assert setting.key in message
    assert str(ini) in message
    assert repr(setting.default) in message
    assert line.split("=", 1)[1][:20] in message
    assert any(setting.key in p for p in settings.all_problems())


def test_one_bad_value_does_not_spoil_the_others(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    _write_ini(tmp_path, "[plan]\nsets=0\nreps=12\n[voice]\nrate=150\n")
    settings = Settings(tmp_path)
    with caplog.at_level(logging.WARNING, logger="trainer.settings"):
        assert settings.get(S.plan_sets) == 3
        assert settings.get(S.plan_reps) == 12
        assert settings.get(S.voice_rate) == 150
    assert len(caplog.records) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("True", True),
        (" TRUE ", True),
        ("1", True),
        ("yes", True),
        ("on", True),
        ("false", False),
        ("FALSE", False),
        ("0", False),
        ("no", False),
        ("off", False),
    ],
)
def test_bools_parse_robustly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, text: str, expected: bool
) -> None:
    _write_ini(tmp_path, f"[voice]\nflash={text}\nenabled={text}\n")
    settings = Settings(tmp_path)
    with caplog.at_level(logging.WARNING, logger="trainer.settings"):
        assert settings.get(S.voice_flash) is expected
        assert settings.get(S.voice_enabled) is expected
    assert caplog.records == []


def test_hand_written_text_with_a_comma_is_kept(tmp_path: Path) -> None:
    # QSettings reads an unquoted "a, b" as a list; a text setting joins it back.
    _write_ini(tmp_path, "[plan]\nweight=1 lb, a can\n")
    assert Settings(tmp_path).get(S.plan_weight) == "1 lb, a can"


@pytest.mark.parametrize(
    ("setting", "value", "needs"),
    [
        (S.plan_sets, 11, "from 1 to 10"),
        (S.plan_sets, 0, "from 1 to 10"),
        (S.plan_sets, 2.5, "a whole number from 1 to 10"),
        (S.plan_sets, True, "a whole number"),
        (S.plan_reps, 31, "from 1 to 30"),
        (S.plan_rest_s, 601, "from 0 to 600"),
        (S.plan_min_per_week, 8, "from 1 to 7"),
        (S.voice_rate, 79, "from 80 to 220"),
        (S.voice_volume, 1.01, "from 0 to 1"),
        (S.ui_text_scale, 0.5, "from 0.8 to 2"),
        (S.plan_variant, "lying", "kneeling, chair, ball"),
        (S.voice_density, "loud", "full, counts_phases, counts, silent"),
        (S.voice_enabled, "yes", "true or false"),
        (S.plan_weight, "w" * 41, "at most 40 characters"),
        (S.plan_tempo, "3-1-3", "four numbers"),
    ],
)
def test_set_rejects_bad_values_naming_key_and_allowed(
    tmp_path: Path, setting: Setting[object], value: object, needs: str
) -> None:
    settings = Settings(tmp_path)
    with pytest.raises(ValueError) as info:
        settings.set(setting, value)
    message = str(info.value)
    assert setting.key in message
    assert needs in message
    assert repr(value) in message
    assert settings.get(setting) == setting.default  # nothing was stored


@pytest.mark.parametrize(
    ("tempo", "ok"),
    [
        ("3-1-3-1", True),
        ("0.5-0-0.5-0", True),
        ("10-10-10-10", True),
        (" 2-1-2-1 ", True),
        ("3-1-3", False),
        ("3-1-3-1-1", False),
        ("a-b-c-d", False),
        ("", False),
        ("0-1-3-1", False),  # lift shorter than 0.5 s
        ("3-1-11-1", False),  # lower longer than 10 s
        ("3-11-3-1", False),
    ],
)
def test_tempo_validation(tmp_path: Path, tempo: str, ok: bool) -> None:
    settings = Settings(tmp_path)
    if ok:
        settings.set(S.plan_tempo, tempo)
        assert settings.get(S.plan_tempo) == tempo
    else:
        with pytest.raises(ValueError, match=r"plan\.tempo"):
            settings.set(S.plan_tempo, tempo)


def test_min_above_max_per_week_is_reported(tmp_path: Path) -> None:
    settings = Settings(tmp_path)
    settings.set(S.plan_min_per_week, 5)
    settings.set(S.plan_max_per_week, 3)
    problems = settings.all_problems()
    assert len(problems) == 1 and "plan.min_per_week" in problems[0]


def test_unknown_key_and_bad_default_are_refused() -> None:
    with pytest.raises(KeyError, match=r"plan\.set"):
        setting_for("plan.set")
    with pytest.raises(ValueError, match=r"x\.y"):
        Setting("x.y", 0, int, "out of its own range", lo=1, hi=2)
