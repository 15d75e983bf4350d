"""The explorer: server-rendered pages over the same read path as the API."""
