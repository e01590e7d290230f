"""Verification notes become staff-only; document date, application link and 免申即享 flag; the gap plan's cost
among the match facts (stored facts are dropped and rebuilt on the next match)."""

from django.db import migrations, models


def drop_match_facts(apps, schema_editor):
    apps.get_model("policies", "MatchFacts").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("policies", "0003_index_policy_terms")]

    operations = [
        migrations.RenameField("policy", "uncertain_note", "staff_note"),
        migrations.AlterField(
            model_name="policy",
            name="staff_note",
            field=models.TextField(
                blank=True,
                help_text="来源、金额、条件近似等的核实情况；企业用户看不到",
                verbose_name="核实记录（仅工作人员可见）",
            ),
        ),
        migrations.AddField(
            model_name="policy",
            name="issued_on",
            field=models.DateField(blank=True, null=True, verbose_name="发文日期"),
        ),
        migrations.AlterField(
            model_name="policy",
            name="source_url",
            field=models.URLField(
                blank=True, help_text="发文机关网站上的原文页面；未核实时留空", max_length=500, verbose_name="来源链接"
            ),
        ),
        migrations.AddField(
            model_name="policy",
            name="application_url",
            field=models.URLField(blank=True, max_length=500, verbose_name="申报入口"),
        ),
        migrations.AddField(
            model_name="policy",
            name="instant",
            field=models.BooleanField(
                db_index=True,
                default=False,
                help_text="符合条件的企业无需申报，由主管部门直接兑现",
                verbose_name="免申即享",
            ),
        ),
        migrations.AddField(
            model_name="matchfacts",
            name="hte_gap_cost",
            field=models.DecimalField(
                decimal_places=2, max_digits=18, null=True, verbose_name="补齐高企差距的预计投入"
            ),
        ),
        migrations.RunPython(drop_match_facts, migrations.RunPython.noop),
    ]
