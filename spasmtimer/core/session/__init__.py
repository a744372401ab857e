"""A session running: the deadline-driven walk through a plan and what it says.

Owns the :class:`~spasmtimer.core.session.machine.Session` state machine, the
timeline it walks and where its controls go (``schedule``), the events it
emits (``events``), which cue falls due when (``cues``) and the
user's sound choices that shape them (``sound_settings``). Built on
:mod:`spasmtimer.core.routines` (the plan) and :mod:`spasmtimer.core.clock`.
"""
