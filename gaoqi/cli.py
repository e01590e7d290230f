"""The ``gaoqi`` command: assess one profile, or a file of profiles in bulk."""

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import orjson

from gaoqi.rules import ProfileError, assess
from gaoqi.rules.report.messages import DEFAULT, LANGUAGES
from gaoqi.rules.report.text import render_text

EXIT_INVALID = 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD，收到 {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gaoqi", description="高企服务云：高新技术企业认定自评与批量评估")
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("assess", help="评估一家企业的档案（JSON）")
    one.add_argument("profile", type=Path)
    one.add_argument("--as-of", type=_date, default=None, help="适用法规的日期（默认今天）")
    one.add_argument("--format", choices=("json", "text"), default="json")
    one.add_argument("--language", choices=LANGUAGES, default=DEFAULT, help="说明文字的语言（zh 中文，en 英文）")
    many = commands.add_parser("assess-batch", help="批量评估（每行一个档案的 JSONL，或同结构的 Parquet）")
    many.add_argument("input", type=Path)
    many.add_argument("--out", type=Path, required=True, help="结果文件：.jsonl 或 .parquet")
    many.add_argument("--as-of", type=_date, default=None)
    many.add_argument("--workers", type=int, default=None, help="并行进程数（默认为 CPU 核数）")
    whole = commands.add_parser("expand", help="把 assess-batch 的精简结果补全（依据、标签和说明文字），每行一个")
    whole.add_argument("results", type=Path, help="assess-batch 写出的 .jsonl 结果文件")
    whole.add_argument("--out", type=Path, required=True, help="补全后的 .jsonl 文件")
    whole.add_argument("--language", choices=LANGUAGES, default=DEFAULT, help="说明文字的语言（zh 中文，en 英文）")
    table = commands.add_parser("parameters", help="列出全部法规参数（日期、出处、可信度）")
    table.add_argument("--uncertain", action="store_true", help="只列出标为回忆、不确定或估计的数值")
    return parser


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return EXIT_INVALID


def _assess(args) -> int:
    try:
        profile = orjson.loads(args.profile.read_bytes())
    except OSError as error:
        return _fail(f"无法读取文件 {args.profile}：{error.strerror}")
    except orjson.JSONDecodeError as error:
        return _fail(f"{args.profile} 不是有效的 JSON：{error}")
    try:
        result = assess(profile, as_of=args.as_of, language=args.language)
    except ProfileError as error:
        return _fail(f"字段 {error.field}：{error.message}")
    except LookupError as error:
        return _fail(str(error).strip("'\""))
    if args.format == "text":
        sys.stdout.write(render_text(result, args.language))
    else:
        sys.stdout.buffer.write(orjson.dumps(result, option=orjson.OPT_INDENT_2) + b"\n")
    return 0


def _assess_batch(args) -> int:
    from gaoqi.rules.batch import run

    if not args.input.is_file():
        return _fail(f"找不到输入文件 {args.input}")
    if args.out.suffix not in (".jsonl", ".parquet"):
        return _fail("--out 应为 .jsonl 或 .parquet 文件")
    started = time.perf_counter()
    assessed, invalid = run(args.input, args.out, args.as_of or dt.date.today(), args.workers)
    seconds = time.perf_counter() - started
    print(f"已评估 {assessed} 家，无效 {invalid} 行，用时 {seconds:.1f} 秒 → {args.out}", file=sys.stderr)
    return 0


def _expand(args) -> int:
    from gaoqi.rules import expand

    if not args.results.is_file():
        return _fail(f"找不到结果文件 {args.results}")
    with args.results.open("rb") as source, args.out.open("wb") as sink:
        for number, line in enumerate(source, start=1):
            try:
                result = orjson.loads(line)
            except orjson.JSONDecodeError as error:
                return _fail(f"{args.results} 第 {number} 行不是有效的 JSON：{error}")
            sink.write(orjson.dumps(expand(result, args.language)) + b"\n")
    return 0


def _parameters(args) -> int:
    from gaoqi.rules.api import display
    from gaoqi.rules.rulebooks import parameters

    print("| parameter | label | since | value | confidence | reference |")
    print("| --- | --- | --- | --- | --- | --- |")
    for parameter in parameters():
        for entry in parameter.entries:
            if args.uncertain and not entry.uncertain:
                continue
            value = display(entry.value, parameter.unit)
            note = f" — {entry.note}" if entry.note else ""
            print(
                f"| `{parameter.name}` | {parameter.label} | {entry.since} | {value} | {entry.confidence} | "
                f"{entry.reference}{note} |"
            )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"assess": _assess, "assess-batch": _assess_batch, "expand": _expand, "parameters": _parameters}
    return handler[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
