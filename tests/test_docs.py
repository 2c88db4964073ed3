"""Comments that point at the design point at a file and a section that exist."""

from __future__ import annotations

import re

from tests.conftest import ROOT

ARCH = ROOT / "docs" / "ARCHITECTURE.md"
CITE = re.compile(r'docs/ARCHITECTURE\.md,\s*(?:#\s*)?"([^"]+)"')


def _sources() -> dict[str, str]:
    files = [*(ROOT / "trainer").rglob("*.py"), *(ROOT / "tests").rglob("*.py"), ROOT / "README.md"]
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted(files)}


def test_no_code_cites_a_design_file_the_repository_lacks() -> None:
    found = {
        name for name, text in _sources().items() if "DESIGN.md" in text and name != "tests/test_docs.py"
    }
    assert found == set()


def test_every_cited_section_of_the_architecture_exists() -> None:
    headings = {
        line.lstrip("#").strip()
        for line in ARCH.read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    }
    cited = {(name, m) for name, text in _sources().items() for m in CITE.findall(" ".join(text.split()))}
    assert len(cited) >= 4  # cli, advice, safety, the PySide6 regression test
    assert {(name, section) for name, section in cited if section not in headings} == set()
