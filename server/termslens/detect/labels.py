"""The model's output columns: the taxonomy categories that carry a CLAUDETTE label code, in taxonomy order.

The taxonomy (`data/taxonomy.json`, field `claudette`) is the one place that says which label code is which
category; the training data's labels, the model's columns and the detector's answers all follow it.
"""

from __future__ import annotations

from termslens.taxonomy import categories

CATEGORIES: tuple[str, ...] = tuple(info.id for info in categories().values() if info.claudette)
CODES: tuple[str, ...] = tuple(info.claudette for info in categories().values() if info.claudette)
