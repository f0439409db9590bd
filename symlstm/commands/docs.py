"""``symlstm docs --out docs``: regenerate everything symlstm writes into docs/."""
from pathlib import Path

from ..docs import PARTS, build_docs, read_manifest, render
from ._common import status

NAME = "docs"
HELP = ("regenerate the documentation from the package: a page and a diagram per built-in cell, the "
        "PDF booklet, the gradient-flow and training pages (hand-written files are left alone)")


def add_arguments(parser):
    parser.add_argument("--out", metavar="DIR", default="docs", help="output folder (default: docs)")
    parser.add_argument("--only", metavar="PART", action="append", choices=PARTS,
                        help=f"build only this part (repeatable): {', '.join(PARTS)}")
    parser.add_argument("--retrain", action="store_true",
                        help="rerun the training even when the recorded run matches the code")
    parser.add_argument("--check", action="store_true",
                        help="build in memory and compare with DIR instead of writing; exit 1 when it differs")
    parser.add_argument("--allow-missing-tools", action="store_true",
                        help="skip the files that need Graphviz or pdflatex when those are not installed")


def run(args):
    out = Path(args.out)
    parts = tuple(args.only) if args.only else PARTS
    training = "retrain" if args.retrain else ("reuse" if args.check else "auto")
    missing = "skip" if args.allow_missing_tools else "error"
    if args.check:
        build = render(parts, record_dir=out, training=training, missing_tools=missing, progress=True)
        committed = read_manifest(out)
        problems = []
        for part, paths in build.parts.items():
            extra = sorted(set(committed.get(part, [])) - set(paths))
            problems += [f"{p}: listed in {out}/generated-files.txt but no longer generated" for p in extra]
            for p in paths:
                if p in build.skipped:
                    continue
                target = out / p
                if not target.is_file():
                    problems.append(f"{p}: missing")
                elif target.read_bytes() != build.files[p]:
                    problems.append(f"{p}: differs")
                if p not in committed.get(part, []):
                    problems.append(f"{p}: not in {out}/generated-files.txt")
        for p, reason in build.skipped.items():
            status(f"skipped {p}: {reason}")
        for line in problems:
            print(line)
        if problems:
            status(f"{out} is out of date: run `symlstm docs --out {out}`")
            return 1
        status(f"{out} is up to date ({len(build.files)} files)")
        return 0
    status(f"writing {out}/ ({', '.join(parts)})")
    build = build_docs(out, parts, training=training, missing_tools=missing, progress=True)
    for p, reason in build.skipped.items():
        status(f"skipped {p}: {reason}")
    for p in sorted(build.files):
        print(out / p)
    return 0
