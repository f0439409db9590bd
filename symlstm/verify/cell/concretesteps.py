r"""A cell stated only at concrete steps: ``h_{(1)} = x_{(1)} U + b_h``, ``h_{(2)} = x_{(2)} U + s_{(1)} W + b_h``
(course notes that unroll a net of two steps and write every row at its step: text/numberedsteps.py).

When every forward row defines its name at one numbered step and the rows name two or more steps, the rows are
the unrolled sequence itself: each row is its name's definition at that step only (a Def with ``at``), the
sequence is as long as the last step written, and no step has a general row (the first step may differ from
the second: no recurrent term before t1). A row whose name has no step (``\hat{y} = \sigma(o_4 W_y)``) is the
net's output, read once at the last step (numeric/laststep.py).
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES

__all__ = ["unrolled_steps"]


def unrolled_steps(cands, skip, at_step) -> int:
    """The number of steps when every forward candidate (``cands`` rows of build, less the row indices or keys in
    ``skip``) defines one name at a concrete step and two or more steps are written; else 0."""
    from ..text.trees import symbols
    steps = set()
    seen = False
    for k, keys, refs, parts, rels in cands:
        if skip(k, keys) or any(key in LOSS_NAMES for key in keys) or rels[0] != "=":
            continue
        seen = True
        if len(refs) == 1 and not at_step(refs[0]) and refs[0].time is not None and not any(
                n[1] == parts[0][1] for j, _, _, ps, _ in cands if j != k for n in symbols(ps[-1])):
            continue        # h_t = f(W x_t + W_h h_{t-1}) beside o_1, ..., o_4: a general form no row reads
        if len(refs) != 1 or not at_step(refs[0]) and (refs[0].time is not None or refs[0].word):
            return 0
        if at_step(refs[0]):        # (a row without a step, \hat{y} = \sigma(o_4 W_y): the net's one output)
            steps.add(at_step(refs[0]))
    return max(steps) if seen and len(steps) >= 2 else 0


def scalar_example(rows) -> bool:
    r"""Do the rows of an unrolled example write every quantity as a scalar? No transpose, no element-wise
    product sign, no stack, norm or sum anywhere, only plain products (``dz_{(2)} \cdot V \cdot (1-s_{(2)}^2)``):
    a vector cell's backward pass cannot be written so (the derivative of tanh of a vector is element-wise and
    a weight's gradient an outer product), so the example has one unit per node."""
    from ..text.names import TRANSPOSE_WORDS
    from ..text.trees import walk
    found = False
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            found = True
            if n[0] == "mul" and any(op not in (None, "cdot") for op in n[2]):
                return False
            if n[0] in ("matrix", "list", "big", "norm", "abs"):
                return False
            if n[0] == "sym" and any(it[0] == "top" or it[0] == "sym" and it[1] in TRANSPOSE_WORDS
                                     for it in n[4] or ()):
                return False
    return found


def step_preacts(step_defs, vocab):
    r"""``s_{(k)} = Tanh(h_{(k)})`` at every step that defines s: h is s's pre-activation (vocab.preacts), as a
    general row ``s_t = \tanh(h_t)`` makes it (so \tanh'(s) may be written through the output s)."""
    from ...latex.notation import FUNCTION_WORDS
    from ..text.names import NotReadable, resolve
    found = {}
    for d in step_defs:
        n, key = d.node, d.keys[0]
        pre = None
        if len(d.keys) == 1 and n[0] == "mul" and len(n[1]) == 2 and n[2][1] is None and n[1][0][0] == "sym" and \
                n[1][0][3] is None and n[1][0][4] is None and n[1][0][1] not in vocab.quantities:
            fname = FUNCTION_WORDS.get(n[1][0][1], (None,))[0]
            arg = n[1][1][2] if n[1][1][0] == "paren" else n[1][1]
            if fname in ("tanh", "sigmoid") and arg[0] == "sym":
                try:
                    r = resolve(arg, vocab)
                except NotReadable:
                    r = None
                if r is not None and r.key in vocab.quantities and r.time == ("num", str(d.at)) and not r.word:
                    pre = (fname, r.key)
        found.setdefault(key, set()).add(pre)
    for key, pres in found.items():
        if len(pres) == 1 and None not in pres and key not in vocab.preacts:
            vocab.preacts[key] = pres.pop()
