"""Finding or creating the Source a speaker stands for, so that one person, organization or
government is one row however many articles quote it and however they name it: ``SourceResolver``
for the extractor, ``source_get_or_create`` for a reviewer naming a speaker by hand."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims.models import Source, SourceAlias
from claims.naming import normalize_name

# Mentions that name nobody on their own: never stored as aliases.
_ANAPHORS = frozenset(
    "he she they him her them it we i you his hers its their the minister the ministry "
    "the spokesman the spokeswoman the official the officials the president the chief".split()
)
_GOVERNMENT_WORDS = ("government", "administration", "kremlin", "white house", "cabinet")


def _kind_for(name: str, kind: str) -> str:
    if kind in Source.Kind.values and kind != Source.Kind.UNKNOWN:
        return kind
    lowered = name.lower()
    if any(word in lowered for word in _GOVERNMENT_WORDS):
        return Source.Kind.GOVERNMENT
    return Source.Kind.UNKNOWN


def _is_alias_worthy(mention: str, name: str) -> bool:
    normalized = normalize_name(mention)
    return (
        bool(normalized)
        and normalized != normalize_name(name)
        and normalized not in _ANAPHORS
        and any(ch.isupper() for ch in mention)
        and len(normalized) <= 120
    )


@dataclass
class SourceResolver:
    """Resolves speakers to Sources, remembering what it found for the length of one run.

    Lookup order: the same normalized name (preferring the same kind, then a source of unknown
    kind), then an alias. A role or affiliation learnt from the text fills an empty field on an
    existing source; it never overwrites what a reviewer set.
    """

    _cache: dict[tuple[str, str], Source] = field(default_factory=dict)
    # Aliases known to exist in this run, so a speaker named fifty times is looked up once.
    _aliases: set[tuple[int, str]] = field(default_factory=set)

    def resolve(
        self, *, name: str, kind: str = "", role: str = "", affiliation: str = "", mention: str = ""
    ) -> Source | None:
        normalized = normalize_name(name)
        if not normalized:
            return None
        kind = _kind_for(name, kind)
        key = (normalized, kind)
        source = self._cache.get(key)
        if source is None:
            source = self._find(normalized, kind) or self._create(name=name.strip(), kind=kind)
            self._cache[key] = source
        self._learn(source, kind=kind, role=role, affiliation=affiliation, mention=mention)
        return source

    def _find(self, normalized: str, kind: str) -> Source | None:
        candidates = list(Source.objects.filter(normalized_name=normalized, disambiguation=""))
        for wanted in (kind, Source.Kind.UNKNOWN):
            for candidate in candidates:
                if candidate.kind == wanted:
                    return candidate
        if kind == Source.Kind.UNKNOWN and len(candidates) == 1:
            return candidates[0]
        alias = (
            SourceAlias.objects.filter(normalized_alias=normalized)
            .select_related("source")
            .order_by("source_id")
            .first()
        )
        return alias.source if alias else None

    def _create(self, *, name: str, kind: str) -> Source:
        # Another worker may create the same source between our lookup and insert: the unique
        # constraint on (normalized_name, kind, disambiguation) makes the loser read the winner's.
        try:
            with transaction.atomic():
                return Source.objects.create(name=name[:300], kind=kind)
        except IntegrityError:
            return Source.objects.get(
                normalized_name=normalize_name(name), kind=kind, disambiguation=""
            )

    def _learn(
        self, source: Source, *, kind: str, role: str, affiliation: str, mention: str
    ) -> None:
        changed = []
        # A source first met without a kind (say, as the subject of a report) learns it later;
        # _find already preferred a row of the right kind, so this cannot collide with one.
        if source.kind == Source.Kind.UNKNOWN and kind != Source.Kind.UNKNOWN:
            source.kind = kind
            changed.append("kind")
        if role and not source.role:
            source.role = role[:300]
            changed.append("role")
        if affiliation and source.affiliation_id is None:
            parent = self.resolve(name=affiliation, kind=Source.Kind.ORGANIZATION)
            if parent is not None and parent.pk != source.pk:
                source.affiliation = parent
                changed.append("affiliation")
        if changed:
            source.save(update_fields=[*changed, "updated_at"])
        if mention and _is_alias_worthy(mention, source.name):
            alias = SourceAlias(source=source, alias=mention[:300])
            alias.normalized_alias = normalize_name(mention)
            key = (source.pk, alias.normalized_alias)
            if key in self._aliases:
                return
            self._aliases.add(key)
            if not SourceAlias.objects.filter(
                source=source, normalized_alias=alias.normalized_alias
            ).exists():
                try:
                    with transaction.atomic():
                        alias.save()
                except IntegrityError:
                    pass  # a concurrent run added the same alias


def source_get_or_create(*, name: str, kind: str, role: str = "") -> Source:
    """An existing Source with this normalized name and kind, or a new one."""
    name = (name or "").strip()
    if not normalize_name(name):
        raise ValidationError({"new_speaker_name": "Give the speaker's name."})
    if kind not in Source.Kind.values:
        raise ValidationError({"new_speaker_kind": f"Unknown kind {kind!r}."})
    source, created = Source.objects.get_or_create(
        normalized_name=normalize_name(name),
        kind=kind,
        disambiguation="",
        defaults={"name": name, "role": (role or "").strip()},
    )
    if not created and role and not source.role:
        source.role = role.strip()
        source.save(update_fields=["role", "updated_at"])
    return source
