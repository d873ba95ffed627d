"""Key-phrase detectors for clause types the labelled data lacks: precision first.

There is no labelled data for these categories (nor for arbitration opt-outs, which CLAUDETTE leaves
unlabelled), so nothing here is learnt or measured by cross-validation.
Each rule is a set of phrasings that, in a terms or privacy document, say the clause outright ("you waive
any right to participate in a class action", "your subscription will automatically renew"); a sentence
matches when one of its category's patterns occurs and none of the category's exclusions (negations such as
"we do not sell your personal information", which is good news rather than the clause) does, and, for loose
phrasings, some context the clause needs occurs too; sentences that name clauses only in passing (lists of
section titles, change-log notes) match no rule. A missed clause costs less than a false one. They were checked
by reading every hit on the shared corpus (54 real terms and privacy documents; `benchmarks/bench_accuracy.py
--rules` prints them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from termslens.detect.triggers import TriggerIndex

# Score (0-100) of a rule hit: phrasings this explicit leave little doubt, but they are not a trained model.
RULE_SCORE = 90.0

_NEGATION = r"\b(?:not|never|no longer|neither|nor)\b|n[’']t\b"

# Sentences that only name clauses in passing, whatever the category: no rule matches them. Unlike the rules, these
# run on the sentence as written (section titles are told by their capitals).
_ASIDES = (
    # A run of numbered section titles ("12.3 Changes to Pricing; 14 Term, Termination and Suspension; 27 Dispute
    # Resolution, Arbitration Agreement, and Class Action Waiver; ...") is a cross-reference, not the clause.
    r"(?:\b\d+(?:\.\d+)* [A-Z][^;]{0,80}; ){2,}",
    # Change-log notes describe the document ("We added more details on how we train the models ...").
    r"(?i:\bwe(?:[’']ve| have)? (?:added|updated|clarified|revised|expanded)\b (?:\w+ ){0,2}(?:details|"
    r"information|language|descriptions?|explanations?)\b)",
)
# What a privacy policy says about advertising or sales but does not do: the law's definitions ("... 'sharing' also
# relates to providing personal data to third parties for personalised advertising purposes") and third parties'
# own practices ("... may deliver interest-based advertising subject to their own privacy policies"). "As defined
# under" alone is no sign: disclosures say "we may share your personal data, as defined under California law, for
# personalised advertising purposes".
_NOT_THE_SERVICE = (
    r"\b(?:sale|sell|selling|sold|share|sharing|shared|targeted advertising|cross[- ]context behaviou?ral "
    r"advertising)[”\"]?,? (?:also |generally |broadly )?(?:means|refers to|relates to|is defined|includes)\b",
    r"\b(?:subject to|governed by|under) (?:their|its) own\b",
)


class Rule(NamedTuple):
    """A category's phrasings (any may match) and exclusions (none may match), both case-insensitive, with the
    trigger substrings (lower case) at least one of which any match contains, and the context (any may match,
    anywhere in the sentence) a match also needs, when the phrasings alone are too loose."""

    category: str
    patterns: tuple[str, ...]
    exclusions: tuple[str, ...]
    triggers: tuple[str, ...]
    requires: tuple[str, ...] = ()


RULES: tuple[Rule, ...] = (
    # How to opt out of arbitration is the actionable part of an arbitration clause, but CLAUDETTE labels only
    # the clause itself, so the model rarely flags it: say it outright here.
    Rule(
        "arbitration",
        (r"\bopt(?:ing)?[- ]?outs?\b(?:.{0,160})\barbitra|\barbitra\w*(?:.{0,160})\bopt(?:ing)?[- ]?outs?\b",),
        (
            r"\b(?:cannot|can ?not|may not) opt[- ]?out\b",
            # Mass-arbitration procedures let either side take a batch of claims to court ("Mass Arbitration Opt
            # Out"): procedure for mass filings, not the user's right to leave the arbitration agreement.
            r"\bmass (?:arbitration|filing)s?\b",
        ),
        ("opt",),
    ),
    Rule(
        "class-action-waiver",
        (
            r"\b(?:waive|waiving|waiver of|give up|giving up|forgo|relinquish)\w* (?:\w+ ){0,10}(?:class|collective|"
            r"representative|consolidated) (?:\w+ ){0,2}(?:actions?|arbitrations?|proceedings?|claims?|lawsuits?|"
        r"suits?|basis)",
            # The waiver named as a noun, but not inside a parenthetical aside ("any claims ... (including any
            # challenges to the class action waiver provision in subsection 15b) will be litigated in ..."), which
            # cross-refers to it from another clause.
            r"(?:\bclass[- ]action waiver|\bclass (?:action )?and (?:jury|representative) (?:\w+ ){0,2}waiver)"
            r"(?![^()]*\))",
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
            # International-transfer clauses list the purposes data travels for ("... transferred to our servers in
            # the US ... for example to provide you with the Service, or to train our models"): the transfer is
            # the clause there, and the training use is stated where the policy lists its purposes.
            r"\btransferr\w* (?:\w+ ){0,3}(?:to|outside|across) (?:\w+ ){0,4}(?:countr\w*|servers?|jurisdictions?|"
        r"borders?)\b",
        ),
        # Every phrasing holds one of these (the first also accepts "use ... data ... to develop / improve ... AI
        # models"); tests/test_detect_invariants.py runs each pattern without them to keep it so.
        ("train", "fine-tun", "develop", "improv"),
        # "Train our models" alone also describes how training works ("Training our models involves a number of
        # separate stages", "We use techniques such as Constitutional AI to train our models"); the clause says
        # that data is what trains them, or is a purpose ("To improve the Services ..., including training our
        # models") or legal basis ("our legitimate interests to train ...") of processing personal data.
        (
            r"\b(?:data|information|content|inputs?|outputs?|conversations?|prompts?|chats?|posts?|images?|"
        r"materials|interactions?|activit(?:y|ies))\b(?!-)",  # not "post-training"
            r"^to\b",
            r"\blegitimate interests?\b",
        ),
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
        (
            _NEGATION + r" (?:\w+ ){0,8}(?:use|shar|show|serv|target|personali|sell)",
            *_NOT_THE_SERVICE,
            # Whether the service may target ads at all ("certain laws ... determine whether we can show
            # personalized ads") is a condition, not the statement that it does.
            r"\bwhether (?:we|they|it) (?:\w+ )?(?:can|may|could|are allowed to)\b",
        ),
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
        (
            _NEGATION + r" (?:\w+ ){0,8}(?:sell|sold|rent|shar)",
            r"\b(?:if|whether) we (?:\w+ ){0,4}sell\b",
            # Selling the business with its data (a merger, a sale of assets) is not selling your data.
            r"\b(?:merger|acquisition|bankruptcy|reorgani[sz]ation|sale of (?:all|some|part|substantially|our|the) "
            r"(?:\w+ ){0,3}(?:assets|business|company|stock|shares))",
            *_NOT_THE_SERVICE,
            # The right to opt out of sales is listed by policies that sell nothing ("you may have: the right to opt
            # out of any sales or sharing of your personal information"): a right, not the practice.
            r"\bopt(?:ing)?[- ]?out of (?:\w+ ){0,3}(?:sales?|selling)\b",
        ),
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
            # So is a sentence whose request is only the condition and whose main clause is what is kept or how long
            # deletion takes ("When you ask us to delete your Personal Data, we retain the audit record ...", "If
            # you request that we delete your account ..., it may take up to 90 days ...").
            r"\b(?:when|if|after|once) you (?:\w+ ){0,2}(?:request|ask)\b[^,;]*, (?:\w+ ){0,3}(?:we (?:\w+ ){0,2}"
        r"(?:retain|keep|preserve|store)\b|it (?:\w+ ){0,2}(?:may|can|will|could) take\b|(?:\w+ ){0,2}will (?:\w+ ){0,2}"
        r"begin\b)",
        ),
        ("delet", "erase", "erasure", "close", "deactivat", "remove", "forgotten"),
    ),
)

RULES += (
    # A minimum age said outright ("You must be at least 13 years old", "If you are under 16, you need your parent's
    # consent", "we monitor for underage use"). The model learns age limits from ToS;DR quotes too; this rule
    # makes the explicit phrasings certain, so that a sentence enforcing an age limit reads as one rather than as
    # termination (generic.resolve: the age limit wins on its sentence).
    Rule(
        "age-limit",
        (
            r"\b(?:at least|over|under|below|younger than|older than) (?:the age of )?(?:1[2-9]|2[01]|thirteen|"
            r"fourteen|fifteen|sixteen|eighteen)\b(?!,\d| ?(?:%|per ?cent|days?|weeks?|months?|hours?|minutes?|"
            r"million|billion|thousand|countries|languages|times|users|people|members|percent))",
            r"\b(?:1[2-9]|2[01]|thirteen|sixteen|eighteen) (?:years (?:of age )?)?(?:or|and) (?:older|over|above)\b",
            r"\bminimum (?:legal )?age\b|\bage (?:limit|requirement)s?\b",
            r"\bunderage\b",
        ),
        (
            # Age as a category of data ("your age range", "information such as your age") is not an age limit,
            # and a product for children under 13 ("the Under 13 Experience") is not one either.
            r"\b(?:such as|like|including|e\.g\.) (?:\w+ ){0,6}age\b|\bage (?:range|group|bracket)s?\b",
            r"\bunder 13 experience\b",
        ),
        # Every phrasing holds an age (12-21, in digits or words), "minimum", "age limit", "age requirement" or
        # "underage" ("age" alone is in "page", "usage", "message" ...: most sentences).
        (*(str(n) for n in range(12, 22)), "thirteen", "fourteen", "fifteen", "sixteen", "eighteen", "minimum",
         "age limit", "age requirement", "underage"),
        # The age restricts: someone must be it, may not use the service below it, or needs a parent's consent.
        (r"\b(?:must|need|needs|required?|may not|cannot|can ?not|can[’']t|only|eligible|not (?:\w+ )?(?:allowed|"
         r"permitted|directed|intended|available|designed|eligible)|do(?:es)? not (?:knowingly|permit|allow)|"
         r"permission|consent|prohibit\w*|restrict\w*|confirm|represent|affirm|underage|minimum)\b",),
    ),
)

# Rules run on lower-cased text (faster than re.IGNORECASE with Python's re); no rule needs case.
_COMPILED = tuple(
    (
        rule.triggers,
        rule,
        tuple(re.compile(p.lower()) for p in rule.patterns),
        tuple(re.compile(p.lower()) for p in rule.exclusions),
        tuple(re.compile(p.lower()) for p in rule.requires),
    )
    for rule in RULES
)
_ASIDES_COMPILED = tuple(re.compile(p) for p in _ASIDES)
# What every match of each aside holds, in the lower-cased text: the "; " ending a section title, a change-log
# verb. In ASCII text only: elsewhere re.IGNORECASE also matches letters that lower-casing keeps apart ("ı", "ſ").
_ASIDE_NEEDS = (("; ",), ("added", "updated", "clarified", "revised", "expanded"))
RULE_CATEGORIES: tuple[str, ...] = tuple(rule.category for rule in RULES)


RULE_TRIGGERS = frozenset(t for rule in RULES for t in rule.triggers)
_TRIGGER_INDEX = TriggerIndex(RULE_TRIGGERS)


def rule_matches(
    texts: Sequence[str], holders: Mapping[str, set[int]] | None = None, lowered: Sequence[str] | None = None
) -> list[list[str]]:
    """The rule categories each sentence says outright, per sentence (model-ready texts), in RULES order.

    `holders`: where each of RULE_TRIGGERS occurs in the lower-cased texts (`TriggerIndex.rows`), when the caller
    has looked them up with other triggers (`detect_clauses` shares one lookup with the key phrases).
    """
    out: list[list[str]] = [[] for _ in texts]
    lowered = [text.lower() for text in texts] if lowered is None else lowered
    if holders is None:
        holders = _TRIGGER_INDEX.rows(lowered)
    aside: dict[int, bool] = {}  # per sentence with a trigger: whether it only names clauses in passing (_ASIDES)
    for triggers, rule, patterns, exclusions, requires in _COMPILED:
        rows = set().union(*(holders[t] for t in triggers))
        for row in sorted(rows):
            if row not in aside:
                aside[row] = is_aside(texts[row], lowered[row])
            if aside[row]:
                continue
            low = lowered[row]
            if (
                any(p.search(low) for p in patterns)
                and not any(e.search(low) for e in exclusions)
                and (not requires or any(r.search(low) for r in requires))
            ):
                out[row].append(rule.category)
    return out


def is_aside(text: str, lowered: str) -> bool:
    """Whether a sentence (`lowered`: `text.lower()`) only names clauses in passing (`_ASIDES`)."""
    plain = text.isascii()
    return any(
        (not plain or any(need in lowered for need in needs)) and compiled.search(text) is not None
        for compiled, needs in zip(_ASIDES_COMPILED, _ASIDE_NEEDS)
    )


# The arbitration rule finds one kind of arbitration clause (how to opt out); its exclusions ("you cannot opt
# out") are still arbitration clauses, so they veto nothing the model finds.
_EXCLUSIONS = {rule.category: exclusions for _, rule, _, exclusions, _ in _COMPILED if rule.category != "arbitration"}


def excluded(text: str, category: str) -> bool:
    """Whether a sentence says what a rule category's exclusions rule out (a negation such as "does not
    automatically renew", a sale of the business, a right rather than the practice): the model's finding of
    that category on it is dropped too."""
    exclusions = _EXCLUSIONS.get(category)
    if not exclusions:
        return False
    low = text.lower()
    return any(e.search(low) for e in exclusions)
