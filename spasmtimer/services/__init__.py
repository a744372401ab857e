"""What the screens share, below the widgets and above sound and printing.

- :mod:`.settings`: the one settings store, a table of typed keys with a
  ``changed`` signal;
- :mod:`.session`: :class:`~.session.SessionController`, the running session
  with its driver (:mod:`.session_driver`), recorder and player;
- :mod:`.history`: the history store, opened on first use;
- :mod:`.deferred`: calling a slot a little later, for as long as its owner lives.

No widgets here (``spasmtimer.ui`` imports this package, never the other way).
"""
