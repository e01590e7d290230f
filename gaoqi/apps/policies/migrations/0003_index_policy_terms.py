"""Builds the search terms of the policies stored before the index existed."""

from django.db import migrations

from gaoqi.apps.policies.search_terms import FIELD_WEIGHTS, weighted_terms


def index_policies(apps, schema_editor):
    Policy = apps.get_model("policies", "Policy")
    PolicyTerm = apps.get_model("policies", "PolicyTerm")
    for policy in Policy.objects.only(*FIELD_WEIGHTS).iterator():
        weights = weighted_terms({name: getattr(policy, name) for name in FIELD_WEIGHTS})
        PolicyTerm.objects.bulk_create(
            PolicyTerm(policy_id=policy.pk, term=term, weight=weight) for term, weight in weights.items()
        )


def unindex_policies(apps, schema_editor):
    apps.get_model("policies", "PolicyTerm").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("policies", "0002_policy_term"),
    ]

    operations = [
        migrations.RunPython(index_policies, unindex_policies),
    ]
