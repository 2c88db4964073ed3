"""Check my setup: can the coach speak on this machine, and can the history be saved?

``checks`` runs the checks (speech library, voices, audio output, a test phrase rendered and
played, the data folder) and prints them; ``child`` starts that as a child process and reads its
JSON Lines, for the Help ▸ Check my setup dialog (trainer/ui/selfcheck_dialog.py). Run it with
``python -m trainer.selfcheck`` or ``thoracic-trainer --self-check``. No Qt widgets here.
"""
