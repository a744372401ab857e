"""The ``spasmtimer`` command's exit codes, defined once."""

EXIT_OK = 0  # all went well (``start --exit-when-done``: the routine was completed)
EXIT_PROBLEM = 1  # a problem with the user's input, or a session not completed
EXIT_CANNOT_RUN = 2  # cannot run here (no display)
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report it
