"""TermsLens: finds and explains the clauses that matter in terms and privacy pages.

Importing this package must stay cheap: it imports neither Flask nor the store.
"""

__version__ = "0.3.0"  # the interface version the README's "added in 0.x" notes refer to
