"""Actions read from a clause's own words: the address, link and deadline it gives for opting out.

"You may opt out of this arbitration agreement within 30 days of accepting these Terms by emailing
optout@example.com" becomes a request action with that address, a subject line and the deadline stated
plainly. Pure text processing, for curated and generic annotations alike.
"""

from __future__ import annotations

import re

from termslens.records import Action

# Words that make a clause an instruction for getting out of something, not just a contact line.
_OPT_OUT = re.compile(
    r"\b(opt(?:ing)?[\s-]*out|to reject|you may reject|decline|unsubscribe|withdraw (?:your )?consent|object to)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_URL = re.compile(r"https://[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]")
_NUMBER_WORDS = {
    "ten": 10, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "forty-five": 45, "sixty": 60,
    "ninety": 90, "one hundred eighty": 180,
}
# "within 30 days", "within thirty (30) days after", "no later than 60 days from" … up to the clause's end.
_DEADLINE = re.compile(
    r"\b(?:within|no later than|not later than|before the end of)\s+"
    r"(?P<number>\d{1,3}|" + "|".join(map(re.escape, _NUMBER_WORDS)) + r")"
    r"(?:\s*\(\d{1,3}\))?\s+(?P<unit>(?:calendar |business )?days?|weeks?|months?)"
    r"(?P<rest>\s+(?:of|after|from|following)\b[^.;:]{3,120}?(?=\s+(?:by|via|through|using)\b|[.;:]|,\s*(?:otherwise|and|or|failing|unless)\b|$))?",
    re.IGNORECASE,
)
# Opt-out topics, so the email subject says what the notice is about.
_SUBJECTS = (
    (re.compile(r"arbitrat", re.IGNORECASE), "Arbitration opt-out"),
    (re.compile(r"class action", re.IGNORECASE), "Class action waiver opt-out"),
    (re.compile(r"sell|sale|share", re.IGNORECASE), "Opt-out of sale or sharing of my personal information"),
    (re.compile(r"advertis|marketing", re.IGNORECASE), "Opt-out of marketing and advertising"),
)


def stated_deadline(clause: str) -> str | None:
    """The clause's deadline in plain words ("30 days after you first accept these terms"), if it gives one."""
    match = _DEADLINE.search(clause)
    if match is None:
        return None
    number = match["number"].lower()
    count = int(number) if number.isdigit() else _NUMBER_WORDS[number]
    unit = match["unit"].lower()
    if count != 1 and not unit.endswith("s"):
        unit += "s"
    rest = " ".join((match["rest"] or "").split())
    if rest.isupper():  # clauses in capitals: state the deadline in ordinary case
        rest = rest.lower()
    rest = re.sub(r"^(of|from|following)\b", "after", rest, flags=re.IGNORECASE)
    return f"{count} {unit} {rest}".strip() if rest else f"within {count} {unit}"


def actions_from_clause(clause: str) -> tuple[Action, ...]:
    """The opt-out actions a clause spells out: an email request (with subject and deadline) and links.

    Clauses that give an address or link without any opt-out wording yield nothing: a support address in a
    liability clause is not a way out of anything.

    Examples
    --------
    >>> [a] = actions_from_clause("You can opt out of arbitration within 30 days of sign-up by emailing out@ex.com.")
    >>> a.kind, a.email, a.deadline
    ('request', 'out@ex.com', '30 days after sign-up')
    """
    if not _OPT_OUT.search(clause):
        return ()
    deadline = stated_deadline(clause)
    subject = next((s for pattern, s in _SUBJECTS if pattern.search(clause)), "Opt-out request")
    actions: list[Action] = []
    for email in dict.fromkeys(m.group(0).rstrip(".") for m in _EMAIL.finditer(clause)):
        steps = [f"Send an email to {email} saying that you opt out, with your name and the email of your account."]
        if deadline:
            steps.append(f"Send it in time: the clause allows {deadline}.")
        actions.append(
            Action(
                kind="request",
                label=f"Email {email} to opt out",
                email=email,
                subject=subject,
                steps=tuple(steps),
                deadline=deadline,
            )
        )
    for url in dict.fromkeys(m.group(0) for m in _URL.finditer(clause)):
        actions.append(Action(kind="opt-out", label="Open the opt-out page the clause names", url=url, deadline=deadline))
    if not actions and deadline:
        actions.append(
            Action(
                kind="request",
                label="Opt out in time",
                steps=("Follow the opt-out procedure this clause describes.",),
                deadline=deadline,
            )
        )
    return tuple(actions)
