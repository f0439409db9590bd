"""Regenerate docs/gradient-flow.md and .png: norms of dh_T/dh_t against T - t for rnn, lstm, lstm (b_f = 1), gru.

Usage: python derivations/gradient_flow.py [DOCS_DIR]   (default: the repository's docs/)
Same as: symlstm docs --only flow
"""
import sys
from pathlib import Path

from symlstm.docs import build_docs

if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs"
    build_docs(out, parts=("flow",))
