"""Round 6 (GRU sources): EpyNN's GRU layer (code, row vectors, trailing-underscore pre-activations).

Hand-worked verdicts: every row of tests/derivations/epynn_gru_layer.tex is correct (expected pass).  The reader
does not read the code's trailing underscore (``r\\_``) yet; what is asserted is that it never passes a wrong
variant and says why it leaves a row unread.
"""
import os

from symlstm.verify.judging.judge import verify_derivation

HERE = os.path.join(os.path.dirname(__file__), "derivations")


def _text():
    with open(os.path.join(HERE, "epynn_gru_layer.tex"), encoding="utf-8") as f:
        return f.read()


def test_unread_rows_say_why():
    rep = verify_derivation(_text())
    for r in rep.results:
        if r.status == "unreadable":
            assert r.why


def test_a_wrong_sign_in_the_update_gate_gradient_does_not_pass():
    # dL/dz_ = dh_ (hp - hh) sigma'(z_); the sign flipped (hh - hp) is wrong
    text = _text().replace(r"dz\_ = dh\_ \odot (hp - hh)", r"dz\_ = dh\_ \odot (hh - hp)")
    rep = verify_derivation(text)
    assert all(r.status != "pass" for r in rep.results if "hh - hp" in (r.latex if hasattr(r, "latex") else ""))
    line = [k + 1 for k, l in enumerate(text.split("\n")) if "(hh - hp)" in l][0]
    assert all(r.status != "pass" for r in rep.results if r.line == line)
