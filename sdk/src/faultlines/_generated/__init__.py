# generated from openapi/openapi.json sha256=ddaa6283b2efb892c82e9521312d726cbb888667fbead656df08fc1abd37d65f — do not edit
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
