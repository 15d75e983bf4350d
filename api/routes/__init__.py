"""routes package of the HTTP service."""
