# generated from openapi/openapi.json sha256=83ea574f7bd4a553efc66f0fd1e7c68b4b1e7bca707546f213871b50f5f2cb4d — do not edit
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
