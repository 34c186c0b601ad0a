"""Source resolution: one row per speaker across articles, names normalized, aliases learnt."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Source, SourceAlias
from claims.services.sources import SourceResolver, Speaker, _Batch

pytestmark = pytest.mark.django_db


def test_same_name_differently_written_is_one_source():
    first = SourceResolver().resolve(name="Dmitry Peskov", kind="person")
    second = SourceResolver().resolve(name="dmitry  PESKOV", kind="person")
    assert first == second
    assert Source.objects.count() == 1


def test_role_and_affiliation_fill_empty_fields_only():
    source = SourceResolver().resolve(
        name="Dmitry Peskov", kind="person", role="Kremlin spokesman", affiliation="Kremlin"
    )
    assert source.role == "Kremlin spokesman"
    assert source.affiliation.name == "Kremlin"
    source.role = "Press secretary"
    source.save()
    again = SourceResolver().resolve(name="Dmitry Peskov", kind="person", role="spokesman")
    assert again.role == "Press secretary"


def test_mentions_become_aliases_and_are_found_again():
    resolver = SourceResolver()
    mod = resolver.resolve(
        name="Russian Ministry of Defense", kind="government", mention="The Russian MOD"
    )
    assert SourceAlias.objects.filter(source=mod, alias="The Russian MOD").exists()
    assert SourceResolver().resolve(name="Russian MOD", kind="organization") == mod


def test_pronouns_are_never_stored_as_aliases():
    SourceResolver().resolve(name="Lloyd Austin", kind="person", mention="he")
    assert not SourceAlias.objects.exists()


def test_kind_learnt_later_upgrades_an_unknown_source():
    unknown = SourceResolver().resolve(name="Lloyd Austin")
    person = SourceResolver().resolve(name="Lloyd Austin", kind="person")
    assert unknown.pk == person.pk
    assert Source.objects.get(pk=person.pk).kind == "person"


def test_empty_name_resolves_to_nobody():
    assert SourceResolver().resolve(name="  ") is None


def test_a_batch_resolves_as_if_one_speaker_after_the_other():
    unknown, person, nobody, alias_named = SourceResolver().resolve_all(
        [
            Speaker(name="Lloyd Austin"),
            Speaker(name="Lloyd Austin", kind="person", mention="Secretary Lloyd Austin"),
            None,
            Speaker(name="Secretary Lloyd Austin", kind="person"),
        ]
    )
    # The unknown source learns its kind, and the alias learnt is found by the next speaker.
    assert unknown == person == alias_named
    assert nobody is None
    assert Source.objects.get().kind == "person"
    assert SourceAlias.objects.get().alias == "Secretary Lloyd Austin"


def test_a_source_another_run_creates_meanwhile_is_the_one_used(monkeypatch):
    load = _Batch.load

    def load_then_race(names):
        batch = load(names)
        Source.objects.create(name="Ann Lee", kind="person", role="minister")
        return batch

    monkeypatch.setattr(_Batch, "load", load_then_race)
    source = SourceResolver().resolve(name="Ann Lee", kind="person", role="mayor")
    assert Source.objects.get() == source
    assert source.role == "minister"


def test_queries_do_not_grow_with_the_speakers_of_a_batch():
    def queries_for(n, prefix):
        speakers = [
            Speaker(
                name=f"{prefix} Person{i}",
                kind="person",
                role="spokesperson",
                affiliation=f"{prefix} Agency{i}",
                mention=f"Spokesperson {prefix} Person{i}",
            )
            for i in range(n)
        ]
        with CaptureQueriesContext(connection) as captured:
            SourceResolver().resolve_all(speakers)
        return len(captured.captured_queries)

    assert queries_for(2, "First") == queries_for(40, "Second") <= 7
    assert Source.objects.filter(affiliation__isnull=False).count() == 42
    assert SourceAlias.objects.count() == 42
