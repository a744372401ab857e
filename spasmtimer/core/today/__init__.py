"""Today: the day's plan, what is already done today, and the reminders.

Owns the plan of the day in time order (``plan``: its values; ``planner``:
the rules that place its items), what it reads from and writes to the
history's database (``day_records``), the reminder rules on an injected
clock (``reminders``) and the next ice or heat application, planned when one
ends (``applications``). Built on :mod:`spasmtimer.core.guidance`
and :mod:`spasmtimer.core.routines`.
"""
