"""Key-phrase rules, one category at a time: sentences that say the clause must hit its category, and near-misses
(the clause named in passing, negated, hedged, or a caveat about it) must not. Corpus excerpts name their service
and document (../shared/corpus/<Service>/<document>.md); the others are short sentences of our own."""

from __future__ import annotations

import pytest

from termslens.detect.rules import RULE_CATEGORIES, rule_matches


def categories_of(sentence: str) -> list[str]:
    return rule_matches([sentence])[0]


HITS = {
    "arbitration": [
        "You may opt out of this agreement to arbitrate.",  # WhatsApp terms
        "You can decline this Agreement to Arbitrate by emailing an opt-out notice to us within 30 days.",
        "To opt out, you must notify Snap in writing no later than 30 days after first becoming subject to this "
        "Arbitration Agreement.",  # Snapchat terms
    ],
    "class-action-waiver": [
        "You and we each waive any right to participate in a class action or class-wide arbitration.",
        "We and you each agree not to participate in a class action, a class-wide arbitration, or consolidated "
        "Disputes involving any other person.",  # WhatsApp terms
        "Section 24 of these Terms contains an arbitration agreement and class action waiver that applies to all "
        "claims brought against Airbnb in the United States.",  # Airbnb terms
    ],
    "ai-training": [
        "We may use your Inputs and Outputs to train and improve our AI models, unless you opt out.",
        "To improve the Services and conduct research, including training our models.",  # Anthropic privacy
        "It is in our legitimate interests to train and improve our AI models.",  # Anthropic privacy
        "This license includes the right to use Your Content to train AI and machine learning models.",  # Reddit terms
    ],
    "auto-renewal": [
        "Your subscription will automatically renew each month until you cancel it.",
        "Your Netflix subscription will continue until terminated.",  # Netflix terms
        "If you purchase a subscription, it will automatically renew - and you will be charged - until you cancel.",
    ],
    "indemnification": [
        "You agree to indemnify and hold us harmless from any claims arising from your use of the Services.",
        "You will indemnify Tinder if a claim is made against Tinder due to your actions.",
        "We reserve the right to control the defense of any matter for which you are required to indemnify us.",
    ],
    "targeted-advertising": [
        "We use your activity on other sites to show you personalized ads.",
        "Depending on your settings, we may also show you personalised ads based on your interests.",  # Google privacy
        "We may share your personal data with advertising partners for personalised advertising purposes.",
    ],
    "data-sale": [
        "We sell or share personal information for cross-context behavioral advertising.",  # CCPA wording
        "We share personal information with advertising partners for cross-context behavioral advertising.",
        "We may sell your personal information to data brokers.",
        "In the past 12 months we have sold or shared the following categories of personal information with "
        "advertising networks for targeted advertising.",
    ],
    "account-deletion": [
        "You can delete your account at any time from the Settings page.",
        "You have the right to request deletion of your data, unless an exception applies.",  # Snapchat privacy
        "After you submit a request to delete your account, we initiate a deletion process to remove your data.",
        "If you object to any of these changes, you may close your account.",  # LinkedIn terms
    ],
    "age-limit": [
        "You must be at least 13 years old to use the Platform.",  # TikTok terms
        "We monitor for underage use and will suspend (whilst we investigate) or terminate your account if we "
        "reasonably suspect you are underage.",  # TikTok terms
        "If you are under 18, you may use the Amazon Services only with involvement of a parent or guardian.",  # Amazon
        "We do not knowingly collect personal information from children under 13.",  # X privacy
    ],
}

