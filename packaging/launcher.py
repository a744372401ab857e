"""The frozen app's entry point: exactly ``python -m spasmtimer``."""

import runpy

runpy.run_module("spasmtimer", run_name="__main__", alter_sys=True)
