"""yilian: a knowledge graph of Chinese hospital alliances."""
__version__ = "0.1.0"
