"""The Today screen: what to do today, from :mod:`spasmtimer.core.today.plan`."""
