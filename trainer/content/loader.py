"""Read and validate an exercise TOML file; every problem names the file, field and expectation."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from trainer.content.exercise import (
    PHASES,
    POSTURES,
    SIDES,
    Exercise,
    ExerciseError,
    Figure,
    PhaseText,
    PlanDefaults,
    TempoDefaults,
    Tip,
    Variant,
)
from trainer.content.toml_file import FieldReader, read_toml

SUPPORTED_SCHEMA = 1


class _Reader(FieldReader):
    error = ExerciseError

    def table(self, data: Mapping[str, Any], key: str, path: str) -> Mapping[str, Any]:
        value = data.get(key)
        if not isinstance(value, Mapping):
            raise (
                self.fail(path, "a table", value)
                if value is not None
                else self.fail(path, "a table (it is missing)")
            )
        return value

    def texts(
        self, data: Mapping[str, Any], key: str, path: str, count: int | None = None
    ) -> tuple[str, ...]:
        value = data.get(key)
        what = f"a list of {count} texts" if count else "a non-empty list of texts"
        if value is None:
            raise self.fail(path, f"{what} (it is missing)")
        if not isinstance(value, list) or not value:
            raise self.fail(path, what, value)
        if count is not None and len(value) != count:
            raise self.fail(path, what, f"{len(value)} items")
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"{path}[{i}]", "a non-empty text", item)
            out.append(item.strip())
        return tuple(out)

    def number(self, data: Mapping[str, Any], key: str, path: str, lo: float, hi: float) -> float:
        value = data.get(key)
        expected = f"a number between {lo:g} and {hi:g}"
        if value is None:
            raise self.fail(path, f"{expected} (it is missing)")
        if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
            raise self.fail(path, expected, value)
        return float(value)

    def integer(self, data: Mapping[str, Any], key: str, path: str, lo: int, hi: int) -> int:
        value = data.get(key)
        expected = f"a whole number between {lo} and {hi}"
        if value is None:
            raise self.fail(path, f"{expected} (it is missing)")
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise self.fail(path, expected, value)
        return value


def _colour(r: _Reader, v: Mapping[str, Any], path: str) -> tuple[int, int, int] | None:
    """An optional "#rrggbb" colour."""
    value = v.get("colour")
    if value is None:
        return None
    ok = isinstance(value, str) and len(value) == 7 and value.startswith("#")
    try:
        rgb = int(value[1:], 16) if ok else -1
    except ValueError:
        rgb = -1
    if rgb < 0:
        raise r.fail(path, 'a colour written "#rrggbb"', value)
    return (rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF)


def _figure(r: _Reader, v: Mapping[str, Any], path: str) -> Figure:
    """The figure's posture and angles: a variant the figure cannot pose is refused here, not later."""
    t = r.table(v, "figure", path)
    posture = t.get("posture")
    if posture not in POSTURES:
        expected = "one of " + ", ".join(POSTURES) + " (the postures the figure can show)"
        raise r.fail(f"{path}.posture", expected + (" (it is missing)" if posture is None else ""), posture)
    return Figure(
        posture=posture,
        lean=r.number(t, "lean", f"{path}.lean", 0, 30),
        arm_out=r.number(t, "arm_out", f"{path}.arm_out", 0, 30),
        rest_lean=r.number(t, "rest_lean", f"{path}.rest_lean", 0, 30),
    )


