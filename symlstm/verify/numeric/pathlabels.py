r"""A gradient written with a label of the path it covers: ``d h_{t-1}^{(update)}``, ``d h_{t-1}^{(from\_h)}``,
``d h_{t-1}^{(\text{carry over})}``, ``d h_{t-1}^{(\tilde{h})}``.

Texts that derive a step backward split what reaches h_{t-1} into its paths and label each piece by a word, or by
the quantity it passes through, in a bracketed superscript. Read without the label, the piece would be claimed
as the whole gradient (a false failure); read as "some of the paths", any piece would match some subset of the
uses, and a piece labelled with one gate but computed through another would pass. The label is prose: which
uses it names is not in the rows. Such a piece is not read (unreadable, saying why); its value is still checked
where a row sums the pieces (summedparts.py) or where the text states the whole gradient.

Only labels that cannot be a step or a copy index: a word of two or more letters (not the time letter, T or a
time word), an accented letter, or words in ``\text{...}``; ``d h^{(t)}``, ``dh^{(k)}``, ``d h^{(2)}`` are read as
before.
"""
from __future__ import annotations

from ...latex.notation import TIME_WORDS
from ..text.names import NotReadable

__all__ = ["path_label"]


def _label_text(x):
    if x[0] == "sym":
        if x[2] is not None:                       # \tilde{h}: a quantity's accented name
            return f"\\{x[2]}{{{x[1]}}}"
        word = x[1]
        if len(word.replace("_", "")) >= 2 and word.replace("_", "").isalpha() and word not in TIME_WORDS and \
                word not in ("T", "tau"):
            return word.replace("_", " ")
        return None
    if x[0] == "text":
        return str(x[1])
    if x[0] == "mul" and all(y[0] == "sym" and y[2] is None and y[3] is None and y[4] is None for y in x[1]):
        return " ".join(y[1] for y in x[1])        # carry over: two words
    return None


def path_label(operand, time_var):
    """Raise NotReadable for ``d X^{(label)}`` (module doc); else return None."""
    if operand[0] != "sym" or not operand[4] or len(operand[4]) != 1:
        return None
    sup = operand[4][0]
    if sup[0] != "paren" or sup[1] != "(" or not isinstance(sup[2], tuple):
        return None
    inner = sup[2]
    if inner[0] == "sym" and inner[1] == time_var:
        return None
    label = _label_text(inner)
    if label is None:
        return None
    raise NotReadable(f"d{operand[1]}^({label}): a part of the gradient labelled by the path it covers; which uses "
                      "the label names is prose, not read (the part is checked where the whole is stated or summed)")
