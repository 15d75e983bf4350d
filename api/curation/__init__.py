"""Curation toolchain: load the source-of-truth records, validate them, build releases."""
