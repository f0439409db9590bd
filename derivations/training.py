"""Regenerate docs/training.md, .png and .json: rnn and lstm trained on the adding problem with generated code.

Usage: python derivations/training.py [DOCS_DIR]   (default: the repository's docs/)
Same as: symlstm docs --only training
"""
import sys
from pathlib import Path

from symlstm.docs import build_docs

if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs"
    build_docs(out, parts=("training",))
