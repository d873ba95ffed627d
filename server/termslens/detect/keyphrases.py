"""Key-phrase evidence per clause type: hand-written patterns that generalise across documents.

Each pattern is a binary feature of a sentence's model-ready text, given to the trained model beside its
word n-grams (the model learns how much each one counts). They come from how these clauses are drafted
("binding arbitration", "governed by the laws of", "in no event shall ... be liable"), with the actor in
mind: "we may terminate your account" is unilateral termination, "you may terminate" is not.

Speed: a page has about a thousand sentences and there are some eighty patterns, so no pattern is run on
every sentence. Each pattern names trigger substrings, at least one of which any match must contain; the
triggers are looked up once per page, all at once in each sentence (`triggers.TriggerIndex`, shared with the rules),
and a pattern's regular expression runs only on the sentences that hold one of its triggers, on lower-cased
text without re.IGNORECASE (which Python's re runs 2.5 times slower). They are still the largest part of what
the detector adds to an analysis (benchmarks/bench_detector_cost.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np

from termslens.detect.triggers import TriggerIndex

# An actor phrase must end at most this many characters before an actor pattern's match: "Acme may",
# "We may, at our sole discretion, ..." (30 covers an inserted clause of a few words).
ACTOR_GAP = 30
# Actor phrases, the subject of a unilateral action: we / us / the company (any case), or a capitalised name
# ("Acme may ...") that is not a capitalised function word (checked on its lower-cased ending).
_ACTOR_WORDS = re.compile(r"\b(?:we|us)\b|\bthe (?:company|operator|carrier|provider)\b", re.IGNORECASE)
_ACTOR_NAMES = re.compile(r"\b[A-Z][A-Za-z0-9&'’.-]*[A-Za-z0-9]")
_NOT_ACTOR_ENDINGS = ("you", "your", "if", "in", "the", "this", "these", "any", "all", "each", "such")
_MODAL = (
    r"(?:may|might|can|could|will|shall|reserves? (?:the|its|our) right to|(?:has|have|retains?) the right to|"
    r"(?:is|are) entitled to|at (?:its|our) (?:sole |absolute )*discretion)"
)
_TER_VERB = (
    r"(?:terminat|suspend|deactivat|disabl|discontinu|cancel|clos|block|restrict|ban|revok|refus|deny|denied|"
    r"delet|remov|limit|stop)"
)
_TER_TRIGGERS = ("terminat", "suspen", "deactivat", "disabl", "discontinu", "cancel", "clos", "block", "restrict",
                 "ban", "revok", "refus", "deny", "denied", "delet", "remov", "limit", "stop")
_CH_TRIGGERS = ("chang", "modif", "amend", "updat", "revis", "alter", "vary", "replac")
_CR_TRIGGERS = ("remov", "delet", "edit", "disabl", "block", "refus", "reject", "take down", "screen", "moderat",
                "filter", "hide", "restrict")
_RESIDENCE = (
    r"(?:your|consumers?.?) (?:\w+ ){0,3}(?:residence|domicile|habitual)|where you (?:live|reside)|"
    r"if you (?:live|reside|are a (?:consumer|resident))|country (?:in which|where) you|in your (?:country|home "
    r"(?:country|state|courts?|jurisdiction))|"
    r"you live in"
)
_RESIDENCE_TRIGGERS = ("residen", "domicile", "habitual", "live", "reside", "consumer", "country", "home")


class KeyPhrase(NamedTuple):
    """One feature: its name (category.what), the regular expression, the trigger substrings (lower case)
    at least one of which every match contains, and whether the match must start at most ACTOR_GAP
    characters after an actor phrase ("Acme may at any time terminate")."""

    name: str
    pattern: str
    triggers: tuple[str, ...]
    actor: bool = False


def _kp(name: str, pattern: str, *triggers: str) -> KeyPhrase:
    return KeyPhrase(name, pattern, tuple(triggers))


def _actor(name: str, pattern: str, *triggers: str) -> KeyPhrase:
    return KeyPhrase(name, pattern, tuple(triggers), actor=True)


KEY_PHRASES: tuple[KeyPhrase, ...] = (
    # Arbitration
    _kp("A.arbitra", r"arbitra", "arbitra"),
    _kp("A.binding", r"(?:binding|final) (?:\w+ ){0,2}arbitration|arbitration (?:\w+ ){0,3}(?:final|binding)",
        "arbitration"),
    _kp("A.bodies", r"\b(?-i:AAA|JAMS|ICC|LCIA)\b|american arbitration association|arbitration rules|"
        r"rules of arbitration", "aaa", "jams", "icc", "lcia", "arbitration"),
    _kp("A.waive_jury", r"waive\w* (?:\w+ ){0,6}(?:jury|class|court|trial|judge)|jury trial", "waive", "jury"),
    _kp("A.resolved_by", r"(?:resolv|settl|decid|determin|submit|refer|conduct)\w* (?:\w+ ){0,5}(?:arbitration|"
        r"arbitrator|mediation)", "arbitrat", "mediation"),
    _kp("A.class", r"class action|class arbitration|representative (?:action|proceeding)|individual basis|"
        r"on an individual", "class", "representative", "individual"),
    _kp("A.adr", r"alternative dispute resolution|\b(?-i:ADR)\b|mediat|small claims", "dispute resolution", "adr",
        "mediat", "small claims"),
    _kp("A.opt_out", r"opt[- ]out (?:\w+ ){0,6}arbitrat", "arbitrat"),
    _kp("A.procedure", r"arbitrat\w* (?:\w+ ){0,4}(?:will|shall|may|must) (?:\w+ ){0,2}(?:be )?(?:conducted|"
        r"take place|held|administered|governed|seated|located|heard)", "arbitrat"),
    _kp("A.agree_to_arbitrate", r"(?:agree|consent)\w* (?:\w+ ){0,6}arbitrat|arbitrate (?:\w+ ){0,3}(?:any|"
        r"all) (?:\w+ ){0,2}(?:disputes?|claims?)", "arbitrat"),
    # Unilateral change
    _actor("CH.we_may_change", r"\b" + _MODAL + r"\b.{0,40}\b(?:change|modif|amend|updat|revis|alter|vary|replac)\w*",
        *_CH_TRIGGERS),
    _kp("CH.change_terms", r"\b(?:change|modif|amend|updat|revis|alter|vary|replac)\w* .{0,60}\b(?:terms|agreement|"
        r"conditions|polic\w+|services?|features?|prices?|fees|functionality|these|this)\b", *_CH_TRIGGERS),
    _kp("CH.subject_to_change", r"(?:terms|agreement|conditions|prices?|fees|polic\w+|availability|"
        r"features?) (?:\w+ ){0,4}"
        r"(?:are|is|may be|will be|can be) (?:subject to change|changed|modified|amended|updated|revised|varied)|"
        r"subject to change", *_CH_TRIGGERS, "vari"),
    _kp("CH.from_time_to_time", r"from time to time", "from time to time"),
    _kp("CH.at_any_time", r"\bat any time\b", "at any time"),
    _kp("CH.notify_changes", r"(?:post|publish|notify|email|inform|notice)\w* .{0,60}(?:change|revis|update|modif|"
        r"amend)", "chang", "revis", "updat", "modif", "amend"),
    _kp("CH.continued_use", r"(?:continu\w+|keep) (?:\w+ ){0,2}(?:use|using|access)\w* .{0,60}(?:after|following|"
        r"once) .{0,40}(?:change|revis|update|modif|amend|effective|post)", "continu", "keep"),
    _kp("CH.effective_upon", r"(?:effective|take effect|become effective|in effect) (?:\w+ ){0,4}(?:upon|when|"
        r"immediately|on|after|as soon as)", "effect"),
    _kp("CH.last_updated", r"last (?:updated|modified|revised)|effective date", "last ", "effective date"),
    _kp("CH.you_may_change", r"\byou (?:\w+ ){0,2}(?:may|can) (?:\w+ ){0,3}(?:change|modify|update|edit)", "chang",
        "modif", "updat", "edit"),
    _kp("CH.add_remove_features", r"(?:add|remov|introduc|discontinu)\w* (?:\w+ ){0,4}(?:features?|functionalit\w+|"
        r"products?|services?|content)", "add", "remov", "introduc", "discontinu"),
    # Content removal
    _actor("CR.we_may_remove", r"\b" + _MODAL + r"\b.{0,60}\b(?:remov|delet|edit|disabl|block|refus|reject|take down|"
        r"screen|moderat|filter|hide|restrict)\w*", *_CR_TRIGGERS),
    _kp("CR.remove_content", r"\b(?:remov|delet|edit|disabl|block|refus|reject|take down|screen|"
        r"moderat)\w* .{0,80}\b(?:content|"
        r"material|posts?|posting|submissions?|uploads?|reviews?|comments?|photos?|listings?|messages?)\b",
        *_CR_TRIGGERS),
    _kp("CR.content_removed", r"(?:content|material|posting|review|submission|post|listing)s? (?:\w+ ){0,5}(?:may|"
        r"will|can|might) "
        r"(?:\w+ ){0,2}be (?:removed|deleted|edited|refused|rejected|taken down|disabled|blocked)", "be removed",
        "be deleted", "be edited", "be refused", "be rejected", "be taken down", "be disabled", "be blocked"),
    _kp("CR.objectionable", r"objectionable|inappropriate|offensive|violat\w+ (?:these|our|this|any)", "objectionable",
        "inappropriate", "offensive", "violat"),
    _kp("CR.discretion", r"(?:sole|absolute) (?:discretion|judgment)|for any (?:or no )?reason", "discretion",
        "judgment", "for any"),
    _kp("CR.no_duty_monitor",
        r"(?:no|not have any|is not under any|without any|not) (?:obligation|duty|responsibility) to "
        r"(?:monitor|review|screen|remove|edit)", "obligation", "duty", "responsibility"),
    _kp("CR.content", r"content you (?:post|submit|upload|share|provide)|user[- ](?:generated )?content|your content|"
        r"\bcontent\b", "content"),
    _kp("CR.unavailable", r"(?:make|become|render)\w* (?:\w+ ){0,4}unavailable|disable access|reclaim", "unavailable",
        "disable access", "reclaim"),
    # Jurisdiction
    _kp("J.court", r"\b(?:court|courts|tribunals?)\b", "court", "tribunal"),
    _kp("J.jurisdiction", r"\b(?:jurisdiction|venue|forum)\b", "jurisdiction", "venue", "forum"),
    _kp("J.exclusive", r"(?<!non-)(?<!non )\b(?:exclusive|sole|only|exclusively|"
        r"solely)\b (?:\w+ ){0,4}(?:jurisdiction|venue|forum|courts?)|"
        r"(?:jurisdiction|venue|forum|courts?) (?:\w+ ){0,6}(?<!non-)(?:exclusive|exclusively|solely|only)\b",
        "jurisdiction", "venue", "forum", "court"),
    _kp("J.non_exclusive", r"non-?\s?exclusive", "non"),
    _kp("J.brought_in", r"(?:brought|resolved|litigated|heard|filed|submitted|instituted|commenced|subject|"
        r"decided) (?:\w+ ){0,5}(?:courts?|jurisdiction)", "court", "jurisdiction"),
    _kp("J.courts_of_place", r"courts? (?:\w+ ){0,3}(?:of|in|located in|for) (?:the )?(?-i:[A-Z])", "court"),
    _kp("J.residence", _RESIDENCE, *_RESIDENCE_TRIGGERS),
    _kp("J.submit", r"personal jurisdiction|submit\w* to (?:\w+ ){0,3}jurisdiction|"
        r"consent\w* to (?:\w+ ){0,3}jurisdiction|inconvenient forum|forum non conveniens", "jurisdiction", "forum"),
    _kp("J.injunctive", r"injunct|equitable relief", "injunct", "equitable"),
    # Choice of law
    _kp("LAW.governed_by", r"govern\w* (?:\w+ ){0,4}by (?:\w+ ){0,4}laws?|laws? (?:\w+ ){0,6}(?:govern|appl(?:y|ies)|"
        r"shall apply|will apply)", "govern", "law"),
    _kp("LAW.construed", r"constru\w+|interpret\w* (?:\w+ ){0,3}(?:in accordance with|under)", "constru", "interpret"),
    _kp("LAW.laws_of", r"laws? of (?:the )?(?:state|commonwealth|province|republic|kingdom|grand duchy|(?-i:[A-Z]))|"
        r"(?-i:\b[A-Z]\w+) law\b", "law"),
    _kp("LAW.conflict", r"conflicts? of laws?|choice of law|governing law|applicable law|without regard to|"
        r"international sale of goods|"
        r"\b(?-i:CISG)\b", "conflict", "choice of law", "governing law", "applicable law", "without regard",
        "international sale", "cisg"),
    _kp("LAW.residence", _RESIDENCE + r"|mandatory (?:\w+ ){0,3}(?:law|rights|provisions)|consumer protection",
        *_RESIDENCE_TRIGGERS, "mandatory", "consumer protection"),
    _kp("LAW.your_law", r"laws? of (?:your|the country)", "law"),
    # Limitation of liability
    _kp("LTD.not_liable", r"\b(?:not|no|never|nor)\b (?:\w+ ){0,3}(?:be )?(?:liable|responsible|accountable)|"
        r"(?:liable|responsible) "
        r"(?:\w+ ){0,2}for (?:no|nothing)|(?:accept|assume)s? no (?:\w+ )?(?:liability|responsibility)",
        "liable", "responsib", "accountable", "liability"),
    _kp("LTD.in_no_event", r"in no event|under no circumstances", "in no event", "under no circumstances"),
    _kp("LTD.damages", r"(?:indirect|incidental|consequential|special|punitive|exemplary|"
        r"direct) (?:\w+ ){0,3}(?:damages|loss)", "damages", "loss"),
    _kp("LTD.max_extent", r"to the (?:maximum|fullest|greatest|full) extent|(?:permitted|allowed|permissible) (?:by|"
        r"under) (?:\w+ ){0,2}law", "extent", "permitted", "allowed", "permissible"),
    _kp("LTD.as_is", r"\bas[ -]is\b|as[ -]available|without (?:any )?warrant|disclaim|no warrant|"
        r"make no (?:representations|warrant)|"
        r"(?:do|does) not (?:warrant|guarantee|represent)", "as is", "as-is", "available", "warrant", "disclaim",
        "guarantee", "represent"),
    _kp("LTD.cap", r"(?:total|aggregate|collective|maximum|entire|cumulative) (?:\w+ ){0,3}liability|"
        r"liability (?:\w+ ){0,4}"
        r"(?:limited|exceed|capped)|(?:shall|will|not) (?:\w+ )?exceed|greater of|lesser of", "liability", "exceed",
        "greater of", "lesser of"),
    _kp("LTD.lost_profits", r"loss of (?:\w+ ){0,2}(?:profits?|data|revenue|goodwill|business|use|opportunit|"
        r"reputation|savings)|lost profits", "loss of", "lost profits"),
    _kp("LTD.own_risk", r"at your (?:own|sole) risk|(?:entire|whole) risk|sole (?:remedy|recourse)", "risk",
        "remedy", "recourse"),
    _kp("LTD.failures", r"errors|interruption|delays?\b|unavailab|virus|inaccura|outage|failure|security breach|"
        r"unauthori[sz]ed access|force majeure|beyond (?:\w+ ){0,2}(?:reasonable )?control", "error",
        "interruption", "delay",
        "unavailab", "virus", "inaccura", "outage", "failure", "breach", "unauthori", "majeure", "control"),
    _kp("LTD.third_parties", r"third[- ]part|other users?|merchants?|sellers?|advertisers?|linked (?:web)?sites?",
        "third", "other user", "merchant", "seller", "advertiser", "linked"),
    _kp("LTD.carve_outs", r"nothing in (?:these|this)|(?:does|do|shall|will) not (?:limit|exclude|affect)|"
        r"death or personal injury|"
        r"gross negligence|wilful|willful|fraud", "nothing in", "limit", "exclude", "affect", "death", "negligence",
        "wilful", "willful", "fraud"),
    _kp("LTD.some_states", r"some (?:states|jurisdictions|countries)|(?:may|might) not apply to you", "some ",
        "apply to you"),
    _kp("LTD.liab", r"\bliab(?:le|ility|ilities)\b", "liab"),
    _kp("LTD.indemnify", r"indemnif|hold (?:\w+ ){0,3}harmless", "indemnif", "harmless"),
    # Unilateral termination
    _actor("TER.we_may_terminate", r"\b" + _MODAL + r"\b.{0,40}" + _TER_VERB, *_TER_TRIGGERS),
    _kp("TER.terminate_account", r"\b" + _TER_VERB + r"\w* .{0,60}\b(?:accounts?|access|membership|subscriptions?|"
        r"use of|services?|agreement|you|profile|licen[cs]es?|registration|right to use)\b", *_TER_TRIGGERS),
    _kp("TER.account_terminated", r"(?:accounts?|access|licen[cs]es?|agreement|right to use|membership|subscription|"
        r"registration) "
        r"(?:\w+ ){0,4}(?:be |is |are )?(?:terminated|suspended|revoked|cancell?ed|deactivated|disabled|deleted|"
        r"closed|blocked|"
        r"restricted|expire)|(?:terminate|expire)s? automatically|(?:result|lead)s? in (?:\w+ ){0,3}(?:suspension|"
        r"termination|"
        r"cancell?ation|closure)", "terminated", "suspended", "revoked", "cancel", "deactivated", "disabled",
        "deleted", "closed",
        "blocked", "restricted", "expire", "automatically", "suspension", "termination", "closure"),
    _kp("TER.you_may_terminate", r"\byou (?:\w+ ){0,2}(?:may|can|are free to|have the right to|are entitled to|"
        r"want to|wish to|would like to) (?:\w+ ){0,3}(?:terminate|cancel|close|delete|end|withdraw|stop)|how (?:to|"
        r"you can) (?:terminate|cancel|"
        r"close|delete)", "terminate", "cancel", "close", "delete", "end", "withdraw", "stop"),
    _kp("TER.if_you_breach", r"(?:if|where|in case|in the event) (?:\w+ ){0,3}(?:you|your) (?:\w+ ){0,5}(?:breach|"
        r"violat|fail|infring|"
        r"abuse|misuse|engag)|(?:breach|violat)\w* (?:of )?(?:these|this|the|our|any)", "breach", "violat", "fail",
        "infring", "abuse", "misuse", "engag"),
    _kp("TER.inactivity", r"repeat(?:ed)? infring|inactiv|no activity", "infring", "inactiv", "no activity"),
    _kp("TER.no_notice", r"immediately|without (?:prior |advance )?(?:notice|warning)|for any (?:or no )?reason|"
        r"with or without "
        r"(?:cause|notice)|(?:sole|absolute) discretion", "immediately", "without", "for any", "discretion"),
    _kp("TER.suspect", r"(?:suspect|believe)\w* .{0,40}(?:fraud|breach|violat|illegal|unlawful|misuse)", "suspect",
        "believe"),
    _kp("TER.refuse_service", r"(?:refus|deny|denied|declin|reject)\w* (?:\w+ ){0,3}(?:service|access|order|"
        r"registration|transaction|purchase|booking|reservation|any)", "refus", "deny", "denied", "declin", "reject"),
    # Contract by using
    _kp("USE.by_using", r"\bby (?:using|accessing|visiting|continuing|clicking|registering|downloading|installing|"
        r"placing|creating|"
        r"browsing|signing|logging|opening|completing|submitting|making|purchasing|ordering|subscribing|joining|"
        r"participating|accepting|booking|buying|use of)\b", "by "),
    _kp("USE.agree_bound", r"(?:agree|consent|accept)\w* (?:\w+ ){0,4}(?:to be bound|bound by)|(?:agree|consent|"
        r"accept)\w* (?:to )?"
        r"(?:the|these|this|our|all) (?:\w+ ){0,2}(?:terms|agreement|conditions|policies|tos)", "agree", "consent",
        "accept"),
    _kp("USE.continued_use", r"(?:continued|continuing|continue to) (?:use|access|using)|(?:use|using|"
        r"access\w*) (?:\w+ ){0,6}"
        r"constitutes?|constitutes? (?:your )?(?:acceptance|agreement|consent)|deemed (?:\w+ ){0,2}(?:accept|agree)",
        "continu", "constitut", "deemed"),
    _kp("USE.if_you_disagree", r"if you do not (?:agree|accept)|if you don.t (?:agree|accept)|(?:do not|must not|"
        r"should not|may not|"
        r"cannot) (?:use|access)|stop using|(?:discontinue|cease) (?:\w+ )?use", "not agree", "not accept",
        "t agree", "t accept", "not use", "not access", "stop using", "discontinue", "cease"),
    _kp("USE.read_carefully", r"read (?:\w+ ){0,3}carefully", "carefully"),
    _kp("USE.terms_apply", r"(?:these|this|the) (?:terms|agreement|conditions) (?:\w+ ){0,3}(?:apply|govern|cover|"
        r"form|constitute)", "terms", "agreement", "conditions"),
    _kp("USE.use_as_acceptance", r"(?:use|using|access\w*) (?:\w+ ){0,6}as (?:\w+ ){0,2}acceptance|deemed to (?:have )?"
        r"(?:accept|agree)|(?:become|becomes|form|forms) (?:\w+ ){0,2}part of (?:your|the|this) (?:\w+ ){0,2}"
        r"(?:agreement|terms|contract)|you (?:\w+ ){0,2}accept (?:\w+ ){0,4}by", "acceptance", "deemed", "part of",
        "accept"),
    # Shared by the unilateral categories
    _actor("GEN.we_may", r"\b" + _MODAL + r"\b", "may", "might", "can", "could", "will", "shall", "right", "entitled",
        "discretion"),
    _kp("GEN.you_may", r"\byou (?:may|can)\b", "you may", "you can"),
    _kp("GEN.discretion", r"(?:sole|absolute) (?:and absolute )?discretion", "discretion"),
    _kp("GEN.for_any_reason", r"for any (?:or no )?reason", "for any"),
    _kp("GEN.without_notice", r"without (?:prior |advance |any )?(?:notice|warning)", "without"),
)
# Shape features after the key phrases: a sentence in capitals (disclaimers are), a fragment, a long one.
SHAPE_FEATURES = ("SHAPE.caps", "SHAPE.short", "SHAPE.long")
FEATURE_NAMES: tuple[str, ...] = tuple(k.name for k in KEY_PHRASES) + SHAPE_FEATURES
# Changes whenever the patterns change, so a model trained on other patterns is never used with these.
PATTERNS_DIGEST = hashlib.sha256(
    "\n".join(
        [f"{k.name}\t{k.pattern}\t{k.actor}" for k in KEY_PHRASES]
        + [repr(SHAPE_FEATURES), _ACTOR_WORDS.pattern, _ACTOR_NAMES.pattern, repr(_NOT_ACTOR_ENDINGS), str(ACTOR_GAP)]
    ).encode("utf-8")
).hexdigest()[:16]

# Patterns run on lower-cased text without re.IGNORECASE (2.5 times faster with Python's re), except those
# with case-sensitive parts ("(?-i:" for names and acronyms).
_ON_ORIGINAL = tuple("(?-i:" in k.pattern for k in KEY_PHRASES)
_COMPILED = tuple(
    re.compile(k.pattern, re.IGNORECASE) if original else re.compile(k.pattern)
    for k, original in zip(KEY_PHRASES, _ON_ORIGINAL)
)
# Actor patterns also exist case-insensitively, for the rare sentence whose lower-cased form has another
# length (so that positions in it are not positions in the original).
_COMPILED_I = tuple(re.compile(k.pattern, re.IGNORECASE) for k in KEY_PHRASES)
_PATTERN_INDEX = {k.pattern: i for i, k in enumerate(KEY_PHRASES)}


# The actor patterns as they run: the same matches as _ACTOR_WORDS (on the lower-cased text, without
# re.IGNORECASE) and _ACTOR_NAMES less _NOT_ACTOR_ENDINGS, written to start with a literal or a character set,
# which Python's re skips ahead to, rather than with \b, which it tests at every position; a name is taken whole
# (a look-ahead, then its text: no shorter name is tried) and refused by its ending in the pattern itself
# (tests/test_detect_invariants.py compares them). The originals stay the definition: the patterns digest is
# computed from them.
_ACTOR_WORDS_LOWER = re.compile(r"(?:w(?<=\bw)e|u(?<=\bu)s)\b|t(?<=\bt)he (?:company|operator|carrier|provider)\b")
_ACTOR_NAMES_KEPT = re.compile(
    r"[A-Z](?<=\b[A-Z])(?=([A-Za-z0-9&'’.-]*[A-Za-z0-9]))\1"
    + "".join(f"(?<!(?i:{re.escape(ending)}))" for ending in _NOT_ACTOR_ENDINGS)
)


def _actor_ends(text: str, lowered: str | None = None) -> list[int]:
    """Where each actor phrase of `text` ends (`lowered`: `text.lower()`, when the caller has it)."""
    if text.isascii():
        words = _ACTOR_WORDS_LOWER.finditer(text.lower() if lowered is None else lowered)
    else:  # re.IGNORECASE matches letters that lower-casing keeps apart ("ſ", "K")
        words = _ACTOR_WORDS.finditer(text)
    ends = [m.end() for m in words]
    ends.extend([m.end() for m in _ACTOR_NAMES_KEPT.finditer(text)])
    return ends


KEYPHRASE_TRIGGERS = frozenset(t for k in KEY_PHRASES for t in k.triggers)
_TRIGGER_INDEX = TriggerIndex(KEYPHRASE_TRIGGERS)
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")


def _after_actor(compiled: re.Pattern[str], text: str, lowered: str, ends: list[int]) -> bool:
    """Whether a match of `compiled` starts at most ACTOR_GAP characters after one of the actor phrase `ends`.

    The leftmost match from an actor's end is the closest one after it, and serves every later actor that
    ends before it: the search runs once per match, not once per actor (a sentence in capitals is all names).
    """
    if len(lowered) != len(text):
        compiled, lowered = _COMPILED_I[_PATTERN_INDEX[compiled.pattern]], text
    start = -1  # start of the leftmost match at or after the current actor's end
    for end in sorted(ends):
        if start < end:
            match = compiled.search(lowered, end)
            if match is None:
                return False
            start = match.start()
        if start - end <= ACTOR_GAP:
            return True
    return False


def keyphrase_features(
    texts: Sequence[str], holders: Mapping[str, set[int]] | None = None, lowered: Sequence[str] | None = None
) -> np.ndarray:
    """The key-phrase and shape features of each sentence: a (len(texts), len(FEATURE_NAMES)) 0/1 array.

    Parameters
    ----------
    texts : model-ready sentence texts (`Sentence.text`)
    holders : where each of KEYPHRASE_TRIGGERS occurs in the lower-cased texts (`TriggerIndex.rows`), when the
        caller has looked them up with other triggers (`detect_clauses` shares one lookup with the rules)
    lowered : the lower-cased texts, when the caller has them
    """
    out = np.zeros((len(texts), len(FEATURE_NAMES)), dtype=np.float32)
    if not texts:
        return out
    lowered = [t.lower() for t in texts] if lowered is None else lowered
    if holders is None:
        holders = _TRIGGER_INDEX.rows(lowered)
    actor_ends: dict[int, list[int]] = {}  # per sentence, where each actor phrase ends (found once)
    for column, (phrase, compiled, original) in enumerate(zip(KEY_PHRASES, _COMPILED, _ON_ORIGINAL)):
        triggers = phrase.triggers
        rows = holders[triggers[0]] if len(triggers) == 1 else set().union(*(holders[t] for t in triggers))
        if not rows:
            continue
        if phrase.actor:
            hits = []
            for row in rows:
                ends = actor_ends.get(row)
                if ends is None:
                    ends = actor_ends[row] = _actor_ends(texts[row], lowered[row])
                if ends and _after_actor(compiled, texts[row], lowered[row], ends):
                    hits.append(row)
        else:
            search = compiled.search
            source = texts if original else lowered
            hits = [row for row in rows if search(source[row])]
        if hits:
            out[hits, column] = 1.0
    shape = len(KEY_PHRASES)
    for row, text in enumerate(texts):
        words = text.count(" ") + 1
        if words <= 4:
            out[row, shape + 1] = 1.0
        elif words >= 40:
            out[row, shape + 2] = 1.0
        if text.isupper():
            upper = len(_UPPER.findall(text))
            if upper > 10 and upper > 3 * len(_LOWER.findall(text)):
                out[row, shape] = 1.0
    return out
