"""Key-phrase detectors for clause types the labelled data lacks: precision first.

There is no labelled data for these categories (nor for arbitration opt-outs, which CLAUDETTE leaves
unlabelled), so nothing here is learnt or measured by cross-validation.
Each rule is a set of phrasings that, in a terms or privacy document, say the clause outright ("you waive
any right to participate in a class action", "your subscription will automatically renew"); a sentence
matches when one of its category's patterns occurs and none of the category's exclusions (negations such as
"we do not sell your personal information", which is good news rather than the clause) does. A missed clause
costs less than a false one. They were checked by reading every hit on the shared corpus (54 real terms and
privacy documents; `benchmarks/bench_accuracy.py --rules` prints them).
"""

from __future__ import annotations

import re
from typing import NamedTuple, Sequence

# Score (0-100) of a rule hit: phrasings this explicit leave little doubt, but they are not a trained model.
RULE_SCORE = 90.0

_NEGATION = r"\b(?:not|never|no longer|neither|nor)\b|n[’']t\b"


class Rule(NamedTuple):
    """A category's phrasings (any may match) and exclusions (none may match), both case-insensitive, with the
    trigger substrings (lower case) at least one of which any match contains."""

    category: str
    patterns: tuple[str, ...]
    exclusions: tuple[str, ...]
    triggers: tuple[str, ...]


