"""Safety questions, guidance and advice (assets/safety.toml, trainer.content.safety)."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.content.safety import (
    ALWAYS,
    DISCLAIMER,
    SafetyContent,
    SafetyContentError,
    assess,
    builtin_safety_path,
    cite,
    load_safety,
)

QUESTION_IDS = ("vertebral_fracture", "shoulder_injury", "kneeling", "balance", "pain_now")


@pytest.fixture(scope="module")
def content() -> SafetyContent:
    return load_safety()


def test_shipped_file_loads(content: SafetyContent) -> None:
    assert builtin_safety_path().name == "safety.toml"
    assert content.question_ids == QUESTION_IDS
    assert {s.id for s in content.sources} == {"ros-ssas", "ttff", "article"}
    ros = content.source("ros-ssas")
    assert (ros.publisher, ros.name, ros.year) == (
        "Royal Osteoporosis Society",
        "Strong, Steady and Straight",
        2022,
    )
    ttff = content.source("ttff")
    assert (ttff.publisher, ttff.name, ttff.year) == ("Osteoporosis Canada", "Too Fit To Fracture", 2014)
    for q in content.questions:
        assert q.text.endswith("?") and q.help
    assert any(g.when == ALWAYS for g in content.guidance)


def test_every_guidance_cites_a_known_source(content: SafetyContent) -> None:
    known = {s.id for s in content.sources}
    for g in content.guidance:
        assert g.sources, g.id
        assert set(g.sources) <= known, g.id
        text = cite(content, g)
        assert text.startswith("(") and text.endswith(")")


def test_cite_format(content: SafetyContent) -> None:
    g = next(g for g in content.guidance if g.sources == ("ros-ssas",))
    assert cite(content, g) == "(Royal Osteoporosis Society, Strong, Steady and Straight, 2022)"
    both = next(g for g in content.guidance if len(g.sources) == 2)
    assert "; " in cite(content, both)


def test_all_no_gives_kneeling_and_only_the_items_for_everyone(content: SafetyContent) -> None:
    for answers in ({q: False for q in QUESTION_IDS}, {}):
        advice = assess(content, answers)
        assert advice.recommended_variant == "kneeling"
        assert advice.see_professional_first is False
        assert advice.items
        assert all(g.when == ALWAYS for g in advice.items)
        assert advice.items == tuple(g for g in content.guidance if g.when == ALWAYS)
        assert advice.disclaimer == DISCLAIMER


def test_disclaimer_informs_never_blocks() -> None:
    text = DISCLAIMER.lower()
    assert "not medical advice" in text
    assert "never stop" in text
    assert "doctor" in text and "physiotherapist" in text


def test_always_items_cover_pain_soreness_and_swapping_knees(content: SafetyContent) -> None:
    always = " ".join(g.text.lower() for g in content.guidance if g.when == ALWAYS)
    assert "hurts" in always
    assert "sore" in always
    assert "knee" in always


def test_kneeling_trouble_recommends_chair(content: SafetyContent) -> None:
    advice = assess(content, {"kneeling": True})
    assert advice.recommended_variant == "chair"
    assert advice.see_professional_first is False
    kneeling_items = [g for g in advice.items if g.when == "kneeling"]
    assert kneeling_items
    assert any("ttff" in g.sources for g in kneeling_items)  # getting down/up, weights off the floor


def test_balance_trouble_recommends_chair(content: SafetyContent) -> None:
    advice = assess(content, {"balance": True})
    assert advice.recommended_variant == "chair"
    assert any("wheels" in g.text for g in advice.items)


def test_vertebral_fracture_sees_professional_first_with_ttff_citation(content: SafetyContent) -> None:
    advice = assess(content, {"vertebral_fracture": True})
    assert advice.see_professional_first is True
    assert advice.recommended_variant == "kneeling"
    fracture = [g for g in advice.items if g.when == "vertebral_fracture"]
    assert any(g.see_professional and "ttff" in g.sources for g in fracture)
    assert any("Osteoporosis Canada, Too Fit To Fracture, 2014" in cite(content, g) for g in fracture)
    assert any("ros-ssas" in g.sources for g in fracture)  # back-extensor work suits them


def test_shoulder_injury_cites_the_article(content: SafetyContent) -> None:
    advice = assess(content, {"shoulder_injury": True})
    assert advice.see_professional_first is True
    shoulder = [g for g in advice.items if g.when == "shoulder_injury"]
    assert any("article" in g.sources for g in shoulder)
    assert any("Save Our Bones" in cite(content, g) for g in shoulder)


def test_pain_now_says_rest_today(content: SafetyContent) -> None:
    advice = assess(content, {"pain_now": True})
    pain = [g for g in advice.items if g.when == "pain_now"]
    assert pain and "today" in pain[0].text


def test_items_follow_question_order_then_always(content: SafetyContent) -> None:
    answers = {q: True for q in QUESTION_IDS}
    advice = assess(content, dict(reversed(list(answers.items()))))
    order = [g.when for g in advice.items]
    expected = [q for q in QUESTION_IDS for g in content.guidance if g.when == q]
    expected += [ALWAYS] * sum(g.when == ALWAYS for g in content.guidance)
    assert order == expected
    assert advice.recommended_variant == "chair"
    assert advice.see_professional_first is True


def test_unknown_answer_key_is_refused(content: SafetyContent) -> None:
    with pytest.raises(ValueError, match="knee_trouble") as info:
        assess(content, {"knee_trouble": True, "kneeling": False, "zz_other": False})
    assert "zz_other" in str(info.value)
    assert "vertebral_fracture" in str(info.value)  # lists the known questions


def test_non_bool_answer_is_refused(content: SafetyContent) -> None:
    with pytest.raises(ValueError, match="kneeling"):
        assess(content, {"kneeling": "yes"})  # type: ignore[dict-item]  # a bad value on purpose


# --- malformed files ------------------------------------------------------------------------------


def _write_variant(tmp_path: Path, old: str, new: str) -> Path:
    text = builtin_safety_path().read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "bad_safety.toml"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("old", "new", "field", "expected"),
    [
        ("schema = 1", "schema = 2", "schema", "the number 1"),
        ('sources = ["ttff"]', 'sources = ["nhs"]', "guidance[0].sources[0]", "a source id"),
        ('sources = ["ttff"]', "sources = []", "guidance[0].sources", "a non-empty list of source ids"),
        ('sources = ["ttff"]\n', "", "guidance[0].sources", "(it is missing)"),
        ('when = "vertebral_fracture"', 'when = "fracture"', "guidance[0].when", "a question id or 'always'"),
        ('when = "vertebral_fracture"\n', "", "guidance[0].when", "(it is missing)"),
        ('variant = "chair"', 'variant = "hammock"', "variant", "chair, kneeling"),
        (
            "see_professional = true",
            'see_professional = "yes"',
            "guidance[0].see_professional",
            "true or false",
        ),
        (
            "see_professional = true",
            "see_profesional = true",
            "guidance[0].see_profesional",
            "one of the fields",
        ),
        ('id = "ttff"', 'id = "ros-ssas"', "sources[1].id", "used only once"),
        ("year = 2022", 'year = "2022"', "sources[0].year", "a year"),
        ('publisher = "Royal Osteoporosis Society"\n', "", "sources[0].publisher", "a non-empty text"),
        ('help = "A broken bone', 'hint = "A broken bone', "questions[0].hint", "one of the fields"),
        (
            'text = "Do you have pain in your back or your shoulders right now?"',
            'text = "  "',
            "questions[4].text",
            "a non-empty text",
        ),
        ('when = "pain_now"', 'when = "always"', "questions[4].id", "at least one [[guidance]]"),
        ("[[questions]]", "[[question]]", "question", "one of the fields"),
    ],
)
def test_malformed_file_names_file_field_and_expectation(
    tmp_path: Path, old: str, new: str, field: str, expected: str
) -> None:
    bad = _write_variant(tmp_path, old, new)
    with pytest.raises(SafetyContentError) as info:
        load_safety(bad)
    message = str(info.value)
    assert message.startswith(f"{bad}: field ")
    assert field in message
    assert expected in message


def test_missing_sections_and_broken_toml(tmp_path: Path) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text("schema = 1\n", encoding="utf-8")
    with pytest.raises(SafetyContentError, match="field 'sources'"):
        load_safety(empty)

    broken = tmp_path / "broken.toml"
    broken.write_text("schema = 1\n[[sources]\n", encoding="utf-8")
    with pytest.raises(SafetyContentError, match="valid TOML") as info:
        load_safety(broken)
    assert str(broken) in str(info.value)

    with pytest.raises(SafetyContentError, match="not found"):
        load_safety(tmp_path / "nowhere.toml")
