"""``python -m spasmtimer``: the same as the ``spasmtimer`` command."""

import gc
import sys

# No cyclic garbage collection while the modules load (~7 passes, ~1 ms, on
# the way to the app's first paint): the app switches it back on once Today
# is on screen, every other command as it starts (spasmtimer.cli.main).
gc.disable()

from spasmtimer.cli import main  # noqa: E402

sys.exit(main())
