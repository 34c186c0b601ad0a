"""The public entry points."""

from claims.extraction import extract


def test_article_without_attributions(nlp):
    result = extract("The bakery on Main Street opened in 1994. It sells bread and cakes.", nlp=nlp)
    assert result.attributions == []
