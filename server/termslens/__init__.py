"""TermsLens: finds and explains the clauses that matter in terms and privacy pages.

Importing this package must stay cheap: it imports neither Flask nor the store.
"""

__version__ = "0.1.0"
