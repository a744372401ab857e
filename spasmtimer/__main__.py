"""``python -m spasmtimer``: the same as the ``spasmtimer`` command."""

import sys

from spasmtimer.cli import main

sys.exit(main())
