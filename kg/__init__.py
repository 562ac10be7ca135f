"""kg: event knowledge graphs from news articles.

Data flows one way: ingest → extract → rdf → store → query / export / analyze / view / serve.
"""

__version__ = "0.1.0"
