"""The Qt side: widgets and adapters that show the core's state. No timing logic lives here."""
