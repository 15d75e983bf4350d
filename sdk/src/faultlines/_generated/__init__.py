# generated from openapi/openapi.json sha256=53cff73a96525cc3537310b8daac7d53acfeb267d3399976c58077cb8ef993e8 — do not edit
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
