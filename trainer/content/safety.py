"""Safety questions and guidance from assets/safety.toml, and the advice for a set of answers.

The advice only informs: nothing here stops a session from starting. Every guidance item names
the sources its facts come from (docs/ARCHITECTURE.md, "Safety content: where its facts come from").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from trainer.content.toml_file import ContentError, FieldReader, read_toml

SUPPORTED_SCHEMA: Final = 1
ALWAYS: Final = "always"
DEFAULT_VARIANT: Final = "kneeling"
CHAIR_VARIANT: Final = "chair"
GUIDANCE_VARIANTS: Final[tuple[str, ...]] = (CHAIR_VARIANT, DEFAULT_VARIANT)

DISCLAIMER: Final = (
    "These notes are general information, not medical advice, and they never stop you from "
    "exercising. If you are unsure whether this exercise is right for you, ask your doctor or "
    "physiotherapist."
)


class SafetyContentError(ContentError):
    """A safety file that is malformed or incomplete; the message names file, field and need."""


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    publisher: str
    year: int | None = None


@dataclass(frozen=True)
class Question:
    id: str
    text: str  # a plain yes/no question
    help: str  # one sentence: why we ask


@dataclass(frozen=True)
class Guidance:
    id: str
    when: str  # a question id, or "always"
    text: str
    sources: tuple[str, ...]
    variant: str | None = None  # the variant to suggest when this item applies
    see_professional: bool = False  # talk to a health professional before starting


@dataclass(frozen=True)
class SafetyContent:
    sources: tuple[Source, ...]
    questions: tuple[Question, ...]
    guidance: tuple[Guidance, ...]

    def source(self, source_id: str) -> Source:
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(f"unknown source {source_id!r} (known: {', '.join(s.id for s in self.sources)})")

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        known = ", ".join(q.id for q in self.questions)
        raise KeyError(f"unknown question {question_id!r} (known: {known})")

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)


@dataclass(frozen=True)
class SafetyAdvice:
    items: tuple[Guidance, ...]
    recommended_variant: str
    see_professional_first: bool
    disclaimer: str = DISCLAIMER


# --- loading -------------------------------------------------------------------------------------

_SOURCE_FIELDS: Final = ("id", "name", "publisher", "year")
_QUESTION_FIELDS: Final = ("id", "text", "help")
_GUIDANCE_FIELDS: Final = ("id", "when", "text", "sources", "variant", "see_professional")
_TOP_FIELDS: Final = ("schema", "sources", "questions", "guidance")


class _Reader(FieldReader):
    error = SafetyContentError

    def only(self, data: Mapping[str, Any], allowed: tuple[str, ...], path: str) -> None:
        for key in data:
            if key not in allowed:
                where = f"{path}.{key}" if path else key
                raise self.fail(where, "one of the fields " + ", ".join(allowed) + " (check the spelling)")

    def tables(self, data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = data.get(key)
        expected = f"a non-empty list of [[{key}]] tables"
        if value is None:
            raise self.fail(key, f"{expected} (it is missing)")
        if not isinstance(value, list) or not value:
            raise self.fail(key, expected, value)
        for i, item in enumerate(value):
            if not isinstance(item, Mapping):
                raise self.fail(f"{key}[{i}]", "a table", item)
        return value

    def unique_id(self, data: Mapping[str, Any], path: str, seen: set[str]) -> str:
        value = self.text(data, "id", f"{path}.id")
        if value in seen:
            raise self.fail(f"{path}.id", "an id used only once", value)
        seen.add(value)
        return value


def parse_safety(data: Mapping[str, Any], source: str) -> SafetyContent:
    r = _Reader(source)
    schema = data.get("schema")
    if isinstance(schema, bool) or schema != SUPPORTED_SCHEMA:
        raise r.fail("schema", f"the number {SUPPORTED_SCHEMA}", schema)
    r.only(data, _TOP_FIELDS, "")

    sources: list[Source] = []
    seen: set[str] = set()
    for i, t in enumerate(r.tables(data, "sources")):
        path = f"sources[{i}]"
        r.only(t, _SOURCE_FIELDS, path)
        year = t.get("year")
        if year is not None and (
            isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100
        ):
            raise r.fail(f"{path}.year", "a year between 1900 and 2100 (or no year)", year)
        sources.append(
            Source(
                id=r.unique_id(t, path, seen),
                name=r.text(t, "name", f"{path}.name"),
                publisher=r.text(t, "publisher", f"{path}.publisher"),
                year=year,
            )
        )
    source_ids = [s.id for s in sources]

    questions: list[Question] = []
    seen = set()
    for i, t in enumerate(r.tables(data, "questions")):
        path = f"questions[{i}]"
        r.only(t, _QUESTION_FIELDS, path)
        qid = r.unique_id(t, path, seen)
        if qid == ALWAYS:
            raise r.fail(f"{path}.id", f"a question id other than {ALWAYS!r}", qid)
        questions.append(Question(qid, r.text(t, "text", f"{path}.text"), r.text(t, "help", f"{path}.help")))
    question_ids = [q.id for q in questions]

    guidance: list[Guidance] = []
    seen = set()
    for i, t in enumerate(r.tables(data, "guidance")):
        path = f"guidance[{i}]"
        r.only(t, _GUIDANCE_FIELDS, path)
        gid = r.unique_id(t, path, seen)
        when = r.text(t, "when", f"{path}.when")
        if when != ALWAYS and when not in question_ids:
            options = ", ".join([*question_ids, ALWAYS])
            raise r.fail(f"{path}.when", f"a question id or 'always' (one of: {options})", when)
        text = r.text(t, "text", f"{path}.text")

        cited = t.get("sources")
        expected = "a non-empty list of source ids (one of: " + ", ".join(source_ids) + ")"
        if cited is None:
            raise r.fail(f"{path}.sources", f"{expected} (it is missing)")
        if not isinstance(cited, list) or not cited:
            raise r.fail(f"{path}.sources", expected, cited)
        for j, sid in enumerate(cited):
            if sid not in source_ids:
                raise r.fail(
                    f"{path}.sources[{j}]",
                    "a source id from [[sources]] (one of: " + ", ".join(source_ids) + ")",
                    sid,
                )
        if len(set(cited)) != len(cited):
            raise r.fail(f"{path}.sources", "each source id at most once", cited)

        variant = t.get("variant")
        if variant is not None and variant not in GUIDANCE_VARIANTS:
            raise r.fail(
                f"{path}.variant", "one of: " + ", ".join(GUIDANCE_VARIANTS) + " (or no variant)", variant
            )
        see = t.get("see_professional", False)
        if not isinstance(see, bool):
            raise r.fail(f"{path}.see_professional", "true or false", see)
        guidance.append(Guidance(gid, when, text, tuple(cited), variant, see))

    for i, q in enumerate(questions):
        if not any(g.when == q.id for g in guidance):
            raise r.fail(f"questions[{i}].id", f"at least one [[guidance]] with when = {q.id!r}", q.id)

    return SafetyContent(tuple(sources), tuple(questions), tuple(guidance))


def builtin_safety_path() -> Path:
    from trainer.paths import assets_dir

    return assets_dir() / "safety.toml"


def load_safety(path: Path | None = None) -> SafetyContent:
    """Load and check a safety file (the shipped assets/safety.toml by default)."""
    p = Path(path) if path is not None else builtin_safety_path()
    source = str(p)
    data = read_toml(p, "safety file", SafetyContentError)
    return parse_safety(data, source)


# --- advice --------------------------------------------------------------------------------------


def assess(content: SafetyContent, answers: Mapping[str, bool]) -> SafetyAdvice:
    """The guidance for these yes/no answers: each "yes" question's items in question order, then the
    items for everyone. A question that was not answered counts as "no"."""
    known = set(content.question_ids)
    unknown = sorted(k for k in answers if k not in known)
    if unknown:
        raise ValueError(
            f"unknown safety question(s): {', '.join(unknown)} (known: {', '.join(content.question_ids)})"
        )
    not_bool = sorted(k for k, v in answers.items() if not isinstance(v, bool))
    if not_bool:
        raise ValueError(f"safety answers must be True or False; not so for: {', '.join(not_bool)}")

    items: list[Guidance] = []
    for q in content.questions:
        if answers.get(q.id, False):
            items.extend(g for g in content.guidance if g.when == q.id)
    items.extend(g for g in content.guidance if g.when == ALWAYS)

    chair = any(g.variant == CHAIR_VARIANT for g in items)
    return SafetyAdvice(
        items=tuple(items),
        recommended_variant=CHAIR_VARIANT if chair else DEFAULT_VARIANT,
        see_professional_first=any(g.see_professional for g in items),
        disclaimer=DISCLAIMER,
    )


def cite(content: SafetyContent, g: Guidance) -> str:
    """The sources of one item, e.g. "(Royal Osteoporosis Society, Strong, Steady and Straight, 2022)"."""
    parts = []
    for sid in g.sources:
        s = content.source(sid)
        words = [s.publisher, s.name] + ([str(s.year)] if s.year is not None else [])
        parts.append(", ".join(words))
    return "(" + "; ".join(parts) + ")"
