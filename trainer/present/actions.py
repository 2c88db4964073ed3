"""Every action of the window, declared once: its id, menu text, key(s), menu and big button.

The Qt side (trainer/ui/actions.py) builds the menus, the big buttons and their shortcuts from
this table, and `present()` reads it to say what each key does at this moment. Keys are spelled
as QKeySequence text ("Space", "Ctrl+Q"); a key belongs to one action only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActionSpec:
    id: str
    label: str  # the menu entry ("&" marks the mnemonic)
    menu: str  # File, Session, View, Voice, Help
    keys: tuple[str, ...] = ()
    button: str = ""  # the big button's words; "" when the action has no big button
    name: str = ""  # the big button's accessible name
    checkable: bool = False
    separator_before: bool = False  # a line above it in its menu
    session: bool = False  # enabled only when the screen state allows it


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open_exercise", "&Open exercise file…", "File"),
    ActionSpec("export_history", "&Export history as CSV…", "File", separator_before=True),
    ActionSpec("save_report", "Save a &report for your physiotherapist (PDF)…", "File"),
    ActionSpec("print_card", "&Print a card…", "File", keys=("Ctrl+P",)),
    ActionSpec("save_card", "Save the &card as PDF…", "File"),
    ActionSpec("export_video", "Export a follow-along &video…", "File"),
    # The platform's Quit key is empty on some desktops: Ctrl+Q everywhere.
    ActionSpec("quit", "&Quit", "File", keys=("Ctrl+Q",), separator_before=True),
    ActionSpec(
        "start", "Start / Pause / Resume", "Session", ("Space",), "Start", "Start or pause", session=True
    ),
    ActionSpec("skip_rest", "Skip rest", "Session", ("S",), "Skip rest", "Skip rest", session=True),
    ActionSpec(
        "add_rest", "Add 30 s rest", "Session", ("A",), "+30 s rest", "Add 30 seconds of rest", session=True
    ),
    ActionSpec(
        "end_set",
        "Done with this set",
        "Session",
        ("D",),
        "Done with this set",
        "Done with this set",
        session=True,
    ),
    ActionSpec("restart_set", "Restart set", "Session", ("R",), "Restart set", "Restart set", session=True),
    ActionSpec("stop", "Stop…", "Session", ("Esc",), "Stop", "Stop the session", session=True),
    ActionSpec("comfort_fine", "That set felt fine", "Session", ("F",), separator_before=True, session=True),
    ActionSpec("comfort_tired", "That set felt tiring", "Session", ("T",), session=True),
    ActionSpec("comfort_pain", "Pain: stop the session", "Session", ("P",), session=True),
    ActionSpec("larger_text", "&Larger text", "View", ("Ctrl++", "Ctrl+=")),
    ActionSpec("smaller_text", "&Smaller text", "View", ("Ctrl+-",)),
    # Full screen for the mat (issue 14.3); while it is on, Esc leaves it instead of stopping.
    ActionSpec("follow_along", "&Follow-along mode", "View", ("F11",), checkable=True),
    ActionSpec("progress", "&Progress and history…", "View", ("Ctrl+H",), separator_before=True),
    ActionSpec("speak", "&Speak the cues", "Voice", ("Ctrl+M",), checkable=True),
    ActionSpec("voice_settings", "&Voice settings…", "Voice"),
    ActionSpec("listen", "&Listen for commands", "Voice", checkable=True),
    ActionSpec("steps", "&Steps and tips", "Help", ("F1",)),
    ActionSpec("safety_check", "Safety &check…", "Help"),
    ActionSpec("self_check", "Check &my setup (voice, sound, data folder)…", "Help"),
)

MENUS = ("File", "Session", "View", "Voice", "Help")
MENU_TITLES = {"File": "&File", "Session": "&Session", "View": "&View", "Voice": "V&oice", "Help": "&Help"}

_BY_ID = {a.id: a for a in ACTIONS}


def action(action_id: str) -> ActionSpec:
    try:
        return _BY_ID[action_id]
    except KeyError:
        raise ValueError(f"unknown action {action_id!r}") from None


def session_actions() -> tuple[ActionSpec, ...]:
    return tuple(a for a in ACTIONS if a.session)


def button_actions() -> tuple[ActionSpec, ...]:
    return tuple(a for a in ACTIONS if a.button)
