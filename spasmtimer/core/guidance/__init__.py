"""What the source articles advise, as data and pure rules.

Owns the articles themselves (``sources``), the red flags (``safety``), the
stages of a recovery (``recovery``), when to apply ice or heat
(``ice_heat``), longer or shorter holds as the back changes (``progression``)
and the Learn page (``learn``). Built on :mod:`spasmtimer.core.routines` only.
"""
