"""The Qt side of the action table (trainer/present/actions.py): one QAction per action, the menus
in the table's order, the big buttons and their keys, all generated from it, and `trigger(id)`,
the one way to run an action (menus, buttons, keys and spoken commands alike)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QPushButton, QSizePolicy

from trainer.present import ScreenState
from trainer.present.actions import ACTIONS, MENU_TITLES, MENUS, ActionSpec, action

Slot = Callable[[], object]
Toggle = Callable[[bool], object]


class ActionTable:
    """`slots` maps an action id to what it does; a checkable action's slot takes its new state.
    An action without a slot (Listen) is wired by the part that owns it, through `actions[id]`."""

    def __init__(self, window: QMainWindow, slots: Mapping[str, Slot], toggles: Mapping[str, Toggle]) -> None:
        self.window = window
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        self.buttons: dict[str, QPushButton] = {}
        self._shown: tuple[frozenset[str], str] | None = None
        for spec in ACTIONS:
            self.actions[spec.id] = self._action(spec, slots.get(spec.id), toggles.get(spec.id))
        bar = window.menuBar()
        for menu in MENUS:
            self.menus[menu] = bar.addMenu(MENU_TITLES[menu])
        for spec in ACTIONS:
            menu_ = self.menus[spec.menu]
            if spec.separator_before:
                menu_.addSeparator()
            menu_.addAction(self.actions[spec.id])
            if spec.button:
                self.buttons[spec.id] = self._button(spec)

    def _action(self, spec: ActionSpec, slot: Slot | None, toggle: Toggle | None) -> QAction:
        act = QAction(spec.label, self.window)
        act.setShortcuts([QKeySequence(k) for k in spec.keys])
        if spec.session:
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.setCheckable(spec.checkable)
        if toggle is not None:
            act.toggled.connect(toggle)
        elif slot is not None:
            act.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(act)  # its keys work with the menu bar hidden too
        return act

    def _button(self, spec: ActionSpec) -> QPushButton:
        key = spec.keys[0]
        b = QPushButton(f"{spec.button}\n[{key}]")
        b.setAccessibleName(spec.name)
        b.setToolTip(f"{spec.name} (key: {key})")
        b.setMinimumHeight(72)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Space stays the pause key; Tab + Enter works
        b.clicked.connect(lambda _checked=False, a=spec.id: self.trigger(a))
        return b

    def trigger(self, action_id: str) -> bool:
        """Run an action as its menu entry would; False when it is disabled now."""
        action(action_id)  # an unknown id is a mistake: say which
        act = self.actions[action_id]
        if not act.isEnabled():
            return False
        act.trigger()
        return True

    def show_state(self, state: ScreenState) -> None:
        """Enable what the screen state allows; the start button says what Space does now."""
        shown = (state.enabled, state.start_label)
        if shown == self._shown:  # runs every frame: touch the widgets only on a change
            return
        self._shown = shown
        for action_id, act in self.actions.items():
            if action(action_id).session:
                act.setEnabled(state.can(action_id))
        for action_id, b in self.buttons.items():
            b.setEnabled(state.can(action_id))
        start = self.buttons["start"]
        start.setText(state.button_text("start"))
        start.setAccessibleName(state.start_label)
