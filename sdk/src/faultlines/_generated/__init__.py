# generated from openapi/openapi.json sha256=06bfd594c67bb4f206153c26965fe451c5b399b24112c9331932044bea652529 — do not edit
"""Models generated from the OpenAPI contract. Never edit by hand: run ``make sdk``."""
