"""How to do the exercise: its steps and tips for the chosen variant, and why and what you need."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QTextBrowser

from trainer.content import Exercise
from trainer.ui.plain_text import ContentBrowser, esc, html_list


class HelpTabs(QTabWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("How to do the exercise")
        self.steps_view = self._tab("Steps", "Steps")
        self.tips_view = self._tab("Tips", "Form tips")
        self.about_view = self._tab("Why and what you need", "About the exercise")
        self.setMinimumHeight(160)

    def _tab(self, title: str, name: str) -> QTextBrowser:
        view = ContentBrowser()  # content is text: no links followed, no images loaded
        view.setAccessibleName(name)
        self.addTab(view, title)
        return view

    def show_exercise(self, ex: Exercise) -> None:
        muscles = "".join(
            f"<p><b>{esc(group.capitalize())}:</b> {esc(', '.join(names))}</p>"
            for group, names in ex.muscles.items()
        )
        equipment = html_list(ex.equipment)
        self.about_view.setHtml(
            f"<p>{esc(ex.purpose)}</p><p><b>You need:</b></p>{equipment}<p><b>Muscles worked</b></p>"
            f"{muscles}<p>Plan: {ex.plan.sets} sets of {ex.plan.reps}, or as many as you comfortably can.</p>"
        )

    def show_variant(self, ex: Exercise, variant: str) -> None:
        """Steps and tips filtered for the variant (no kneeling tips on a chair)."""
        self.steps_view.setHtml(html_list(ex.steps_for(variant), ordered=True))
        self.tips_view.setHtml(html_list(t.text for t in ex.tips_for(variant)))
