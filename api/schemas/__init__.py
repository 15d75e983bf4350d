"""schemas package of the HTTP service."""
