"""Screens about routines: the routine editor (and, after the restructuring, the picker)."""
