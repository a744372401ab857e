"""Printing: A4 PDF documents, the patient handout and the clinician report.

Plain QPainter on a QPdfWriter. Nothing here imports :mod:`spasmtimer.ui`:
the callers pass the colours (:class:`~spasmtimer.printing.a4.Ink`) and, for
the report, the function that draws the pain chart. The red-flag words come
from :mod:`spasmtimer.core.guidance.safety`. A QGuiApplication must exist first (the
app has one; the ``handout`` command makes one).
"""
