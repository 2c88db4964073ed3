import sys

from trainer.selfcheck.checks import _cli

sys.exit(_cli())
