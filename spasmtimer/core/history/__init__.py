"""The history of sessions: the SQLite store and what is read back from it.

Owns the store (``store``; opening it safely in ``opening``, its tables in
``schema``, its reading queries in ``queries``, the records they build in
``records``, its time stamps in ``stamps``), writing a running session into
it (``recorder``), the CSV export, hold level changes with their reasons
(``level_changes``) and adherence day by day. Built on
:mod:`spasmtimer.core.session` (its events), :mod:`spasmtimer.core.guidance`
and :mod:`spasmtimer.core.routines`.
"""
