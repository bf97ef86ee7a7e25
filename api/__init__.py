"""api: the FastAPI service over a store (issue 4)."""
