# generated from openapi/openapi.json sha256=2b9f464a54f6f3bd538c2b6b9f3adcf1780ec7b8e31bd9e51e76eaff1f7a13a0 — do not edit
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
