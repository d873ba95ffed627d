"""What a sentence must mention to state a category the model learnt from ToS;DR quotes.

Those categories are learnt from a few dozen to a few hundred curators' quotes each, and a linear model
trained on so little also fires on short, vague sentences that share a few of its words with the quotes
("You can change this at any time." read as account deletion, because curators quote "you can leave the
service at any time"). A clause states its subject: an account or data to delete, a cookie or tracker, a
licence, an age, a court order. A model finding is kept only when its sentence names its category's subject;
the word lists below are the subjects of the taxonomy's own definitions (`data/taxonomy.json`), not tuned on
any measurement, and the nested evaluation (`evaluate.py`) applies them as analysis does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

SUBJECTS: dict[str, str] = {
    "class-action-waiver": r"class|collective|representative|consolidated|individual (?:basis|capacity)",
    "data-sharing": r"shar|disclos|third[- ]part|partner|affiliate|vendor|provider|transfer|sell|sold|sale|"
                    r"acqui|merger|successor|advertiser|recipient",
    "targeted-advertising": r"\bads?\b|advert|marketing|sponsor|promot",
    "tracking": r"cookie|track|pixel|beacon|identifier|analytic|fingerprint|\bsdks?\b|local storage|web storage|"
                r"do not track|\bdnt\b|tag|log (?:data|file|information)|ip address|device (?:data|information)",
    "data-retention": r"retain|retention|keep|kept|store|stored|storage|delet|period|as long as|archiv|backup|"
                      r"erase|remov|anonymi[sz]",
    "content-license": r"licen[cs]|right to use|permission|royalty|sublicens|moral rights|worldwide|reproduce",
    "feedback-license": r"feedback|suggestion|idea|comment|recommendation|proposal",
    "auto-renewal": r"renew|recurr|subscription|billing (?:period|cycle)|until (?:you )?cancel|charge",
    "indemnification": r"indemnif|hold (?:\w+ ){0,6}harmless|defend",
    "law-enforcement-access": r"law enforcement|government|authorit|police|court|legal (?:process|request|"
                              r"obligation|requirement)|subpoena|warrant|comply with (?:\w+ ){0,3}(?:law|legal)|"
                              r"regulator|public (?:authorit|bod)|national security|required by law",
    "international-transfer": r"transfer|countr|border|outside|abroad|international|united states|\bu\.?s\.?\b|"
                              r"europe|\beea\b|adequa|standard contractual|privacy shield|jurisdiction|stored in|"
                              r"processed in|located",
    "sensitive-data": r"location|gps|geolocat|biometric|health|medical|fingerprint|face|facial|genetic|racial|"
                      r"ethnic|religio|political|sexual|union|precise|sensitive|voice",
    "age-limit": r"\bage\b|aged?\b|years old|years of age|\b1[2-9]\b|\b2[01]\b|child|minor|teen|parent|guardian|"
                 r"underage|adult|majority|thirteen|sixteen|eighteen|coppa",
    "account-deletion": r"delet|eras|remov|close|closing|cancel|deactivat|terminat|leave|stop using|forgotten|"
                        r"account",
    "data-access": r"access|copy|download|export|portab|obtain|receive|request|archive|view",
    "opt-out-available": r"opt|unsubscrib|withdraw|object|disable|turn off|switch off|settings?|preferences?|"
                         r"choose|choice|control|decline|refuse|manage|adjust|block|browser",
    "content-ownership": r"own|ownership|title|intellectual property|rights? (?:in|to)|retain|belong|yours",
    "change-notice": r"notif|notice|inform|announce|email|e-mail|advance|days|prior|post|alert|let you know|tell you",
    "refund": r"refund|reimburs|money back|non-refundable|credit|return|cancel|charge",
    "data-sale": r"sell|sold|sale|rent|cross[- ]context",
}
_COMPILED = {category: re.compile(pattern, re.IGNORECASE) for category, pattern in SUBJECTS.items()}


def names_subject(text: str, category: str) -> bool:
    """Whether a sentence names the subject of `category` (always true for a category without a list).

    >>> names_subject("You can change this at any time.", "account-deletion")
    False
    >>> names_subject("You can close your account at any time.", "account-deletion")
    True
    """
    compiled = _COMPILED.get(category)
    return compiled is None or compiled.search(text) is not None


def subject_mask(texts: Sequence[str], categories: Sequence[str]) -> np.ndarray:
    """(len(texts), len(categories)) booleans: sentence i names the subject of category k."""
    out = np.ones((len(texts), len(categories)), dtype=bool)
    for k, category in enumerate(categories):
        compiled = _COMPILED.get(category)
        if compiled is not None:
            out[:, k] = [compiled.search(text) is not None for text in texts]
    return out
