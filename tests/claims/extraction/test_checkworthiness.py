from claims.extraction.checkworthiness import features, score_sentence, threshold


def test_factual_sentence_with_numbers_scores_higher_than_chitchat():
    factual = "Unemployment rose by 40 percent in 2023, the highest level since 1990."
    chitchat = "Thank you so much, it is great to be here tonight."
    assert score_sentence(factual) > threshold() > score_sentence(chitchat)


def test_scores_stay_in_unit_interval():
    for sentence in ["", "?", "1 2 3 4 5 6 7 8 9 " * 50]:
        assert 0.0 <= score_sentence(sentence) <= 1.0


def test_numbers_are_folded_to_one_feature():
    assert "<num>" in features("It cost 3,500 dollars")
    assert "3,500" not in features("It cost 3,500 dollars")
