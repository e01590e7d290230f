"""A readable text rendering of one result document (for the command line), in Chinese or English."""

from gaoqi.rules.report.messages import DEFAULT, percent, text, yuan

ORDINALS = "一二三四五六七八"


def render_text(result: dict, language: str = DEFAULT) -> str:
    """The report as lines of text; sentences come from the result's messages, headings from the catalogue."""
    hte, tsme, rdd, benefits = result["hte"], result["tsme"], result["rd_deduction"], result["benefits"]

    def t(key: str) -> str:
        return text(f"report.{key}", language)

    def money(value) -> str:
        return yuan(value, language)

    colon, comma, semi = ("：", "，", "；") if language == DEFAULT else (": ", ", ", "; ")
    who = result.get("name") or t("unnamed")
    if result.get("uscc"):
        who += f"（{result['uscc']}）"
    versions = comma.join(f"{name} {print_}" for name, print_ in result["rulebooks"].items())
    lines = [
        f"{t('title')} — {who}",
        f"{t('as_of')} {result['as_of']}{semi}{t('versions')} {versions}",
        "",
        f"{t('hte')}{colon}{text(f'verdicts.{hte["verdict"]}', language)}",
    ]
    for number, condition in zip(ORDINALS, hte["conditions"], strict=True):
        lines.append(f"（{number}）{condition['label']}{colon}{t('status_' + condition['status'])}")
        lines.append(f"    {condition['explanation']}")
        lines.append(f"    {t('basis')}{colon}{condition['reference']}")
    score = hte["score"]
    parts = comma.join(
        f"{t('score_' + key)} {score[key]['min']}–{score[key]['max']}"
        for key in ("ip", "conversion", "management", "growth")
    )
    lines += ["", f"{t('score')}{colon}{parts}{semi}{t('total')} {score['total']['min']}–{score['total']['max']}", ""]
    tsme_verdict = {True: "eligible", False: "ineligible", None: "missing_data"}[tsme["eligible"]]
    direct = f"{comma}{t('tsme_direct')}" if tsme["direct_route"] else ""
    lines.append(
        f"{t('tsme')}{colon}{text(f'verdicts.{tsme_verdict}', language)}（{t('tsme_score')} {tsme['score']}{direct}）"
    )
    if rdd["base"] is not None:
        lines.append(
            f"{t('rd_deduction')} ({rdd['year']} {t('tax_year')}){colon}"
            f"{t('rate')} {percent(rdd['rate'], language)}{comma}"
            f"{t('base')} {money(rdd['base'])}{comma}{t('extra')} {money(rdd['extra_deduction'])}{comma}"
            f"{t('saving')} {money(rdd['tax_value'])}（{percent(rdd['income_tax_rate'], language)}）"
        )
    elif rdd.get("explanation"):
        lines.append(f"{t('rd_deduction')}{colon}{rdd['explanation']}")
    if benefits["total"] is not None:
        saving = money(benefits["hte_tax_saving"]) if benefits["hte_tax_saving"] else "—"
        lines.append(f"{t('benefits')}{colon}{t('hte_saving')} {saving}{semi}{t('total')} {money(benefits['total'])}")
    if result["gaps"]:
        lines += ["", f"{t('gaps')}{colon}"]
        for index, gap in enumerate(result["gaps"], start=1):
            cost = f"（{t('cost')} {money(gap['estimated_cost'])}）" if gap["estimated_cost"] is not None else ""
            lines.append(f"  {index}. {gap['description']}{cost}")
    return "\n".join(lines) + "\n"
