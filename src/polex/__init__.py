"""polex: political event data from news text, coded in PLOVER."""

__version__ = "0.1.0"
