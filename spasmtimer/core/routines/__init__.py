"""Routines: the routine format, reading and checking files, the library, the plan.

Owns the frozen :class:`~spasmtimer.core.routines.routine.Routine` and how one
is made from a file (``loader``, ``schema``, ``field_checks``, ``yamldoc``),
the numbers of the format (``rules``, ``durations``), the problems reported to
an author, the library of bundled and user routines with its cache, and the
plan a routine expands to (``plan``, ``plan_text``). The bottom layer of
``core``: it imports nothing from the other sub-packages.
"""
