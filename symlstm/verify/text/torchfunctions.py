r"""Two habits of hand-written ``torch.autograd.Function`` cells (Goldsborough's LLTM and the copies of it).

**Parts of a split taken by index.** ``gates = gate_weights.chunk(4, dim=1)`` then ``input_gate =
F.sigmoid(gates[0])`` ... ``candidate_cell = F.tanh(gates[3])``: the reader reads a split into names
(``a_i, a_f, a_o, a_g = np.split(z, 4, axis=1)``), not a list indexed by number. :func:`indexed_splits` names
each part by the name its activation gives it, ``pre_input_gate`` (its pre-activation), writes the split as
that unpacking and every ``gates[0]`` as the part's name, in the forward pass and again in the backward, which
splits anew. Only where the list is read by constant indices alone and each part has one activation.

**The gradients handed to backward.** ``backward(ctx, grad_h, grad_cell)`` receives the loss's gradients by the
outputs ``forward`` returns, in order (``return new_h, new_cell``): ``grad_h`` is the gradient of new_h.
:func:`autograd_gradients` writes each as ``d_new_h``, ``d_new_cell`` in the backward's body, where its name says
another quantity than the output it pairs with. Only in a class whose ``forward`` and ``backward`` both take
``ctx`` first and where the counts match. Likewise the names backward gives what forward saved (``rg, ig, ng, hn,
hx = ctx.saved_variables[:5]`` beside ``ctx.save_for_backward(resetgate, inputgate, newgate, h_n, old_h)``) are
the forward's names (:func:`_saved_names`).
"""
from __future__ import annotations

import re

from .codeblocks import block_end

__all__ = ["indexed_splits", "autograd_gradients", "MAX_PARTS"]

#: The most lines a ``ctx.save_for_backward(...)`` call is read over.
MAX_SAVE_LINES = 8
#: A split into at most this many parts is read (an LSTM's four gates; a larger count is no cell's).
MAX_PARTS = 8

_SPLIT = re.compile(r"^(?P<ind>\s*)(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<rhs>np\.split\(\s*[A-Za-z_][\w.]*\s*,\s*(?P<n>\d)\s*"
                    r"(?:,\s*axis\s*=\s*-?\d\s*)?\))\s*$")


def indexed_splits(bodies: list) -> list:
    """The bodies with each split read by index written as an unpacking into named parts (module doc)."""
    out = []
    for body in bodies:
        if "np.split(" not in body or "[" not in body:
            out.append(body)
            continue
        lines = body.split("\n")
        for name in sorted({m["name"] for x in lines if (m := _SPLIT.match(x))}):
            splits = [k for k, x in enumerate(lines) if (m := _SPLIT.match(x)) and m["name"] == name]
            n = int(_SPLIT.match(lines[splits[0]])["n"])
            word = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")
            at = re.compile(rf"(?<![\w.]){re.escape(name)}\[\s*(\d)\s*\]")
            if not 2 <= n <= MAX_PARTS or any(int(_SPLIT.match(lines[k])["n"]) != n for k in splits) or any(
                    word.search(at.sub("", x)) for k, x in enumerate(lines) if k not in splits):
                continue        # (read otherwise than by constant indices: left as it was)
            parts = {}
            for x in lines:
                m = re.match(rf"^\s*(?P<c>[A-Za-z_]\w*)\s*=\s*(?:[A-Za-z_][\w.]*)\(\s*{re.escape(name)}\[\s*(?P<k>\d)\s*\]"
                             r"\s*\)\s*$", x)
                if m is not None:
                    parts.setdefault(int(m["k"]), m["c"])
            if sorted(parts) != list(range(n)) or len(set(parts.values())) != n:
                continue
            names = [f"pre_{parts[k]}" for k in range(n)]
            if any(re.search(rf"(?<![\w.]){p}(?!\w)", body) for p in names):
                continue
            for k in range(len(lines)):
                m = _SPLIT.match(lines[k])
                if k in splits:
                    lines[k] = f"{m['ind']}{', '.join(names)} = {m['rhs']}"
                else:
                    lines[k] = at.sub(lambda a: names[int(a[1])] if int(a[1]) < n else a.group(), lines[k])
        out.append("\n".join(lines))
    return out