RULES: tuple[Rule, ...] = (
    # How to opt out of arbitration is the actionable part of an arbitration clause, but CLAUDETTE labels only
    # the clause itself, so the model rarely flags it: say it outright here.
    Rule(
        "arbitration",
        (r"\bopt(?:ing)?[- ]?outs?\b(?:.{0,160})\barbitra|\barbitra\w*(?:.{0,160})\bopt(?:ing)?[- ]?outs?\b",),
        (r"\b(?:cannot|can ?not|may not) opt[- ]?out\b",),
        ("opt",),
    ),
    Rule(
        "class-action-waiver",
        (
            r"\b(?:waive|waiving|waiver of|give up|giving up|forgo|relinquish)\w* (?:\w+ ){0,10}(?:class|collective|"
            r"representative|consolidated) (?:\w+ ){0,2}(?:actions?|arbitrations?|proceedings?|claims?|lawsuits?|"
        r"suits?|basis)",
            r"\bclass[- ]action waiver|\bclass (?:action )?and (?:jury|representative) (?:\w+ ){0,2}waiver",
            r"\b(?:only|solely|exclusively) (?:on|in) (?:an|your) individual (?:basis|"
        r"capacity),? (?:and )?not (?:as )?(?:a )?(?:plaintiff|class|member|representative|collective)",
            r"\bnot (?:\w+ ){0,3}(?:bring|participate|join|pursue|maintain|be a (?:member|"
        r"party)) (?:\w+ ){0,6}(?:class|collective|"
            r"representative) (?:\w+ ){0,3}(?:actions?|arbitrations?|proceedings?|lawsuits?)",
            r"\bno class (?:actions?|arbitrations?)\b",
        ),
        (),
        ("class", "collective", "representative"),
    ),
    Rule(
        "ai-training",
        (
            r"\b(?:use|using|process\w*|analy[sz]\w*)\b (?:\w+ ){0,10}(?:content|data|information|inputs?|outputs?|"
        r"conversations?|prompts?|materials?|chats?|posts?|interactions?|feedback)\b (?:\w+ ){0,12}(?:to|for|"
        r"in) (?:\w+ ){0,3}(?:train|training|"
            r"fine-tun\w*|develop\w*|improv\w*) (?:\w+ ){0,6}(?:artificial intelligence|\bAI\b|machine[- ]learning|"
        r"\bML\b|(?:language|foundation|generative|AI|ML) models?)",
            r"\b(?:train|training|fine-tun\w*) (?:\w+ ){0,3}(?:our|its|their|"
        r"the) (?:\w+ ){0,2}(?:artificial intelligence|AI|"
            r"machine[- ]learning|ML|language|foundation|generative)? ?models?\b",
            r"\b(?:train|training)\b (?:\w+ ){0,4}(?:artificial intelligence|\bAI\b|machine[- ]learning|"
        r"generative AI|large language)",
            r"\b(?:artificial intelligence|\bAI\b|machine[- ]learning|models?) (?:\w+ ){0,3}(?:are |is |"
        r"be )?(?:trained|trains) "
            r"(?:\w+ ){0,4}(?:on|with|using) (?:\w+ ){0,4}(?:your|user|users'?|member|customer|personal|public)",
        ),
        (
            _NEGATION + r" (?:[\w,]+ ){0,8}(?:use|used|train)",
            # Prohibitions on the user ("you may not ... train a competing model"), not training on your data.
            r"\bcompet\w*|\bautomated means|\bscrap\w*|\breverse engineer|\byou (?:\w+ ){0,2}(?:may|must|shall|"
        r"will) not\b",
        ),
        ("train", "fine-tun"),
    ),
    Rule(
        "auto-renewal",
        (
            r"\b(?:automatic(?:ally)?|auto)[- ]?renew\w*|\brenew\w* automatically\b|\bautomatic renewal",
            r"\b(?:subscriptions?|memberships?|plans?)\b (?:\w+ ){0,8}(?:will|shall) (?:\w+ ){0,3}(?:continue|renew|"
        r"recur)\w* (?:\w+ ){0,8}until (?:you |it is |they are )?(?:cancel|terminat)",
            r"\b(?:charge|bill)\w* (?:\w+ ){0,12}(?:recurring|each|every) (?:\w+ ){0,3}(?:month|year|week|"
        r"billing (?:period|cycle))\w* (?:\w+ ){0,10}until (?:you )?cancel",
        ),
        (
            r"\b(?:not|never)\b (?:\w+ ){0,2}(?:automatically )?renew", r"\bwon[’']t (?:\w+ ){0,2}renew",
            # Privacy policies list renewal dates among the payment data they receive; that is not the clause.
            r"\bset to (?:expire|renew|auto)",
        ),
        ("renew", "until"),
    ),
    Rule(
        "indemnification",
        (
            r"\byou\b (?:\w+ ){0,6}(?:agree|will|shall|must|undertake|"
        r"are required)\w* (?:\w+ ){0,3}(?:to )?(?:\w+ ){0,2}"
            r"(?:indemnif\w*|defend,? (?:\w+ ){0,3}hold (?:\w+ ){0,6}harmless|hold (?:\w+ ){0,8}harmless)",
            r"\byou (?:\w+ ){0,2}(?:indemnify|indemnifies)\b",
            r"\byour (?:obligation|duty|agreement) to (?:indemnify|defend)",
        ),
        (),
        ("indemn", "harmless"),
    ),
    Rule(
        "targeted-advertising",
        (
            r"\b(?:use|using|process\w*|shar\w*|show\w*|serv\w*|deliver\w*|display\w*|provid\w*|personali[sz]\w*|"
        r"select\w*|"
            r"target\w*|tailor\w*|customi[sz]\w*)\b (?:\w+ ){0,12}(?:personali[sz]ed|targeted|interest[- ]based|"
        r"behaviou?ral|tailored|cross[- ]context|customi[sz]ed) (?:\w+ ){0,2}(?:ads|adverts|advertis\w+|marketing)",
            r"\b(?:ads|adverts|advertis\w+)\b (?:\w+ ){0,8}(?:based on|tailored to|relevant to|personali[sz]ed (?:to|"
        r"for)) (?:\w+ ){0,4}"
            r"(?:your|you)\b (?:\w+ ){0,2}(?:interests?|activit\w+|information|data|profile|behaviou?r|browsing|"
        r"preferences)",
            r"\b(?:show|serve|deliver|display|personali[sz]e|select|choose) (?:\w+ ){0,3}(?:ads|adverts|"
        r"advertis\w+) (?:\w+ ){0,6}"
            r"(?:your|you|users?'?|people's|their) (?:\w+ ){0,2}(?:interests?|activit\w+|profiles?)",
        ),
        (_NEGATION + r" (?:\w+ ){0,8}(?:use|shar|show|serv|target|personali|sell)",),
        ("ads", "adverts", "advertis", "marketing"),
    ),
    Rule(
        "data-sale",
        (
            r"\b(?:we|us|company|it)\b (?:\w+ ){0,3}(?:may |might |can |will |do |does |have |"
        r"has )?(?:\w+ ){0,2}(?:sell|sells|sold|"
            r"rent|rents|rented)\b (?:\w+ ){0,6}(?:personal (?:data|information)|your (?:\w+ )?(?:data|information)|"
        r"information about you)",
            r"\b(?:sell|sells|sold|selling|sale of|rent|rents|renting)\b (?:\w+ ){0,3}(?:or|and|and/or) (?:shar\w+|"
        r"disclos\w+) "
            r"(?:\w+ ){0,6}(?:personal (?:data|information)|your (?:\w+ )?(?:data|information)) (?:\w+ ){0,6}(?:for|"
        r"with) (?:\w+ ){0,4}(?:cross[- ]context|targeted|behaviou?ral|advertis)",
            r"\b(?:shar\w+|disclos\w+)\b (?:\w+ ){0,8}(?:personal (?:data|information)|your (?:\w+ )?(?:data|"
        r"information)) (?:\w+ ){0,6}for (?:the purposes? of )?cross[- ]context (?:behaviou?ral )?advertising",
        ),
        (_NEGATION + r" (?:\w+ ){0,8}(?:sell|sold|rent|shar)", r"\b(?:if|whether) we (?:\w+ ){0,4}sell\b",
        r"\b(?:merger|acquisition|"
         r"bankruptcy|reorgani[sz]ation|sale of (?:all|some|part|substantially|our|the) (?:\w+ ){0,3}(?:assets|"
        r"business|company|stock|shares))"),
        ("sell", "sold", "sale of", "rent", "cross-context", "cross context"),
    ),
    Rule(
        "account-deletion",
        (
            r"\byou\b (?:\w+ ){0,3}(?:can|may|are able to|have the right to|are entitled to|"
        r"could) (?:\w+ ){0,3}(?:delete|close|"
            r"deactivate|erase|permanently delete)\b (?:\w+ ){0,2}(?:your|the) (?:\w+ )?(?:accounts?|profiles?)",
            r"\b(?:to|can|may|right to) (?:request |ask (?:us )?to |have us )?(?:delete|erase|"
        r"close)\b (?:\w+ ){0,3}your (?:\w+ )?(?:accounts?|profiles?|personal (?:data|information))",
            r"\b(?:request|ask for|obtain) (?:the |that we (?:\w+ )?)?(?:deletion|erasure|delete|"
        r"erase) (?:\w+ ){0,4}(?:your|of your) (?:\w+ )?(?:accounts?|personal (?:data|information)|data|information)",
            r"\bright to (?:deletion|erasure|be forgotten)\b",
        ),
        (
            # The company closing accounts is unilateral termination, and "you must delete" is a duty, not a right.
            r"\b(?:we|us)\b (?:\w+ ){0,3}(?:may|can|will|reserve\w*|(?:are|is) (?:\w+ )?entitled|decide\w*|(?:have|"
        r"has) the right) (?:\w+ ){0,4}(?:delete|close|terminate|suspend)",
            r"\byou must\b",
            # Caveats about deletion ("even after you request deletion, we may preserve ...") are not the right.
            r"\beven after\b|\bmay not delete\b|\bplease note that if\b",
        ),
        ("delet", "erase", "erasure", "close", "deactivat", "remove", "forgotten"),
    ),
)

# Rules run on lower-cased text (faster than re.IGNORECASE with Python's re); no rule needs case.
_COMPILED = tuple(
    (
        rule.triggers,
        rule,
        tuple(re.compile(p.lower()) for p in rule.patterns),
        tuple(re.compile(p.lower()) for p in rule.exclusions),
    )
    for rule in RULES
)
RULE_CATEGORIES: tuple[str, ...] = tuple(rule.category for rule in RULES)


def rule_matches(texts: Sequence[str]) -> list[list[str]]:
    """The rule categories each sentence says outright, per sentence (model-ready texts), in RULES order."""
    out: list[list[str]] = [[] for _ in texts]
    for row, text in enumerate(texts):
        low = text.lower()
        for triggers, rule, patterns, exclusions in _COMPILED:
            if not any(trigger in low for trigger in triggers):
                continue
            if any(p.search(low) for p in patterns) and not any(e.search(low) for e in exclusions):
                out[row].append(rule.category)
    return out
