# generated from openapi/openapi.json sha256=8bf600585601f86fb17abb2904ee29a5f0d904baabfe216d27c4014483b4ecaa — do not edit
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