def parse_exercise(data: Mapping[str, Any], source: str) -> Exercise:
    r = _Reader(source)
    schema = data.get("schema")
    if schema != SUPPORTED_SCHEMA:
        raise r.fail("schema", f"the number {SUPPORTED_SCHEMA}", schema)

    tips_raw = data.get("tips")
    if not isinstance(tips_raw, list) or not tips_raw:
        raise r.fail("tips", "a non-empty list of [[tips]] tables with 'text' and 'spoken'", tips_raw)
    tips = []
    for i, t in enumerate(tips_raw):
        if not isinstance(t, Mapping):
            raise r.fail(f"tips[{i}]", "a table with 'text' and 'spoken'", t)
        only = r.texts(t, "variants", f"tips[{i}].variants") if "variants" in t else ()
        tips.append(Tip(r.text(t, "text", f"tips[{i}].text"), r.text(t, "spoken", f"tips[{i}].spoken"), only))

    muscles_t = r.table(data, "muscles", "muscles")
    muscles = {g: r.texts(muscles_t, g, f"muscles.{g}") for g in ("superficial", "intermediate", "deep")}

    plan_t = r.table(data, "plan", "plan")
    plan = PlanDefaults(
        sets=r.integer(plan_t, "sets", "plan.sets", 1, 10),
        reps=r.integer(plan_t, "reps", "plan.reps", 1, 30),
        rest_s=r.number(plan_t, "rest_s", "plan.rest_s", 0, 600),
        get_ready_s=r.number(plan_t, "get_ready_s", "plan.get_ready_s", 3, 120),
    )

    tempo_t = r.table(data, "tempo", "tempo")
    tempo = TempoDefaults(
        lift=r.number(tempo_t, "lift", "tempo.lift", 0.5, 10),
        squeeze=r.number(tempo_t, "squeeze", "tempo.squeeze", 0, 10),
        lower=r.number(tempo_t, "lower", "tempo.lower", 0.5, 10),
        relax=r.number(tempo_t, "relax", "tempo.relax", 0, 10),
    )

    phases_t = r.table(data, "phases", "phases")
    phases = {}
    for name in PHASES:
        p = r.table(phases_t, name, f"phases.{name}")
        phases[name] = PhaseText(
            r.text(p, "words", f"phases.{name}.words"), r.text(p, "spoken", f"phases.{name}.spoken")
        )

    variants_raw = data.get("variants")
    if not isinstance(variants_raw, list) or not variants_raw:
        raise r.fail("variants", "a non-empty list of [[variants]] tables", variants_raw)
    variants = []
    seen: set[str] = set()
    for i, v in enumerate(variants_raw):
        path = f"variants[{i}]"
        if not isinstance(v, Mapping):
            raise r.fail(path, "a table", v)
        vid = r.text(v, "id", f"{path}.id")
        if vid in seen:
            raise r.fail(f"{path}.id", "a variant id used only once", vid)
        seen.add(vid)
        switch = v.get("switch_sides", False)
        if not isinstance(switch, bool):
            raise r.fail(f"{path}.switch_sides", "true or false", switch)
        figure = _figure(r, v, f"{path}.figure")
        first_side = v.get("first_side")
        if (switch or figure.kneels) and first_side not in SIDES:
            raise r.fail(
                f"{path}.first_side",
                "'left' or 'right' when switch_sides is true or the figure kneels",
                first_side,
            )
        first_steps: tuple[str, ...] = ()
        if "first_steps" in v:
            first_steps = r.texts(v, "first_steps", f"{path}.first_steps")
            if len(first_steps) > 5:
                raise r.fail(f"{path}.first_steps", "at most 5 texts", f"{len(first_steps)} items")
        variants.append(
            Variant(
                id=vid,
                name=r.text(v, "name", f"{path}.name"),
                description=r.text(v, "description", f"{path}.description"),
                setup=r.text(v, "setup", f"{path}.setup"),
                switch_sides=switch,
                first_side=first_side if switch or figure.kneels else None,
                figure=figure,
                first_steps=first_steps,
                colour=_colour(r, v, f"{path}.colour") or (90, 90, 90),
            )
        )

    ids = [v.id for v in variants]
    for i, tip in enumerate(tips):
        for vid in tip.variants:
            if vid not in ids:
                raise r.fail(f"tips[{i}].variants", "variant ids of this file: " + ", ".join(ids), vid)
    for v in variants:
        if not any(not t.variants or v.id in t.variants for t in tips):
            raise r.fail(
                "tips", f"at least one tip for the variant {v.id!r}", f"{len(tips)} tips, none for it"
            )

    return Exercise(
        source=source,
        id=r.text(data, "id", "id"),
        name=r.text(data, "name", "name"),
        purpose=r.text(data, "purpose", "purpose"),
        equipment=r.texts(data, "equipment", "equipment"),
        steps=r.texts(data, "steps", "steps", count=5),
        tips=tuple(tips),
        muscles=muscles,
        plan=plan,
        tempo=tempo,
        phases=phases,
        variants=tuple(variants),
    )


def load_exercise(path: str | Path) -> Exercise:
    p = Path(path)
    source = str(p)
    data = read_toml(p, "exercise file", ExerciseError)
    return parse_exercise(data, source)


def load_builtin_exercise() -> Exercise:
    from trainer.paths import builtin_exercise_path

    return load_exercise(builtin_exercise_path())
