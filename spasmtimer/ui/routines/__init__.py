"""Choosing a routine: the picker, the overview, importing files."""