_SAVE = re.compile(r"^\s*ctx\.save_for_backward\(\s*(?P<items>[^()]*)\)\s*$")
_SAVED = re.compile(r"^(?P<ind>\s*)(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*,?\s*=\s*ctx\.saved_(?:tensors|variables)"
                    r"(?:\[\s*(?P<a>\d*)\s*:\s*(?P<b>\d*)\s*\])?\s*$")
_DEF = re.compile(r"^(?P<ind>\s*)def\s+(?P<fn>forward|backward)\s*\(\s*ctx\s*(?P<params>(?:,\s*[A-Za-z_]\w*\s*)*)\)\s*:")
_RETURN = re.compile(r"^\s*return\s+(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*$")


def _saved_names(lines: list, kf: int, end: int, kb: int, stop: int) -> None:
    """The backward's names for what the forward saved (``rg, ig, ng = ctx.saved_variables[:3]`` beside
    ``ctx.save_for_backward(resetgate, inputgate, newgate)``) written as the forward's, in place: ``rg`` is the
    forward's resetgate. Only plain names saved, and a backward name used by nothing else of the forward."""
    saves = []
    for k in range(kf + 1, end):
        if "save_for_backward(" in lines[k]:     # (its arguments may run over lines)
            j = next((j for j in range(k, min(end, k + MAX_SAVE_LINES)) if ")" in lines[j]), k)
            saves += [m for m in [_SAVE.match(" ".join(x.strip() for x in lines[k:j + 1]))] if m]
    if len(saves) != 1:
        return
    saved = [x.strip() for x in saves[0]["items"].split(",") if x.strip()]
    if not all(re.fullmatch(r"[A-Za-z_]\w*", x) for x in saved):
        return
    forward_text = "\n".join(lines[kf:end])
    renames = {}
    for k in range(kb + 1, stop):
        m = _SAVED.match(lines[k])
        if m is None:
            continue
        names = [x.strip() for x in m["names"].split(",")]
        first = int(m["a"]) if m["a"] else 0
        items = saved[first:int(m["b"])] if m["b"] else saved[first:]
        if len(items) != len(names):
            return
        for name, item in zip(names, items):
            if name != item:
                renames[name] = item
    if any(re.search(rf"(?<![\w.]){re.escape(a)}(?!\w)", forward_text) for a in renames) or \
            len(set(renames.values())) != len(renames):
        return          # (a backward name that is another forward quantity's: not renamed)
    for a, b in renames.items():        # (and its gradient's name: grad_hx is old_h's, grad_old_h)
        word = re.compile(rf"(?<![\w.])(grad_|d_)?{re.escape(a)}(?!\w)")
        for k in range(kb + 1, stop):
            lines[k] = word.sub(lambda m: (m[1] or "") + b, lines[k])


def autograd_gradients(bodies: list) -> list:
    """The bodies with the gradients a ``backward(ctx, ...)`` receives named by the outputs its ``forward(ctx,
    ...)`` returns (module doc)."""
    out = []
    for body in bodies:
        if "ctx" not in body:
            out.append(body)
            continue
        lines = body.split("\n")
        defs = [(k, m) for k, x in enumerate(lines) if (m := _DEF.match(x))]
        for (kf, f), (kb, b) in zip(defs, defs[1:]):
            if f["fn"] != "forward" or b["fn"] != "backward" or f["ind"] != b["ind"]:
                continue
            end = block_end(lines, kf)
            returns = [m for x in lines[kf + 1:end] if (m := _RETURN.match(x))]
            grads = [g.strip() for g in b["params"].split(",") if g.strip()]
            if not returns or not grads:
                continue
            outs = [x.strip() for x in returns[-1]["names"].split(",")]
            if len(outs) != len(grads):
                continue
            stop = block_end(lines, kb)
            _saved_names(lines, kf, end, kb, stop)
            for g, o in zip(grads, outs):
                if g in (f"grad_{o}", f"d{o}", f"d_{o}", f"grad{o}") or g in outs:
                    continue
                word = re.compile(rf"(?<![\w.]){re.escape(g)}(?!\w)")
                for k in range(kb, stop):
                    lines[k] = word.sub(f"d_{o}", lines[k])
        out.append("\n".join(lines))
    return out
