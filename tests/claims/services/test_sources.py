"""Source resolution: one row per speaker across articles, names normalized, aliases learnt."""

import pytest

from claims.models import Source, SourceAlias
from claims.services.sources import SourceResolver

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
