# generated from openapi/openapi.json sha256=c7aa1166b0cd05ecca239501669ffcdcc9cf486e21da3269715841ce61243005 — do not edit
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
