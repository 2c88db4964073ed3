"""Entry point of the frozen app (PyInstaller runs this file; it is `thoracic-trainer` in the bundle)."""

import sys

from trainer.cli import main

if __name__ == "__main__":
    sys.exit(main())
