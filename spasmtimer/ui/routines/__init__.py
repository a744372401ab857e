"""Screens about routines: the picker, the overview, importing files, the routine editor."""
