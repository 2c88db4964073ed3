"""Read and validate an exercise TOML file; every problem names the file, field and expectation."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from trainer.content.exercise import (
    PHASES,
    SIDES,
    Exercise,
    ExerciseError,
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


def parse_exercise(data: Mapping[str, Any], source: str) -> Exercise:
    r = _Reader(source)
    schema = data.get("schema")
    if schema != SUPPORTED_SCHEMA:
        raise r.fail("schema", f"the number {SUPPORTED_SCHEMA}", schema)

    tips_raw = data.get("tips")
    if not isinstance(tips_raw, list) or len(tips_raw) != 4:
        got = f"{len(tips_raw)} items" if isinstance(tips_raw, list) else tips_raw
        raise r.fail("tips", "a list of 4 [[tips]] tables with 'text' and 'spoken'", got)
    tips = []
    for i, t in enumerate(tips_raw):
        if not isinstance(t, Mapping):
            raise r.fail(f"tips[{i}]", "a table with 'text' and 'spoken'", t)
        tips.append(Tip(r.text(t, "text", f"tips[{i}].text"), r.text(t, "spoken", f"tips[{i}].spoken")))

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
        first_side = v.get("first_side")
        if switch and first_side not in SIDES:
            raise r.fail(f"{path}.first_side", "'left' or 'right' when switch_sides is true", first_side)
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
                first_side=first_side if switch else None,
                first_steps=first_steps,
            )
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
