"""The routine editor's model: a file open for editing, its draft and saving it.

Owns the draft as the form shows it (``draft``, ``values``), its check against
the loader (``check``, ``field_problems``), edits on the round-trip YAML tree
(``tree``, ``yaml_roundtrip``), the document that ties them together
(``document``), and routine files on disk: safe saving, copies, recovery
drafts and deletion (``files``, ``deletion``). Built on
:mod:`spasmtimer.core.routines`.
"""
