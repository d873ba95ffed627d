"""Lower-cased, tokenised sentences (claudette-extra, as its source published them) made to read like page text.

The model reads sentences as a page gives them: "Uber may terminate these Terms (see Section 3)." Its features
use capitals in three places: a capitalised word that is not an everyday word becomes the placeholder "we"
(`features.tokens`: "Uber may terminate" reads as "we may terminate"), a short capitalised line is a section
heading (`segment.is_title_like`, and the heading features), and a capitalised name before "may" is an actor
(`keyphrases`). A lower-cased text ("uber may terminate these terms -lrb- see section 3 -rrb- .") loses all
three, so it would train a model that reads no names as names. Here it gets back:

- its punctuation and spacing (`detokenise`): "-lrb-" → "(", "``" and "''" → quotes, no space before ",", ".",
  "'s" or "n't";
- its capitals (`truecase`): the first letter of each line, and every word that real documents write
  capitalised in the middle of a sentence (`Casing`, counted on real-case text: the shared corpus and ToS;DR
  quotes, neither of which carries CLAUDETTE labels), such as "California", "AAA", "JAMS", "Uber"; and the
  words of the document's own name (the company: "Habbo", "Tinder").

Words that no reference text shows (a small company's name, a street) stay lower case: they then count as
ordinary rare words, where page text would have read them as names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

# A word is a name when real text capitalises it in mid-sentence at least this many times as often as it
# writes it in lower case, and at least NAME_MIN_CAPITALISED times (one capitalised mention is a title).
NAME_RATIO = 3.0
NAME_MIN_CAPITALISED = 3

_BRACKETS = {"-lrb-": "(", "-rrb-": ")", "-lsb-": "[", "-rsb-": "]", "-lcb-": "{", "-rcb-": "}"}
_BRACKET_IN_TOKEN = re.compile(r"-[lr][rsc]b-")
_ATTACH_LEFT = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'re", "'ll", "'ve", "'d",
                          "'m", "''", "'"})
_ATTACH_RIGHT = frozenset({"(", "[", "{", "$", "``", "#"})
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_CAMEL = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
# The first letter of a sentence: at the start of the line after any enumerator ("1.1 ", "(iv) ", "b) ") and
# marks, or after a full stop.
_SENTENCE_START = re.compile(r"(?:^(?:\(?(?:[ivx]+|[a-z]|\d+(?:\.\d+)*)[.)]\s+|[^A-Za-z])*|[.!?]\s+[\"“(\[]*)([a-z])")


def looks_tokenised(texts: Iterable[str]) -> bool:
    """Whether a document's sentences are lower-cased and tokenised (no capitals, spaced punctuation)."""
    sample = list(texts)[:200]
    if not sample:
        return False
    joined = " ".join(sample)
    return not re.search(r"[A-Z]", joined) and (" , " in joined or " ." in joined or "-lrb-" in joined)


def detokenise(text: str) -> str:
    """Tokenised text with its punctuation re-attached and brackets and quotes restored.

    >>> detokenise("you -lrb- `` user '' -rrb- ca n't sue uber 's drivers , ever .")
    'you ("user") can\\'t sue uber\\'s drivers, ever.'
    """
    out: list[str] = []
    glue = True  # the next token attaches to the previous one (start of text, or after an opening mark)
    text = _BRACKET_IN_TOKEN.sub(r" \g<0> ", text)  # "-lrb-800-rrb-" is three tokens
    for token in text.split():
        token = _BRACKETS.get(token, token)
        if token == "``":
            piece = "\""
        elif token == "''":
            piece = "\""
        else:
            piece = token
        if out and not glue and token not in _ATTACH_LEFT:
            out.append(" ")
        out.append(piece)
        glue = token in _ATTACH_RIGHT
    return "".join(out)


@dataclass(frozen=True)
class Casing:
    """How real text writes words in mid-sentence: lower-cased word -> its usual capitalised form, for the
    words it writes capitalised far more often than not ("california" -> "California", "aaa" -> "AAA"); and
    the words it writes in lower case at least as often as capitalised (`everyday`)."""

    names: dict[str, str]
    everyday: frozenset[str] = frozenset()

    @classmethod
    def learn(cls, texts: Iterable[str]) -> Casing:
        """The casing of real-case `texts` (page text or sentences; sentence-initial words are not counted)."""
        lower: Counter[str] = Counter()
        capital: dict[str, Counter[str]] = {}
        for text in texts:
            for line in text.splitlines():
                previous_end = ""
                for match in _WORD.finditer(line):
                    word = match.group()
                    before = line[max(0, match.start() - 3) : match.start()]
                    initial = previous_end == "" or re.search(r"[.!?:#*>|]\W*$", before) is not None
                    previous_end = word
                    if initial:
                        continue
                    key = word.lower()
                    if word == key:
                        lower[key] += 1
                    elif word[0].isupper():
                        capital.setdefault(key, Counter())[word] += 1
        names = {}
        for key, forms in capital.items():
            count = sum(forms.values())
            if count >= NAME_MIN_CAPITALISED and count >= NAME_RATIO * lower[key]:
                names[key] = sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        everyday = frozenset(key for key, n in lower.items() if n >= sum(capital.get(key, {}).values()))
        return cls(names, everyday)


def truecase(text: str, casing: Casing, *, own_names: Iterable[str] = ()) -> str:
    """`text` (detokenised, lower case) with the capitals of real text: the first letter of each sentence,
    `casing`'s names, and the words of `own_names` (the document's company: "LindenLab" names "Linden" and
    "Lab") capitalised unless they are everyday words ("Tagged" is a company, "tagged" a word).

    >>> truecase("arbitration under jams rules. habbo may end it", Casing({"jams": "JAMS"}), own_names=["Habbo"])
    'Arbitration under JAMS rules. Habbo may end it'
    """
    own: dict[str, str] = {}
    for name in own_names:
        for word in [name, *_CAMEL.findall(name)]:
            if word.lower() not in casing.everyday:
                own[word.lower()] = word[:1].upper() + word[1:]

    def cased(match: re.Match[str]) -> str:
        word = match.group()
        return casing.names.get(word) or own.get(word) or word

    # Sentence starts first, on the lower-case text its pattern is written for ("(f) incites" -> "(f) Incites").
    out = _SENTENCE_START.sub(lambda m: m.group(0)[:-1] + m.group(1).upper(), text)
    return _WORD.sub(cased, out)


def readable(text: str, casing: Casing, *, own_names: Iterable[str] = ()) -> str:
    """A tokenised, lower-cased sentence as page text would give it (`detokenise`, then `truecase`)."""
    return truecase(detokenise(text), casing, own_names=own_names)
