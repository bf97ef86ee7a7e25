"""queries: the named queries data staff and the API use (issue 4)."""
