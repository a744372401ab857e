"""Today: the day's plan, what is already done today, and the reminders.

Owns the plan of the day in time order (``plan``), what it reads from and
writes to the history's database (``day_records``) and the reminder rules on
an injected clock (``reminders``). Built on :mod:`spasmtimer.core.guidance`
and :mod:`spasmtimer.core.routines`.
"""
