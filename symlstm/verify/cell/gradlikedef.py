r"""A forward row among the backward rows whose left side is spelled as a gradient and that no other forward row reads.

``dx\_and\_dh\_reset = (W^{(C)})^T`` after the backward rows began: the left side is gradient notation (``d`` +
a name), the right side holds no gradient, so the row reads as the definition of a new quantity and would pass
whatever it says. When no other forward row reads what it defines (so a defined loss never depends on it), nothing
makes it a row of the cell: the author meant a gradient and the right side is not one the reader can name. Unreadable,
with that reason, never a silent pass.

A forward row ``dsigmoid = h_{next} (1 - h_{next})`` (Talwar's notebook) names the function's derivative the code
keeps: it claims sigma'(a) where h = sigma(a) (:func:`function_derivative_claim`), checked as that.

Its twin among the backward rows: ``dA = sigmoid_diff(A)`` (ReNom's layers), a gradient's name given a function of
its own quantity alone, is a local derivative the code names like a gradient (:func:`local_derivative_row`).
"""
from __future__ import annotations

from ..numeric.losses import dead_keys
from ...latex.notation import FUNCTION_WORDS
from ..text.names import NotReadable, gradient_split, key_latex, keys_in, resolve
from ..text.trees import walk

__all__ = ["gradient_like_definition", "local_derivative_row", "function_derivative_claim"]


def gradient_like_definition(tree, model, d) -> str:
    """The reason the forward row ``tree`` (definition ``d``) is a gradient-named row outside the cell, else ""."""
    if tree is None or len(tree[1]) < 2:
        return ""
    lhs = tree[1][0]
    if lhs[0] != "sym" or gradient_split(lhs[1]) is None or not d.keys:
        return ""
    keys = set(d.keys)
    for x in model.defs:
        if x is not d and x.row != d.row:
            for n in walk(x.node):
                if n[0] == "sym":
                    try:
                        if resolve(n, model.vocab).key in keys:
                            return ""       # another forward row reads it: a row of the cell
                    except NotReadable:
                        continue
    rest = sorted({k for x in model.defs if x is not d for k in x.keys if not k.startswith("pre:")})
    # (a key the model does not know as a quantity, dhcandidate_dhprev, is read by no loss: no evidence either way
    # is no reason to take the row as the cell's)
    known = {k for k in keys if k in model.params or k in model.vocab.quantities or k in model.vocab.inputs}
    if getattr(model, "loss_def", None) is None and known & {k for k, _ in getattr(model, "outputs", ())}:
        known = set()           # (no loss stated: the reader's stand-in loss reads it only because nothing else does)
    try:
        if rest and set(dead_keys(model, rest)) != set(rest) and known and \
                set(dead_keys(model, sorted(known))) != known:
            return ""           # the loss reads it
    except Exception:           # noqa: BLE001 - undecidable here: left as it was
        return ""
    return (f"{lhs[1]} is spelled as a gradient but its right side holds none, and as a definition no forward row "
            f"reads it: no gradient of the cell the reader can name")


def local_derivative_row(tree, vocab) -> str:
    """Why ``dA = sigmoid_diff(A)`` (ReNom's layers) is not read: a gradient's name whose value is a function of
    its own quantity alone (no other name, no gradient) is the derivative of A's activation at A, a name of the
    code, not the gradient of the loss by A (which needs what reaches A from the loss); else ""."""
    if tree is None or len(tree[1]) != 2 or tree[2][0] != "=" or tree[1][0][0] != "sym":
        return ""
    g = gradient_split(tree[1][0][1])
    if g is None or g[1] not in vocab.quantities:
        return ""
    try:
        read = keys_in(tree[1][1:], vocab)
    except NotReadable:
        return ""
    functions = {k for k in read if k in FUNCTION_WORDS}
    if not functions or read - functions != {g[1]}:
        return ""
    name = key_latex(g[1])
    return (f"it gives d{name} a function of {name} alone (the derivative of its activation at {name}), with no "
            f"gradient of the loss on its right: a name of the code for a local derivative, not the gradient of the "
            f"loss by {name}, which needs what reaches {name} from the loss")


def function_derivative_value(key: str, rhs: list, vocab):
    """The names (besides function words) that the right side ``rhs`` (a row's parts after its left side) of a row
    defining ``key`` reads, when ``key`` is ``d`` + a function's word (``dsigmoid``) and they hold no gradient
    (``dsigmoid = h (1 - h)``): the function's derivative kept as a value; else None."""
    g = gradient_split(key)
    if g is None or g[1] not in FUNCTION_WORDS:
        return None
    try:
        read = keys_in(rhs, vocab) - set(FUNCTION_WORDS)
    except NotReadable:
        return None
    return read if read and not any(gradient_split(u) for u in read) else None


def function_derivative_claim(tree, model, vocab):
    r"""``dsigmoid = h_{next} (1 - h_{next})``, a forward row giving ``d`` + a function's word a value of one
    quantity h whose forward row is ``h = sigmoid(a)``: the row ``sigmoid'(a) = h_{next} (1 - h_{next})`` it
    claims (the derivative at h's argument), else None (the row stays a definition of the code's name)."""
    if tree is None or len(tree[1]) != 2 or tree[1][0][0] != "sym":
        return None
    read = function_derivative_value(tree[1][0][1], tree[1][1:], vocab)
    if read is None:
        return None
    word = FUNCTION_WORDS[gradient_split(tree[1][0][1])[1]][0]
    bodies = [d.node for d in model.defs if tuple(d.keys) == tuple(read) and d.node[0] == "mul" and
              len(d.node[1]) == 2 and d.node[1][0][0] == "sym" and
              FUNCTION_WORDS.get(d.node[1][0][1], ("",))[0] == word]
    if len(read) != 1 or len(bodies) != 1:
        return None
    f, arg = bodies[0][1]
    if arg[0] == "sym" and arg[1].startswith("pre:"):       # h = sigmoid(pre:h), pre:h = (...): the net input
        arg = next((d.node for d in model.defs if tuple(d.keys) == (arg[1],)), None)
        arg = arg if arg is None or arg[0] == "paren" else ("paren", "(", arg)
    if arg is None or arg[0] != "paren" or arg[1] != "(":
        return None
    derivative = ("mul", [("sym", f[1], None, None, None, 1), arg], [None, None])
    return ("row", [derivative, tree[1][1]], ["="])
