# generated from openapi/openapi.json sha256=9bc9e41dbb07fe58f199b6c53fed6c1c14169805ed051177fce9e6d1790d39fe — do not edit
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
