"""Category families: categories that answer the same question about a clause, so that one sentence gets at
most one card per family (a person reading "disputes go to arbitration" and "disputes must be brought in a
court they choose" on one sentence cannot tell which is true).

Within a family the categories are listed by precedence: the more specific statement first ("you are told
before terms change" says more than "terms can change"; handing data to the police more than sharing it).
Which card a sentence keeps is decided by rule (`generic.resolve`): a curated record first, then precedence.
"""

from __future__ import annotations

from types import MappingProxyType

FAMILIES = MappingProxyType({
    "disputes": ("arbitration", "jurisdiction", "choice-of-law"),
    "class-actions": ("class-action-waiver",),
    "changes": ("change-notice", "unilateral-change"),
    "account": ("account-deletion", "unilateral-termination"),
    "content-rights": ("content-license", "feedback-license"),
    "ownership": ("content-ownership",),
    "removal": ("content-removal",),
    "liability": ("limitation-of-liability",),
    "indemnity": ("indemnification",),
    "acceptance": ("contract-by-using",),
    "recipients": ("law-enforcement-access", "data-sale", "data-sharing"),
    "advertising": ("targeted-advertising", "tracking"),
    "ai": ("ai-training",),
    "transfers": ("international-transfer",),
    "retention": ("data-retention",),
    "sensitive": ("sensitive-data",),
    "age": ("age-limit",),
    "access": ("data-access",),
    "controls": ("opt-out-available",),
    "payments": ("auto-renewal", "refund"),
})

FAMILY_OF = MappingProxyType({category: family for family, members in FAMILIES.items() for category in members})
PRECEDENCE = MappingProxyType({category: members.index(category) for members in FAMILIES.values() for category in members})


def family(category: str) -> str:
    """The family of a category id (a category outside the table is a family of its own)."""
    return FAMILY_OF.get(category, category)
