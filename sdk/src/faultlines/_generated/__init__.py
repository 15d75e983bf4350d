# generated from openapi/openapi.json sha256=a51d4d6fedbab76e63c1376e1caf52778fdac37eb73f83461ee234911739512c — do not edit
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
