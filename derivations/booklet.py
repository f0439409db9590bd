"""Regenerate docs/symlstm-booklet.pdf (and its .tex): every built-in cell in one PDF, with a contents page.

Usage: python derivations/booklet.py [DOCS_DIR]   (default: the repository's docs/)
Same as: symlstm docs --only booklet
"""
import sys
from pathlib import Path

from symlstm.docs import build_docs

if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs"
    build_docs(out, parts=("booklet",))
