# generated from openapi/openapi.json sha256=e9a50c05fdd503119ec43a22bfc50b54d413a1a537f40258a3147b92859b6cd6 — do not edit
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
