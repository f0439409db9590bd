"""Compile LaTeX with pdflatex where it is installed."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["pdflatex_available", "compile_pdf", "LatexError"]


class LatexError(RuntimeError):
    """pdflatex rejected a document; the message carries the end of its log."""


def pdflatex_available() -> bool:
    return shutil.which("pdflatex") is not None


def compile_pdf(tex: str, pdf_path: Path, *, timeout: float = 120) -> Path:
    """Compile the LaTeX source ``tex`` to ``pdf_path`` (two passes, in a scratch folder)."""
    exe = shutil.which("pdflatex")
    if exe is None:
        raise FileNotFoundError("pdflatex is not installed (Debian: apt-get install texlive-latex-base "
                                "texlive-latex-recommended)")
    pdf_path = Path(pdf_path)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.tex"
        src.write_text(tex)
        for _ in range(2):
            proc = subprocess.run([exe, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
                                  cwd=tmp, capture_output=True, text=True, timeout=timeout,
                                  env={"PATH": "/usr/bin:/bin:/usr/local/bin", "SOURCE_DATE_EPOCH": "0",
                                       "FORCE_SOURCE_DATE": "1", "HOME": tmp})
            if proc.returncode != 0:
                raise LatexError("pdflatex failed:\n" + "\n".join(proc.stdout.splitlines()[-25:]))
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(tmp) / "doc.pdf", pdf_path)
    return pdf_path
