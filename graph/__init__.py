"""graph: the model (model.py) and the stores (store.py interface, embedded.py)."""
