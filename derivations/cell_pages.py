"""Regenerate a Markdown page and a diagram (SVG, PNG) per built-in cell, and docs/cells/README.md.

Usage: python derivations/cell_pages.py [DOCS_DIR]   (default: the repository's docs/)
Same as: symlstm docs --only cells
"""
import sys
from pathlib import Path

from symlstm.docs import build_docs

if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs"
    build_docs(out, parts=("cells",))
