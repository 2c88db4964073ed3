"""One action table: every action is in the menus once, every key is bound once, and a big button,
its menu entry, its key and `window.trigger(id)` all run the same action."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from tests.driver import step
from trainer.present.actions import ACTIONS, button_actions
from trainer.session import Status


def _menu_actions(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for act in menu.actions():
        if act.menu() is not None:
            found += _menu_actions(act.menu())
        elif not act.isSeparator():
            found.append(act)
    return found


def test_every_action_is_in_the_menus_exactly_once(make_window: Any) -> None:
    win, _clock = make_window()
    in_menus = [a for top in win.menuBar().actions() for a in _menu_actions(top.menu())]
    ids = {id(act): key for key, act in win.action_table.actions.items()}
    counts = Counter(ids.get(id(a), a.text()) for a in in_menus)
    assert {a.id: counts[a.id] for a in ACTIONS} == {a.id: 1 for a in ACTIONS}
    # The menus come in the table's order, under the table's menu names.
    titles = [top.text() for top in win.menuBar().actions()]
    assert titles == ["&File", "&Session", "&View", "V&oice", "&Help"]


def test_each_key_is_bound_once(make_window: Any) -> None:
    win, _clock = make_window()
    keys = Counter(
        seq.toString() for act in win.findChildren(QAction) for seq in act.shortcuts() if not seq.isEmpty()
    )
    assert [k for k, n in keys.items() if n > 1] == []
    for spec in ACTIONS:  # the keys bound are the table's keys
        bound = [s.toString() for s in win.action_table.actions[spec.id].shortcuts()]
        assert bound == [QKeySequence(k).toString() for k in spec.keys], spec.id


def test_buttons_are_generated_from_the_table(make_window: Any) -> None:
    win, _clock = make_window()
    buttons = win.action_table.buttons
    assert list(buttons) == [a.id for a in button_actions()]
    for spec in button_actions():
        assert buttons[spec.id].accessibleName() in (spec.name, "Start")
        assert f"[{spec.keys[0]}]" in buttons[spec.id].text()


def test_buttons_menu_entries_and_trigger_run_the_same_action(
    make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    win, clock = make_window("kneeling", sets=2, reps=1, rest_s=60)
    fired: list[str] = []
    for key, act in win.action_table.actions.items():
        act.triggered.connect(lambda _checked=False, k=key: fired.append(k))
    buttons = win.action_table.buttons
    qtbot.mouseClick(buttons["start"], Qt.MouseButton.LeftButton)
    assert fired == ["start"] and win.controller is not None
    step(win, clock, 10.5)  # into the first rep
    qtbot.mouseClick(buttons["restart_set"], Qt.MouseButton.LeftButton)
    assert win.rep_label.text() == "Again"
    step(win, clock, 10.5)
    qtbot.mouseClick(buttons["end_set"], Qt.MouseButton.LeftButton)
    assert win.rep_label.text() == "Rest"
    qtbot.mouseClick(buttons["add_rest"], Qt.MouseButton.LeftButton)
    assert win.trigger("skip_rest")  # the same action as the Skip rest button and the S key
    assert fired == ["start", "restart_set", "end_set", "add_rest", "skip_rest"]
    assert win.rep_label.text() == "Get ready"
    # A control that does nothing now is refused by id as by its greyed button.
    assert not buttons["skip_rest"].isEnabled() and not win.trigger("skip_rest")
    monkeypatch.setattr(win, "confirm_stop", lambda: True)
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert fired[-1] == "stop" and win.controller.status is Status.FINISHED
    with pytest.raises(ValueError, match="no_such_action"):
        win.trigger("no_such_action")


def test_spoken_commands_run_the_table_actions(make_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer.listen.dispatch import dispatch

    win, clock = make_window("kneeling", sets=2, reps=2)
    fired: list[str] = []
    for key, act in win.action_table.actions.items():
        act.triggered.connect(lambda _checked=False, k=key: fired.append(k))
    win.start_session()
    step(win, clock, 10.5)
    dispatch(win.listen, "pause")
    assert win.controller is not None and win.controller.status is Status.PAUSED
    asked: list[bool] = []
    monkeypatch.setattr(win, "confirm_stop", lambda: asked.append(True) or False)
    dispatch(win.listen, "stop")  # stop asks, as Esc does
    assert asked == [True] and win.controller.status is Status.PAUSED
    dispatch(win.listen, "pain")  # pain ends gently, as P does
    assert win.controller.status is Status.FINISHED and win.rep_label.text() == "Rest now"
    assert fired == ["start", "stop", "comfort_pain"]