NEAR_MISSES = {
    "arbitration": [
        # Discord terms: a mass-arbitration batching step, not the user's opt-out.
        "Notice of the Mass Arbitration Opt Out will be provided in writing within 60 days of the close of the "
        "Mediation Period.",
        "You cannot opt out of arbitration once a claim has been filed.",
        "You may opt out of marketing emails at any time.",
    ],
    "class-action-waiver": [
        # Tinder terms: a venue clause that names the waiver in a parenthetical cross-reference.
        "Any claims arising out of this Agreement (including any challenges to the class action waiver provision in "
        "subsection 15b) will be litigated exclusively in the courts located in Dallas County, Texas.",
        # Zoom terms: a list of section titles.
        "Sections 12.3 Changes to Pricing; 14 Term, Termination and Suspension; 25 Indemnification; 27 Dispute "
        "Resolution, Arbitration Agreement, and Class Action Waiver; 33.3 Governing Law apply to you.",
        "A class action was filed against the company in 2019.",
    ],
    "ai-training": [
        "We do not use your content to train our AI models.",
        "You may not use the Services to develop or train a competing machine learning model.",
        # Anthropic privacy: how training works, not whose data trains.
        "Training our models involves a number of separate stages, but broadly these fall into two steps: (1) "
        "pre-training and (2) post-training.",
        "We use techniques such as Constitutional AI to train our models to be aligned with human values.",
        # Anthropic privacy: a transfer clause naming training among its example purposes.
        "When you access our Services, your personal data is transferred to our servers in the US, or to other "
        "countries, for example to provide you with the Service, or to train our models.",
        # Pinterest privacy: a change-log note.
        "We added more details on how we train the models that support our products, how long we keep your "
        "information, and changes to our international data transfer mechanisms.",
    ],
    "auto-renewal": [
        "Your subscription does not automatically renew at the end of the term.",
        "Your plan won't renew unless you choose to extend it.",
        "We receive payment details such as the date your subscription is set to renew.",
    ],
    "indemnification": [
        "We will indemnify you against third-party claims that the Services infringe their patents.",
        "Indemnification obligations survive termination of these Terms.",
        "You agree to cooperate with us in any investigation.",
    ],
    "targeted-advertising": [
        "We do not use your personal information to show you personalized ads.",
        # Microsoft privacy: the law's definition of "sharing".
        "Please note that, as defined under certain U.S. state data privacy laws, “sharing” also relates to "
        "providing personal data to third parties for personalised advertising purposes.",
        # Microsoft privacy: third parties' own advertising.
        "Third-party products accessed through or installed on Windows may also deliver other forms of "
        "interest-based advertising subject to their own privacy policies.",
        # Snapchat privacy: whether the law allows it, not the practice.
        "If you are in the EU, certain laws limit our service and determine whether we can show personalized ads.",
    ],
    "data-sale": [
        "We do not sell your personal information to anyone, and we never will.",
        "We don't sell or share your personal information for cross-context behavioral advertising.",
        "If we sell all or part of our business, your personal information may be transferred to the buyer.",
        # Reddit privacy: a boilerplate list of rights.
        "You may have the right to opt out of any sales or sharing of your personal information.",
        "“Sale” means selling, renting or disclosing personal information to a third party for value.",
    ],
    "account-deletion": [
        "We may close your account if you breach these terms of service repeatedly.",
        "You must delete any copies of the content when your licence ends.",
        # ChatGPT privacy: what is kept after a deletion request.
        "When you ask us to delete your Personal Data, we retain the audit record of the erasure request to be able "
        "to verify that we have complied with the request.",
        # Facebook privacy: how long deletion takes.
        "If you request that we delete your account or content, it may take up to 90 days to delete your "
        "information after we begin the account deletion process.",
        # Instagram terms.
        "When you request to delete content or your account, the deletion process will automatically begin no more "
        "than 30 days after your request.",
    ],
    "age-limit": [
        "We collect information such as your name, age and email address.",
        "Your age range helps us decide which ads to show you.",
        "Refunds are available for at least 14 days after purchase.",
        "More than 18 million people use the service at least 13 times a month.",
        "When you use the Under 13 Experience, we collect some information from you.",  # TikTok privacy
    ],
}


def test_every_rule_category_is_tested():
    assert set(HITS) == set(NEAR_MISSES) == set(RULE_CATEGORIES)


@pytest.mark.parametrize("category, sentence", [(c, s) for c, sentences in HITS.items() for s in sentences])
def test_clause_said_outright_hits_its_category(category, sentence):
    assert category in categories_of(sentence)


@pytest.mark.parametrize("category, sentence", [(c, s) for c, sentences in NEAR_MISSES.items() for s in sentences])
def test_near_miss_does_not_hit(category, sentence):
    assert category not in categories_of(sentence)


def test_sentences_are_matched_independently_and_in_rule_order():
    sentences = [
        "You may opt out of arbitration, and you waive any right to participate in a class action.",
        "Nothing here about clauses at all.",
        "You can delete your account at any time.",
    ]
    assert rule_matches(sentences) == [["arbitration", "class-action-waiver"], [], ["account-deletion"]]
