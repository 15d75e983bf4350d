# generated from openapi/openapi.json sha256=a9a9241c6d5ce9e49e05bd752fe0ebda870fc3add2cc1e5ecf5e40e079104f0c — do not edit
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
