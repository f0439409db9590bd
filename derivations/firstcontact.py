"""Score `symlstm verify` on the first-contact notes kept in derivations/firstcontact/.

Usage: python derivations/firstcontact.py [BATCH_DIR ...] [--rows]

Each batch directory holds notes copied verbatim from public sources (Markdown or .tex, their address on the first
line), an `expected.json` with the hand verdict of every equation ({file: {line: {"expected": "pass" | "fail",
"published_error": bool, "why": ...}}, "_notes": {file: conventions}}) and the annotators' finite-difference
scripts (`fd_*.py`, numpy only). The notes were annotated by people who never ran symlstm, before the reader
learnt their notation: they estimate how verify does on a text it has not seen. They are not tests (no rule is
fitted to them while they are held out); docs/verify.md reports the numbers each round measured on contact and
after. A line's result is the worst of the results that start on it (fail, then unreadable, then pass); a line
with no result is "absent". `--rows` prints every line whose result differs from the hand verdict.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from symlstm.verify import verify_file

HERE = Path(__file__).resolve().parent / "firstcontact"
RANK = {"fail": 2, "unreadable": 1, "pass": 0}


def score_note(path: Path, expected: dict) -> dict:
    """{line: (expected, got, why)} for the annotated lines of one note."""
    got = {}
    for r in verify_file(None, str(path), timeout=10).results:
        if r.line not in got or RANK[r.status] > RANK[got[r.line].status]:
            got[r.line] = r
    return {int(line): (e["expected"], got[int(line)].status if int(line) in got else "absent",
                        got[int(line)].why if int(line) in got else "")
            for line, e in expected.items()}


def main(argv: list[str]) -> int:
    if any(a in ("-h", "--help") for a in argv):
        print(__doc__)
        return 0
    unknown = [a for a in argv if a.startswith("-") and a != "--rows"]
    missing = [a for a in argv if not a.startswith("-") and not (Path(a) / "expected.json").is_file()]
    if unknown or missing:
        print(f"firstcontact.py: {'unknown option ' + unknown[0] if unknown else 'no expected.json in ' + missing[0]}"
              f"\nusage: python derivations/firstcontact.py [BATCH_DIR ...] [--rows]", file=sys.stderr)
        return 2
    rows = "--rows" in argv
    dirs = [Path(a) for a in argv if a != "--rows"] or sorted(p for p in HERE.iterdir() if (p / "expected.json").is_file())
    total = [0, 0, 0, 0, 0]       # right, annotated, errors caught, published errors, wrong passes
    for d in dirs:
        expected = json.loads((d / "expected.json").read_text(encoding="utf-8"))
        for name, lines in sorted(expected.items()):
            if name.startswith("_"):
                continue
            res = score_note(d / name, lines)
            right = sum(e == g for e, g, _ in res.values())
            errors = [ln for ln, x in lines.items() if x["expected"] == "fail" or x.get("published_error")]
            caught = sum(res[int(ln)][1] == "fail" for ln in errors)
            wrong = sum(res[int(ln)][1] == "pass" for ln in errors)
            print(f"{d.name}/{name:42s} right {right:3d}/{len(res):3d}  errors caught {caught}/{len(errors)}"
                  f"  wrong passes {wrong}")
            if rows:
                for ln, (e, g, why) in sorted(res.items()):
                    if e != g:
                        print(f"    line {ln}: expected {e}, got {g}  {why[:100]}")
            for k, v in enumerate((right, len(res), caught, len(errors), wrong)):
                total[k] += v
    print(f"total: right {total[0]}/{total[1]} ({100 * total[0] / max(1, total[1]):.0f} %), published errors "
          f"caught {total[2]}/{total[3]}, wrong passes {total[4]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
