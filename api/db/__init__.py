"""db package of the HTTP service."""
