"""Regenerate everything symlstm writes into docs/ (the files listed in docs/generated-files.txt).

Usage: python derivations/build_all.py [DOCS_DIR]   (default: the repository's docs/)
Same as: symlstm docs --out docs
"""
import sys
from pathlib import Path

from symlstm.docs import build_docs

if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs"
    build_docs(out)
