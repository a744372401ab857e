"""SpasmTimer: a hands-free coach for lower-back stretch routines."""

__version__ = "0.1.0"
