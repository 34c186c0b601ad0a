"""The Reviewer, Editor, API client and API read-only groups with their permissions.

The groups are a copy of ``claims/defaults.py`` as it stood when this migration was written, so this
step of history stays the same when that module changes; ``ClaimsConfig.ready`` gives the groups
their current permissions after every ``migrate`` and ``flush``.
"""

from django.db import migrations

VIEW_ALL = [
    "articles.view_article",
    "articles.view_feed",
    "claims.view_source",
    "claims.view_sourcealias",
    "claims.view_claim",
    "claims.view_attribution",
    "claims.view_stance",
    "claims.view_claimrelation",
    "claims.view_evidence",
    "claims.view_ratingscale",
    "claims.view_rating",
    "claims.view_verdict",
]
REVIEWER = [
    *VIEW_ALL,
    "articles.view_feedentry",
    "claims.view_changerecord",
    "claims.view_reviewrating",
    "claims.add_source",
    "claims.change_source",
    "claims.add_sourcealias",
    "claims.change_sourcealias",
    "claims.change_claim",
    "claims.add_attribution",
    "claims.change_attribution",
    "claims.add_stance",
    "claims.change_stance",
    "claims.add_claimrelation",
    "claims.change_claimrelation",
    "claims.add_evidence",
    "claims.change_evidence",
    "claims.add_verdict",
    "claims.change_verdict",
    "claims.add_reviewrating",
]
EDITOR = [
    *REVIEWER,
    "articles.add_article",
    "articles.change_article",
    "articles.add_feed",
    "articles.change_feed",
    "articles.delete_feed",
    "claims.add_claim",
    "claims.delete_claim",
    "claims.delete_attribution",
    "claims.delete_stance",
    "claims.delete_claimrelation",
    "claims.delete_evidence",
    "claims.delete_sourcealias",
    "claims.assign_claim",
    "claims.publish_verdict",
    "claims.export_verdict",
    "claims.add_ratingscale",
    "claims.change_ratingscale",
    "claims.add_rating",
    "claims.change_rating",
    "claims.view_exportjob",
    "claims.add_exportjob",
]
API_CLIENT = [
    *VIEW_ALL,
    "articles.add_article",
    "claims.add_webhook",
    "claims.change_webhook",
    "claims.delete_webhook",
    "claims.view_webhook",
]
API_READ_ONLY = list(VIEW_ALL)
GROUPS = {
    "Reviewer": REVIEWER,
    "Editor": EDITOR,
    "API client": API_CLIENT,
    "API read-only": API_READ_ONLY,
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; this migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_integrity_triggers"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
