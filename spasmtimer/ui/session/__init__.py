"""The session: its screen, ring, badge, overlay, and the pain questions around it."""
