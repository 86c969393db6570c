"""kmjudge: the Qt-free core of the on-site judging system."""

__version__ = "0.1.0"
