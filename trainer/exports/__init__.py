"""Everything the trainer writes for people and other programs, used by the command line and the menus
alike: the history as CSV (history_csv), the one-page PDF report (report, its text in report_text),
the printable card (card, also printed), the follow-along video (video) and the figure's poses as
JSON (poses). Each module is imported when its export is asked for, so start-up never pays for it;
this file imports none of them."""
