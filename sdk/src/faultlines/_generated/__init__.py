# generated from openapi/openapi.json sha256=5ee1eb28f34e361d7da239faef14ede113029ad290b8525f64f74cc579d6e9c1 — do not edit
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
