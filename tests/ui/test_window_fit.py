"""Every state of the window fits the four screen sizes, at normal text and two steps larger
(widgets inside the window, texts fit their labels by font metrics, no siblings overlapping),
and the window opens within the screen, where the person left it (issue 14.4)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from tests.driver import open_window
from trainer.session import Comfort, Status
from trainer.settings import S, Settings
from trainer.ui.placement import FRAME_H, TITLE_H, fit_window
from trainer.ui.screen_tour import SIZES, STATES, drive, layout_problems, settle, window_size_for_screen

TWO_STEPS_LARGER = 1.2 * 1.2


def _window(qtbot, exercise, size, scale, settings=None):
    win, clock = open_window(qtbot, exercise, settings=settings, show=False)
    win.set_text_scale(scale, save=False)
    win.resize(*size)
    win.show()
    return win, clock


@pytest.mark.parametrize("screen", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", [1.0, TWO_STEPS_LARGER], ids=["text100", "text144"])
@pytest.mark.parametrize("state", ["ready", "set", "rest", "summary", "pain"])
def test_state_fits_the_screen(qtbot, exercise, screen, scale, state):
    size = window_size_for_screen(*screen)
    win, clock = _window(qtbot, exercise, size, scale)
    drive(win, clock, state)
    win.frame_timer.stop()
    assert (win.width(), win.height()) == size  # the content did not push the window past the screen
    assert layout_problems(win) == []
    bottom = win.centralWidget().mapTo(win, win.start_button.geometry().bottomRight())
    assert bottom.y() <= size[1]  # the controls stay on screen
    if state in ("rest", "summary"):
        panel = win.comfort_panel
        assert panel.isVisible()
        r = QRect(panel.mapTo(win, panel.rect().topLeft()), panel.size())
        assert win.rect().contains(r)  # the question's buttons never scroll away


def test_controls_stay_where_they_are_across_states(qtbot, exercise):
    size = window_size_for_screen(1366, 768)
    places = set()
    for state in ("ready", "get-ready", "set", "paused", "rest", "summary", "pain", "stopped"):
        win, clock = _window(qtbot, exercise, size, 1.0)
        drive(win, clock, state)
        buttons = (win.start_button, win.stop_button, win.figure.mirror_box)
        places.add(tuple(b.mapTo(win, b.rect().topLeft()).toTuple() for b in buttons))
        win.close()
    assert len(places) == 1, places


@pytest.mark.parametrize(
    ("saved", "area", "expected"),
    [
        ("", QRect(0, 0, 1366, 740), (1280, 704)),  # default 1280×800 shrinks to the free area
        ("", QRect(0, 0, 1920, 1050), (1280, 800)),
        ("10,40,2000,1200,0", QRect(0, 0, 1280, 690), (1272, 654)),
        ("100,100,900,600,1", QRect(0, 0, 1920, 1050), (900, 600)),
    ],
)
def test_window_opens_within_the_free_screen_area(saved, area, expected):
    rect, _max = fit_window(saved, area)
    assert rect.size().toTuple() == expected
    assert area.contains(rect)


def test_a_remembered_full_height_window_keeps_its_title_bar_on_screen():
    # Failed before: a window saved at 4,28 and 684 px tall on a 720 px screen came back at y=0,
    # which put its title bar above the screen's edge (openbox, 1280x720).
    area = QRect(0, 0, 1280, 720)
    rect, _max = fit_window("4,28,1272,684,0", area)
    assert rect.y() >= TITLE_H and rect.bottom() + FRAME_H - TITLE_H <= area.bottom()
    assert rect.size().toTuple() == (1272, 684)


def test_window_remembers_size_position_and_maximised(qtbot, exercise, tmp_path):
    settings = Settings(tmp_path)
    win, _ = _window(qtbot, exercise, (780, 520), 1.0, settings=settings)
    win.move(30, 50)
    win.close()
    _x, _y, w, h, m = settings.get(S.window_geometry).split(",")
    assert (int(w), int(h), m) == (780, 520, "0")
    again, _ = open_window(qtbot, exercise, settings=Settings(tmp_path), show=False)
    assert again.size().toTuple() == (780, 520)


@pytest.mark.slow
def test_window_size_flag_renders_that_size(tmp_path):
    from PySide6.QtGui import QImage

    from tests.conftest import run_trainer

    out = tmp_path / "rest.png"
    r = run_trainer(
        "--screenshot", str(out), "--at", "80", "--window-size", "1280x656", "--no-voice",
        "--data-dir", str(tmp_path / "d"),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 656)


@pytest.mark.slow
@pytest.mark.parametrize("bad", ["12x4", "wide", "1366 by 768"])
def test_bad_window_size_is_one_line_naming_the_flag(bad, tmp_path):
    from tests.conftest import run_trainer

    r = run_trainer("--screenshot", str(tmp_path / "x.png"), "--window-size", bad)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "--window-size" in r.stderr and bad in r.stderr


def _seen(widget, win) -> bool:
    """Shown and wholly inside every scrolling area around it and inside the window."""
    from PySide6.QtWidgets import QAbstractScrollArea

    if not widget.isVisible():
        return False
    top = QRect(widget.mapTo(win, widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not win:
        if isinstance(parent, QAbstractScrollArea):
            view = parent.viewport()
            if not QRect(view.mapTo(win, view.rect().topLeft()), view.size()).contains(top):
                return False
        parent = parent.parentWidget()
    return win.rect().contains(top)


@pytest.mark.parametrize("screen", [(1280, 720), (1366, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", [1.0, TWO_STEPS_LARGER], ids=["text100", "text144"])
def test_rest_countdown_and_question_seen_without_scrolling(qtbot, exercise, screen, scale):
    win, clock = _window(qtbot, exercise, window_size_for_screen(*screen), scale)
    drive(win, clock, "rest")
    win.frame_timer.stop()
    for label in (win.countdown_label, win.next_label, win.rep_label):
        assert _seen(label, win), label.accessibleName()
    assert _seen(win.comfort_panel, win)


@pytest.mark.parametrize("screen", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", [1.0, TWO_STEPS_LARGER], ids=["text100", "text144"])
def test_plan_fields_show_their_whole_text(qtbot, exercise, screen, scale):
    # Failed before at 1280x720 (openbox): two columns of fields cut "Kneeling" to "Kneeli" and
    # "2–3 a week" to "2–3 a wee". Where two columns do not fit, the fields go in one.
    win, clock = _window(qtbot, exercise, window_size_for_screen(*screen), scale)
    drive(win, clock, "ready")
    QApplication.processEvents()  # the fields move to one column in the layout pass that follows
    form = win.form
    for box in (form.variant_box, form.week_box, form.tempo_box):
        assert box.width() >= box.sizeHint().width(), (box.accessibleName(), box.currentText())


def _caps(win) -> dict[str, float]:
    """Cap heights of the counters shown (the set line, the rep counter, the countdown)."""
    labels = {"set": win.set_label, "rep": win.rep_label, "count": win.countdown_label}
    return {k: QFontMetricsF(v.font()).capHeight() for k, v in labels.items() if v.isVisible()}


@pytest.mark.parametrize("screen", [(1280, 720), (1366, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", STATES)
def test_larger_text_never_makes_the_counters_smaller(qtbot, exercise, screen, state):
    # Failed before at 1280x720 in the rest: at +2 the counters were fitted down to 0.67 of the
    # size asked, smaller than at the default text size (the question below grows with the text).
    caps = {}
    for scale in (1.0, TWO_STEPS_LARGER):
        win, clock = _window(qtbot, exercise, window_size_for_screen(*screen), scale)
        drive(win, clock, state)
        win.frame_timer.stop()
        settle()
        caps[scale] = _caps(win)
        win.close()
    for key, cap in caps[1.0].items():
        assert caps[TWO_STEPS_LARGER][key] >= cap, (key, caps)


def test_an_unscaled_big_screen_grows_the_window_texts(qtbot, exercise):
    # Failed before: on 3840x2160 without display scaling the buttons, plan form and comfort
    # question kept their 1366x768 sizes (a third of the height they have on a laptop).
    sizes = {}
    for screen in ((1366, 768), (3840, 2160)):
        win, clock = _window(qtbot, exercise, window_size_for_screen(*screen), 1.0)
        drive(win, clock, "rest")
        win.frame_timer.stop()
        settle()
        parts = (
            win.start_button,
            win.form.variant_box,
            win.comfort_panel.buttons[Comfort.FINE],
            win.help_tabs.tabBar(),
        )
        sizes[screen] = [QFontMetricsF(w.font()).capHeight() for w in parts]
        assert layout_problems(win) == []
        win.close()
    for small, big in zip(sizes[(1366, 768)], sizes[(3840, 2160)], strict=True):
        assert big >= 1.8 * small, sizes


@pytest.mark.parametrize("size", [(1272, 684), (1358, 732)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_figure_stays_put_across_states_after_the_text_is_made_larger(qtbot, exercise, size):
    # Failed before (found in the real window, 1280×720 with openbox, Ctrl++ twice): the splitter
    # kept the division it made at the default text size, so the column beside the figure took
    # each state's widest counter line ("Get ready", "Rep 1 of 2", "Well done!") and the figure
    # and its check boxes moved by up to 82 px at every change of state.
    from trainer.ui.screen_tour import _step

    win, clock = open_window(qtbot, exercise, "kneeling", show=False, sets=2, reps=2, rest_s=20)
    win.resize(*size)
    win.show()
    settle()
    win.set_text_scale(1.2, save=False)
    settle()
    win.set_text_scale(TWO_STEPS_LARGER, save=False)
    places = {}

    def note(state: str) -> None:
        settle()
        box = win.figure.mirror_box
        places[state] = box.mapTo(win, box.rect().topLeft()).toTuple()
        assert layout_problems(win) == [], state

    note("ready")
    win.start_session()
    _step(win, clock, 4)
    note("get-ready")
    _step(win, clock, 8)
    note("set")
    _step(win, clock, 10)
    note("rest")
    win.answer_comfort("fine")
    while win.controller.status is not Status.FINISHED:
        _step(win, clock, 10, dt=1.0)
    note("summary")
    assert len(set(places.values())) == 1, places


@pytest.mark.parametrize("screen", [(1280, 720), (1366, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_restarting_or_resuming_a_set_does_not_move_the_figure(qtbot, exercise, screen):
    # Failed before: R showed "Restarting the set" at the rep counter's size, which does not
    # wrap, so the column beside the figure widened from 380 to 642 px at 1366×768 (to 919 px
    # with larger text) and the figure shrank to make room. (With text two steps larger the
    # column still differs between the set and the get-ready states by up to 50 px: not fixed.)
    scale = 1.0
    from trainer.ui.screen_tour import _step

    win, clock = _window(qtbot, exercise, window_size_for_screen(*screen), scale)
    places = set()

    def note() -> None:
        settle()
        box = win.figure.mirror_box
        places.add(box.mapTo(win, box.rect().topLeft()).toTuple())

    win.start_session()
    _step(win, clock, 12)
    note()
    assert win.controller.restart_set()
    win.on_frame()
    note()
    _step(win, clock, 12)
    win.toggle_start_pause()
    note()
    win.toggle_start_pause()
    _step(win, clock, 1)
    note()
    assert len(places) == 1, places
