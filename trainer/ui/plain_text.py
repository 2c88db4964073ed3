"""Text from the exercise and safety files is text (issue 16 item 3): shown as typed, never as markup.

QLabel guesses "rich text" from a leading tag, and QTextBrowser follows links and loads images
(a content file could make the app read /etc/passwd or /dev/zero while painting). So: labels are
switched to plain text, HTML used for layout escapes every content string, and content browsers
neither follow links nor load any resource.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QLabel, QTextBrowser, QWidget


def esc(text: str) -> str:
    """A content string made safe to put inside HTML used for layout."""
    return html.escape(text, quote=True)


def html_list(items: Iterable[str], ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{esc(i)}</li>" for i in items) + f"</{tag}>"


def plain_labels(root: QWidget, keep_under: QWidget | None = None) -> None:
    """Every label under ``root`` shows plain text, except those under ``keep_under`` (own markup)."""
    for label in root.findChildren(QLabel):
        if keep_under is not None and (label is keep_under or keep_under.isAncestorOf(label)):
            continue
        label.setTextFormat(Qt.TextFormat.PlainText)


class ContentBrowser(QTextBrowser):
    """A read-only view for content: links are not followed and no resource is ever loaded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return None  # images, style sheets, files: nothing from content reaches the disk
