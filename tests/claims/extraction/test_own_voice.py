"""Check-worthy claims in the article's own voice."""

from claims.extraction import extract


def test_checkworthy_claims_in_the_articles_own_voice(nlp):
    text = (
        "Unemployment rose by 40 percent in 2023, the highest level since 1990. "
        "Mayor Jane Holloway warned that the bridge would close in May."
    )
    result = extract(text, nlp=nlp)
    assert [c.text for c in result.claims] == [
        "Unemployment rose by 40 percent in 2023, the highest level since 1990."
    ]
    assert 0.5 <= result.claims[0].checkworthiness <= 1.0


def test_clause_before_a_report_is_an_unattributed_claim(nlp):
    text = (
        "The company cut 4,000 jobs in 2023 and doubled its losses to $2 billion, "
        "prompting critics to warn that it would fail."
    )
    result = extract(text, nlp=nlp)
    (att,) = result.attributions
    assert att.speaker.name == "critics"
    assert [c.text for c in result.claims] == [
        "The company cut 4,000 jobs in 2023 and doubled its losses to $2 billion"
    ]
