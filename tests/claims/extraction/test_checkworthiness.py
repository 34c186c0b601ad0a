import json

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from claims.extraction import checkworthiness
from claims.extraction.checkworthiness import (
    MODEL_PATH,
    Sentence,
    features,
    score_sentence,
    score_sentences,
    span_at,
    threshold,
)

STATISTIC = "Unemployment rose by 40 percent in 2023, the highest level since 1990."
RECORD = "The senator voted against the bill twice and cut $3 billion from veterans' care."
OPINION = "I think we have to do better for our children and for our families."
CHITCHAT = "Thank you so much, it is great to be here tonight."
QUESTION = "What would you say to the people watching tonight?"


def test_model_loads_with_weights_and_records_its_spacy_model() -> None:
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert isinstance(model["bias"], float)
    assert len(model["weights"]) > 1000
    assert all(isinstance(w, float) for w in model["weights"].values())
    assert "core_web_sm" in model["spacy_model"]


def test_the_decision_point_is_one_half() -> None:
    assert threshold() == 0.5


def test_factual_sentences_pass_the_decision_point_and_opinions_do_not(nlp: Language) -> None:
    for factual in (STATISTIC, RECORD):
        assert score_sentence(nlp(factual)) > threshold()
    for other in (OPINION, CHITCHAT, QUESTION):
        assert score_sentence(nlp(other)) < threshold()


def test_a_statistic_scores_higher_than_the_same_claim_as_an_opinion(nlp: Language) -> None:
    hedged = "I believe things will get better for working families."
    stated = "Wages fell 12 percent for working families between 2008 and 2012."
    assert score_sentence(nlp(stated)) > score_sentence(nlp(hedged)) + 0.3


def test_scores_are_probabilities_even_for_odd_input(nlp: Language) -> None:
    for sentence in ["", "?", "...", "1 2 3 4 5 6 7 8 9 " * 50, "the " * 300]:
        assert 0.0 <= score_sentence(nlp(sentence)) <= 1.0
        assert 0.0 <= score_sentence(sentence) <= 1.0


def test_text_span_and_doc_give_the_same_score(nlp: Language) -> None:
    doc = nlp(STATISTIC)
    assert score_sentence(STATISTIC) == score_sentence(doc) == score_sentence(doc[:])


def test_batch_equals_single_for_mixed_input(nlp: Language) -> None:
    doc = nlp(f"{OPINION} {STATISTIC}")
    first, second = list(doc.sents)
    items: list[Sentence] = [STATISTIC, first, nlp(CHITCHAT), RECORD, second]
    assert score_sentences(items) == [score_sentence(s) for s in items]
    assert score_sentences([]) == []


def test_strings_are_parsed_in_one_batch(monkeypatch: pytest.MonkeyPatch, nlp: Language) -> None:
    calls: list[list[str]] = []

    def parse(texts: list[str]) -> list[Doc]:
        calls.append(list(texts))
        return [nlp(t) for t in texts]

    monkeypatch.setattr(checkworthiness, "_parse", parse)
    score_sentences([STATISTIC, nlp(OPINION), CHITCHAT])
    assert calls == [[STATISTIC, CHITCHAT]]


def test_a_sentence_span_is_scored_from_its_own_tokens_only(nlp: Language) -> None:
    doc = nlp(f"{STATISTIC} {CHITCHAT}")
    statistic, chitchat = list(doc.sents)
    feats = features(chitchat)
    assert "w:unemployment" not in feats and "pct" not in feats
    assert "w:thank" in feats
    assert score_sentence(statistic) > threshold() > score_sentence(chitchat)


def test_features_read_numbers_entities_degree_tense_and_person(nlp: Language) -> None:
    stat = features(nlp(STATISTIC))
    assert {"w:<num>", "pct", "past", "sup", "e:PERCENT", "e:DATE"} <= stat
    assert "w:40" not in stat and "w:2023" not in stat
    assert {"money", "e:MONEY", "w:twice"} <= features(nlp(RECORD))
    opinion = features(nlp(OPINION))
    assert {"subj:1s", "1s:1", "rw:think"} <= opinion
    assert "past" not in opinion and "pct" not in opinion
    assert "comp" in features(nlp("Taxes are higher than they were."))
    assert {"q", "md:would"} <= features(nlp(QUESTION))


def test_span_at_finds_the_tokens_of_a_range_in_chunked_docs(nlp: Language) -> None:
    first, second = "Taxes rose.\n\n", "Crime fell by 9 percent last year."
    text = first + second
    docs = [(0, nlp(first)), (len(first), nlp(second))]
    start = text.index("Crime")
    span = span_at(docs, start, len(text))
    assert span is not None and span.text == second
    assert span_at(docs, 0, len(text)) is None  # crosses two chunks


@pytest.mark.parametrize("sentence", [STATISTIC, RECORD])
def test_the_score_does_not_depend_on_surrounding_sentences_much(
    nlp: Language, sentence: str
) -> None:
    alone = score_sentence(nlp(sentence))
    in_context = score_sentence(list(nlp(f"{CHITCHAT} {sentence}").sents)[-1])
    assert abs(alone - in_context) < 0.15
