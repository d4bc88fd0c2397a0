"""Enamel: a dental practice's data in Open Dental's dialect, with one safe door for every
integration."""

__version__ = "0.1.0"
