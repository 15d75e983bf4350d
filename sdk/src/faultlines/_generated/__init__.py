# generated from openapi/openapi.json sha256=dfaff66a64ac49a97792c776afd8241d8fbdc0022288cec023fdedbdad53a3e8 — do not edit
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
