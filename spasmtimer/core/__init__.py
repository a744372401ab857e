"""Everything that decides what happens when; plain Python, never Qt."""
