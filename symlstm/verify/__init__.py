"""Check a person's derivation: read LaTeX claims into a cell's vocabulary and decide them."""
from .api import ClaimError, FileReport, LatexError, VerifyResult, verify, verify_file, verify_tex

__all__ = ["ClaimError", "FileReport", "LatexError", "VerifyResult", "verify", "verify_file", "verify_tex"]
