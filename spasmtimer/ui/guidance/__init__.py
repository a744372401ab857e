"""Guidance: safety screen, “This hurts”, ice and heat, reminders, tray, Learn."""
