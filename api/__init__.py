"""Fault Lines server package: the HTTP API and the dataset curation toolchain."""

__version__ = "0.1.0"
