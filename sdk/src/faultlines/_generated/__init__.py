# generated from openapi/openapi.json sha256=a97a687392042fa296966f7e629787d4b5594a483b6320c84d427c7ff6360c4c — do not edit
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
