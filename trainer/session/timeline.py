"""The plan compiled to one timeline: segments with exact times, and the events and cues on them.

Everything the user sees or hears is a pure function of session time t over this timeline.
Re-planning (pause/resume, ending a set early, skipping or adding rest, restarting a set,
stopping) keeps what already happened and compiles the rest anew from t, so t never goes back.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import StrEnum

from trainer.content import Exercise
from trainer.session.events import (
    Comfort,
    ComfortAnswered,
    Cue,
    EndReason,
    Event,
    PhaseStarted,
    RepCompleted,
    RestEnded,
    RestStarted,
    SessionCompleted,
    SessionStarted,
    SetCompleted,
    SetStarted,
    SideSwitched,
    TimedEvent,
)
from trainer.session.plan import Plan
from trainer.text import plural

NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "twenty-one",
    "twenty-two",
    "twenty-three",
    "twenty-four",
    "twenty-five",
    "twenty-six",
    "twenty-seven",
    "twenty-eight",
    "twenty-nine",
    "thirty",
]


def number_word(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


COMFORT_QUESTION = "How did that set feel? Fine, tired, or pain?"
PAIN_STOP = (
    "Let's stop here. Pain means stop. Put the weights down carefully and rest. "
    "If it does not settle, talk to your physiotherapist or doctor before the next session."
)

EPS = 1e-6  # events this close to "now" count as due (float sums of phase lengths)


class Kind(StrEnum):
    GET_READY = "get_ready"
    PHASE = "phase"
    REST = "rest"
    DONE = "done"


# Cue priorities: lower number wins (safety and stop > count > phase > form reminder > info).
PRIORITY = {
    "safety": 0,
    "end": 0,
    "ask": 3,  # below the rest line's switch of knee: in a short rest, the switch is said first
    "count": 1,
    "countdown": 1,
    "phase": 2,
    "switch": 2,
    "tip": 3,
    "setup": 4,
    "rest": 4,
    "next": 4,
}


@dataclass(frozen=True)
class Segment:
    kind: Kind
    start: float
    end: float
    set_no: int = 0
    rep: int = 0
    phase: str | None = None
    side: str | None = None
    label: str = ""  # get-ready: start | resume | restart | next set
    from_rep: int = 1  # get-ready: the rep the set goes on with (a resumed set keeps its reps)


@dataclass(frozen=True)
class SessionView:
    """What the window shows at one session time."""

    t: float
    kind: Kind
    set_no: int
    sets: int
    rep: int
    reps: int
    phase: str | None
    phase_progress: float  # 0..1 within the phase
    side: str | None
    remaining: float  # seconds left in this get-ready or rest
    label: str
    next_set: int  # during rest or get-ready: the set that comes next


class _Builder:
    """Appends segments, events and cues from a start time onward."""

    def __init__(self, tl: Timeline, t0: float) -> None:
        self.tl = tl
        self.t = t0
        self.segments: list[Segment] = []
        self.events: list[TimedEvent] = []

    # -- primitives
    def event(self, t: float, payload: Event) -> None:
        self.events.append(TimedEvent(t, payload))

    def cue(self, t: float, text: str, kind: str, window: float = 1.0, fallback: str | None = None) -> None:
        self.event(t, Cue(text, kind, PRIORITY[kind], t + window, fallback))

    def segment(self, seg: Segment) -> None:
        self.segments.append(seg)
        self.t = seg.end

    def countdown(self, start: float, end: float) -> None:
        """'Three', 'Two', 'One' on the last seconds before end (those that fit after start)."""
        for k in (3, 2, 1):
            if end - k >= start - 1e-9:
                self.cue(end - k, number_word(k).capitalize(), "countdown", 0.4)

    # -- blocks
    def get_ready(self, seconds: float, label: str, set_no: int, from_rep: int = 1) -> None:
        plan = self.tl.plan
        side = plan.side_for(set_no)
        t0 = self.t
        end = t0 + seconds
        if seconds >= 6:
            if label == "start":
                variant = self.tl.exercise.variant(plan.variant)
                self.cue(t0, f"Get ready. {variant.setup_text(side or '')}", "setup", window=2.0)
            else:
                self.cue(t0, "Get ready.", "setup")
        self.countdown(t0, end)
        self.segment(
            Segment(Kind.GET_READY, t0, end, set_no=set_no, side=side, label=label, from_rep=from_rep)
        )

    def set_block(self, set_no: int, first_rep: int, announce: bool, reps_before: int = 0) -> int:
        """Reps first_rep..reps of a set; returns reps done in the set."""
        plan = self.tl.plan
        side = plan.side_for(set_no)
        if announce:
            self.event(self.t, SetStarted(set_no, side))
        texts = self.tl.exercise.phases
        for rep in range(first_rep, plan.reps + 1):
            tip = self.tl.tip_due(rep)
            for phase, seconds in plan.tempo.durations():
                if seconds <= 0:
                    continue
                t0 = self.t
                self.event(t0, PhaseStarted(set_no, rep, phase))
                if phase == "lift":
                    self.cue(
                        t0,
                        f"{number_word(rep).capitalize()}, {texts['lift'].spoken}.",
                        "count",
                        0.5,
                    )
                elif phase == "lower" and tip is not None:
                    # The reminder takes the lowering and the relax (no "Relax." on this rep),
                    # led by the short phase word, so it fits before the next count.
                    short = f"{texts['lower'].spoken.split()[-1].capitalize()}."
                    plain = f"{texts['lower'].spoken.capitalize()}."
                    self.cue(t0, f"{short} {tip}", "tip", 0.5, fallback=plain)
                elif phase == "relax" and tip is not None:
                    pass
                else:
                    self.cue(t0, f"{texts[phase].spoken.capitalize()}.", "phase", 0.4)
                self.segment(
                    Segment(Kind.PHASE, t0, t0 + seconds, set_no=set_no, rep=rep, phase=phase, side=side)
                )
            self.event(self.t, RepCompleted(set_no, rep))
        done = reps_before + plan.reps - first_rep + 1
        self.finish_set(set_no, done)
        return done

    def finish_set(self, set_no: int, reps_done: int) -> None:
        self.event(self.t, SetCompleted(set_no, reps_done))
        self.tl.reps_by_set[set_no] = reps_done

    def rest(self, after_set: int, seconds: float, resumed: bool = False) -> None:
        plan = self.tl.plan
        t0 = self.t
        end = t0 + seconds
        nxt = after_set + 1
        new_side = plan.side_for(nxt)
        switching = plan.switch_sides and new_side != plan.side_for(after_set)
        if not resumed:
            self.event(t0, RestStarted(after_set, round(seconds, 3)))
            if switching:
                self.event(t0, SideSwitched(new_side))
            done = self.tl.reps_by_set.get(after_set, plan.reps)
            text = f"Set {after_set} done: {plural(done, 'rep')}. Rest for {seconds:g} seconds."
            if switching and seconds < 15:
                text += f" Switch to your {new_side} knee."
            self.cue(t0, text, "switch" if switching and seconds < 15 else "rest", 2.0)
            if seconds >= 12:
                # Answered with one key or button; no answer simply counts as not answered.
                self.cue(t0 + 4, COMFORT_QUESTION, "ask", 2.0)
            if switching and seconds >= 15:
                self.cue(t0 + 10, f"Switch knees: the next set is on your {new_side} knee.", "switch", 2.0)
        if seconds >= 30 and not resumed:
            self.cue(t0 + seconds / 2, "Halfway through your rest.", "rest", 2.0)
        if seconds >= 20:
            side_text = f", on your {new_side} knee" if new_side else ""
            self.cue(
                end - 10,
                f"Next: set {nxt} of {plan.sets}, {plural(plan.reps, 'rep')}{side_text}. Get into position.",
                "next",
                2.0,
            )
        if seconds >= 8:
            self.countdown(t0, end)
        self.segment(Segment(Kind.REST, t0, end, set_no=after_set, side=new_side, label=str(nxt)))
        self.event(end, RestEnded(after_set))

    def sets_after(self, set_no: int, rest_first: bool = True) -> None:
        """Rest after set_no (if rest_first), then every remaining set with rests between, then end."""
        plan = self.tl.plan
        for nxt in range(set_no + 1, plan.sets + 1):
            if rest_first or nxt > set_no + 1:
                if plan.rest_s > 0:
                    self.rest(nxt - 1, plan.rest_s)
                elif plan.switch_sides and plan.side_for(nxt) != plan.side_for(nxt - 1):
                    self.event(self.t, SideSwitched(plan.side_for(nxt)))
            self.set_block(nxt, 1, announce=True)
        self.end(EndReason.COMPLETED)

    def end(self, reason: EndReason) -> None:
        total = sum(self.tl.reps_by_set.values())
        sets_done = len(self.tl.reps_by_set)
        if reason is EndReason.PAIN:
            self.cue(self.t, PAIN_STOP, "safety", 6.0)
        elif reason is EndReason.STOPPED:
            self.cue(
                self.t, f"Session stopped. You did {plural(total, 'rep')}. Well done for today.", "end", 3.0
            )
        else:
            text = f"Well done! That's the session: {plural(sets_done, 'set')}, {plural(total, 'rep')}."
            self.cue(self.t, text, "end", 3.0)
        self.event(self.t, SessionCompleted(sets_done, total, round(self.t, 3), reason))
        self.segment(Segment(Kind.DONE, self.t, self.t))


class Timeline:
    def __init__(self, plan: Plan, exercise: Exercise) -> None:
        self.plan = plan
        self.exercise = exercise
        self.segments: list[Segment] = []
        self.events: list[TimedEvent] = []
        self.reps_by_set: dict[int, int] = {}
        self._tip_counter = 0
        self._starts: list[float] = []
        self.version = 0  # bumped by every change, so listeners can tell a re-plan happened

    # ---------------------------------------------------------------- building
    @classmethod
    def compile(cls, plan: Plan, exercise: Exercise) -> Timeline:
        tl = cls(plan, exercise)
        b = _Builder(tl, 0.0)
        b.event(0.0, SessionStarted(plan.variant, plan.sets, plan.reps, str(plan.tempo), plan.rest_s))
        b.get_ready(plan.get_ready_s, "start", 1)
        b.set_block(1, 1, announce=True)
        b.sets_after(1)
        tl._append(b)
        return tl

    def tip_due(self, rep: int) -> str | None:
        """Form reminders on every third rep (2, 5, 8, ...), rotating through the variant's tips."""
        if rep % 3 != 2:
            return None
        tips = self.exercise.tips_for(self.plan.variant)
        tip = tips[self._tip_counter % len(tips)].spoken
        self._tip_counter += 1
        return tip

    def _append(self, b: _Builder) -> None:
        new = sorted(b.events, key=lambda e: e.t)  # stable: same-time order is build order
        self.version += 1
        self.events.extend(new)
        self.segments.extend(b.segments)
        self._starts = [s.start for s in self.segments]

    def _cut(self, t: float) -> Segment:
        """Drop everything after t; the segment holding t is shortened to end at t."""
        seg = self.segment_at(t)
        idx = self.segments.index(seg)
        self.segments = self.segments[:idx]
        if t > seg.start:
            self.segments.append(
                Segment(
                    seg.kind, seg.start, t, seg.set_no, seg.rep, seg.phase, seg.side, seg.label, seg.from_rep
                )
            )
        self.events = [e for e in self.events if e.t <= t + EPS]
        # Only sets that really ended still count.
        self.reps_by_set = {
            e.payload.set_no: e.payload.reps for e in self.events if isinstance(e.payload, SetCompleted)
        }
        # Keep the rotation of form reminders going from what was really said.
        self._tip_counter = sum(1 for e in self.events if e.cue is not None and e.cue.kind == "tip")
        self._starts = [s.start for s in self.segments]
        return seg

    # ---------------------------------------------------------------- queries
    @property
    def end_time(self) -> float:
        return self.segments[-1].end if self.segments else 0.0

    def segment_at(self, t: float) -> Segment:
        i = bisect.bisect_right(self._starts, t) - 1
        i = max(0, min(i, len(self.segments) - 1))
        # Zero-length segments (DONE) only hold t at or after their time.
        while i > 0 and self.segments[i].start > t:
            i -= 1
        seg = self.segments[i]
        if seg.end <= t and i + 1 < len(self.segments):
            return self.segments[i + 1]
        return seg

    def view_at(self, t: float) -> SessionView:
        seg = self.segment_at(t)
        plan = self.plan
        span = seg.end - seg.start
        progress = 1.0 if span <= 0 else min(1.0, max(0.0, (t - seg.start) / span))
        remaining = max(0.0, seg.end - t)
        if seg.kind is Kind.REST:
            next_set = seg.set_no + 1
            set_no = seg.set_no
        elif seg.kind is Kind.GET_READY:
            next_set = seg.set_no
            set_no = seg.set_no
        else:
            next_set = 0
            set_no = seg.set_no
        return SessionView(
            t=t,
            kind=seg.kind,
            set_no=set_no,
            sets=plan.sets,
            rep=seg.rep,
            reps=plan.reps,
            phase=seg.phase,
            phase_progress=progress,
            side=seg.side,
            remaining=remaining,
            label=seg.label,
            next_set=next_set,
        )

    def cue_texts(self) -> list[str]:
        """Every distinct phrase this timeline can speak (for rendering ahead of time)."""
        seen: dict[str, None] = {}
        for e in self.events:
            if e.cue is not None:
                seen.setdefault(e.cue.text, None)
                if e.cue.fallback:
                    seen.setdefault(e.cue.fallback, None)
        return list(seen)

    # ---------------------------------------------------------------- re-planning
    def replan_resume(self, t: float, get_ready_s: float = 3.0) -> None:
        """Resuming after a pause: a short get-ready, then the interrupted rep from its start."""
        seg = self._cut(t)
        b = _Builder(self, t)
        if seg.kind is Kind.PHASE:
            b.get_ready(get_ready_s, "resume", seg.set_no, from_rep=seg.rep)
            b.set_block(seg.set_no, seg.rep, announce=False, reps_before=seg.rep - 1)
            b.sets_after(seg.set_no)
        elif seg.kind is Kind.REST:
            b.rest(seg.set_no, max(seg.end - t, get_ready_s), resumed=True)
            b.set_block(seg.set_no + 1, 1, announce=True)
            b.sets_after(seg.set_no + 1)
        elif seg.kind is Kind.GET_READY:
            # Paused again while getting ready: the set goes on from the same rep as before.
            b.get_ready(max(seg.end - t, get_ready_s), seg.label, seg.set_no, from_rep=seg.from_rep)
            b.set_block(
                seg.set_no, seg.from_rep, announce=seg.label != "resume", reps_before=seg.from_rep - 1
            )
            b.sets_after(seg.set_no)
        else:
            return
        self._append(b)

    def reps_done_at(self, t: float) -> int:
        """Reps of the current set that count as done at t (lowering or relaxing counts)."""
        seg = self.segment_at(t)
        if seg.kind is Kind.GET_READY:
            return seg.from_rep - 1  # a resumed set keeps the reps done before the pause
        if seg.kind is not Kind.PHASE:
            return 0
        return seg.rep if seg.phase in ("lower", "relax") else seg.rep - 1

    def replan_end_set(self, t: float) -> int | None:
        """'Done with this set': record the reps done so far, then go on to the rest."""
        seg = self.segment_at(t)
        if seg.kind is not Kind.PHASE:
            return None
        done = self.reps_done_at(t)
        self._cut(t)
        b = _Builder(self, t)
        if seg.phase in ("lower", "relax"):
            b.event(t, RepCompleted(seg.set_no, seg.rep))
        b.finish_set(seg.set_no, done)
        b.sets_after(seg.set_no)
        self._append(b)
        return done

    def replan_skip_rest(self, t: float, get_ready_s: float = 3.0) -> bool:
        seg = self.segment_at(t)
        if seg.kind is not Kind.REST:
            return False
        self._cut(t)
        b = _Builder(self, t)
        b.event(t, RestEnded(seg.set_no))
        b.get_ready(get_ready_s, "next set", seg.set_no + 1)
        b.set_block(seg.set_no + 1, 1, announce=True)
        b.sets_after(seg.set_no + 1)
        self._append(b)
        return True

    def replan_add_rest(self, t: float, seconds: float = 30.0) -> bool:
        seg = self.segment_at(t)
        if seg.kind is not Kind.REST:
            return False
        self._cut(t)
        b = _Builder(self, t)
        b.rest(seg.set_no, seg.end - t + seconds, resumed=True)
        b.set_block(seg.set_no + 1, 1, announce=True)
        b.sets_after(seg.set_no + 1)
        self._append(b)
        return True

    def replan_restart_set(self, t: float, get_ready_s: float = 3.0) -> bool:
        seg = self.segment_at(t)
        if seg.kind not in (Kind.PHASE, Kind.GET_READY):
            return False
        self._cut(t)
        b = _Builder(self, t)
        b.get_ready(get_ready_s, "restart", seg.set_no)
        b.set_block(seg.set_no, 1, announce=True)
        b.sets_after(seg.set_no)
        self._append(b)
        return True

    def replan_stop(self, t: float, reason: EndReason = EndReason.STOPPED) -> None:
        seg = self.segment_at(t)
        if seg.kind is Kind.DONE:
            return
        done = self.reps_done_at(t)
        self._cut(t)
        b = _Builder(self, t)
        if seg.kind is Kind.PHASE:
            if seg.phase in ("lower", "relax"):
                b.event(t, RepCompleted(seg.set_no, seg.rep))
            if done > 0:
                b.finish_set(seg.set_no, done)
        elif seg.kind is Kind.GET_READY and done > 0:
            b.finish_set(seg.set_no, done)  # stopped in the "Resuming" of a set under way
        elif seg.kind is Kind.REST:
            b.event(t, RestEnded(seg.set_no))
        if reason is EndReason.PAIN and self.reps_by_set:
            # Pain is about the set just done (or the one that ended with this stop).
            b.event(t, ComfortAnswered(max(self.reps_by_set), Comfort.PAIN))
        b.end(reason)
        self._append(b)
