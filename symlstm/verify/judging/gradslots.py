r"""Where a layer keeps its gradients: DLFS-style code (Saito's *Deep Learning from Scratch 2*) and its many copies.

A layer class lists its parameters, ``self.params = [Wx, Wh, b]``, and keeps their gradients in a list of the same
order, ``self.grads``; its backward pass stores each gradient in its parameter's slot (``self.grads[0][...] =
dWx``), and a layer over the time steps (``TimeRNN``) sums the gradients its step layers computed::

    grads = [0, 0, 0]
    for t in reversed(range(T)):
        layer = self.layers[t]
        dx, dh = layer.backward(dhs[:, t, :] + dh)
        for i, grad in enumerate(layer.grads):
            grads[i] += grad            # the sum over the steps: the weights are shared
    for i, grad in enumerate(grads):
        self.grads[i][...] = grad

Two slips are checked, each where it is written:

* a gradient stored in another parameter's slot (``self.grads[1][...] = dWx`` beside ``self.params = [Wx, Wh,
  b]``) fails, naming both; one in its own slot passes;
* in a loop over the steps, a step layer's gradient stored into the list instead of added to it (``grads[i][...] =
  grad``, ``grads[i] = grad``) fails: it keeps one step's part, not the sum over the steps the shared weights
  receive; added (``grads[i] += grad``) it passes, and so does storing the sums in the layer's own slots after the
  loop.

Nothing is run: the lines are read with the class's own list of parameters.
"""
from __future__ import annotations

import re

from ..text.codefences import CODE_FENCE_LANGUAGES, _indent, _uncommented, fence_blocks
from .accumstarts import TIME_LOOP
from .report import RowResult

__all__ = ["slot_results", "misshapen_stores", "SLOT_NOTE"]

#: The note on such a row.
SLOT_NOTE = "where a layer keeps its gradients (self.params and self.grads, in the same order)"

_CLASS = re.compile(r"^\s*class\s+\w+")
_PARAMS = re.compile(r"^\s*self\.params\s*=\s*\[(?P<names>\s*[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*\s*)\]\s*$")
_STORE = re.compile(r"^\s*self\.grads\s*\[\s*(?P<k>\d+)\s*\]\s*(?:\[\s*\.\.\.\s*\]\s*)?=(?!=)\s*(?:self\.)?"
                    r"(?P<name>[A-Za-z_]\w*)\s*$")
_ENUMERATE = re.compile(r"^\s*for\s+(?P<i>[A-Za-z_]\w*)\s*,\s*(?P<g>[A-Za-z_]\w*)\s+in\s+enumerate\(\s*"
                        r"(?P<seq>(?:self\.)?(?:[A-Za-z_]\w*\.)?grads)\s*\)\s*:\s*$")


def _gradient_names(param: str) -> set:
    """The names code gives the gradient of ``param`` (dWx, d_Wx, grad_Wx, Wx_grad, dLdWx)."""
    return {f"d{param}", f"d_{param}", f"grad_{param}", f"grad{param}", f"{param}_grad", f"dLd{param}"}


def slot_results(text: str, sources: dict | None = None) -> list:
    """A :class:`RowResult` for each gradient a layer stores in its slots, and for each step layer's gradients
    gathered in a loop over the steps, in the text's Python fences (module doc). ``sources``, if given, receives
    {line of a store: line of the assignment of the value it stores} (:func:`misshapen_stores`)."""
    out = []
    for start, _, body in fence_blocks(text, CODE_FENCE_LANGUAGES):
        code = [_uncommented(x).rstrip() for x in body]
        out += _stores(code, start, sources) + _gathered(code, start)
    return out


#: A row's failure for the shape of its value: ``the left side is 3x3 but the right side 1x3`` (rowjudge).
_SHAPE_FAIL = re.compile(r"the left side is (?P<want>\d+x\d+) but the right side (?P<got>\d+x\d+)")


def misshapen_stores(slots: list, results: list, sources: dict) -> list:
    """``slots`` with each store that passed made a failure where the row assigning the stored value failed for
    its shape (``dWh = np.sum(dt, axis=0)``, a vector where Wh is a matrix): the slot keeps the parameter's shape,
    so numpy broadcasts the value into it (``self.grads[1][...] = dWh`` fills every row with it) or cannot."""
    failed = {r.line: m for r in results if r.status == "fail" and (m := _SHAPE_FAIL.search(r.why or ""))}
    for r in slots:
        m = failed.get(sources.get(r.line))
        if r.status == "pass" and m is not None:
            r.status, r.holds = "fail", False
            r.why = (f"the value stored has the shape {m['got']} (line {sources[r.line]}), its parameter's slot "
                     f"{m['want']}: numpy broadcasts it into every entry of the slot, or cannot")
    return slots


def _row(line, code, status, why):
    text = code.strip()
    return RowResult(line=line, column=len(code) - len(code.lstrip()) + 1, text=text, status=status,
                     holds=status == "pass", reading="definition", why=why, notes=[SLOT_NOTE])


def _stores(code: list, offset: int, sources: dict | None = None) -> list:
    """``self.grads[k][...] = dX`` checked against the class's ``self.params`` (``sources``: slot_results)."""
    out, params = [], None
    for k, line in enumerate(code):
        if _CLASS.match(line):
            params = None
        m = _PARAMS.match(line)
        if m is not None:
            params = [x.strip() for x in m["names"].split(",")]
            continue
        s = _STORE.match(line)
        if s is None or params is None or int(s["k"]) >= len(params):
            continue
        slot, name = int(s["k"]), s["name"]
        owners = [p for p in params if name in _gradient_names(p)]
        if not owners:
            continue
        if params[slot] in owners:
            out.append(_row(offset + k + 1, line, "pass",
                            f"{name} is stored in the slot of {params[slot]} (self.params[{slot}])"))
            if sources is not None:
                assigned = _assignment_above(code, k, name)
                if assigned is not None:
                    sources[offset + k + 1] = offset + assigned + 1
        else:
            j = params.index(owners[0])
            out.append(_row(offset + k + 1, line, "fail",
                            f"{name} is the gradient of {owners[0]} (self.params[{j}]) but is stored in the slot of "
                            f"{params[slot]} (self.params[{slot}]): the update of {params[slot]} would use it"))
    return out


def _assignment_above(code: list, k: int, name: str):
    """The index of the last line above ``k`` in its function that assigns ``name`` (``dWh = ...``), else None."""
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=(?!=)")
    for j in range(k - 1, -1, -1):
        if re.match(r"\s*(?:def|class)\s", code[j]):
            return None
        if pattern.match(code[j]):
            return j
    return None


def _gathered(code: list, offset: int) -> list:
    """``for i, grad in enumerate(layer.grads): grads[i] += grad`` in a loop over the steps, and the sums stored
    after it."""
    out = []
    for k, line in enumerate(code):
        m = _ENUMERATE.match(line)
        if m is None:
            continue
        in_steps = _inside_time_loop(code, k)
        i, g = re.escape(m["i"]), re.escape(m["g"])
        for j in range(k + 1, len(code)):
            if not code[j].strip():
                continue
            if _indent(code[j]) <= _indent(line):
                break
            a = re.match(rf"^\s*(?P<acc>(?:self\.)?[A-Za-z_]\w*)\s*\[\s*{i}\s*\]\s*(?:\[\s*\.\.\.\s*\]\s*)?"
                         rf"(?P<op>\+=|=(?!=))\s*{g}\s*$", code[j])
            if a is None:
                continue
            own = a["acc"] == "self.grads"
            if in_steps and not own and m["seq"] != a["acc"]:
                if a["op"] == "+=":
                    out.append(_row(offset + j + 1, code[j], "pass",
                                    f"each step's gradients added to {a['acc']}: the sums over the steps the "
                                    f"shared weights receive"))
                else:
                    out.append(_row(offset + j + 1, code[j], "fail",
                                    f"{a['acc']}[{m['i']}] is set anew at each step of the loop over the steps: it "
                                    f"keeps one step's gradient, not the sum over the steps the shared weights "
                                    f"receive ({a['acc']}[{m['i']}] += {m['g']})"))
            elif not in_steps and own and m["seq"] != "self.grads" and a["op"] == "=":
                out.append(_row(offset + j + 1, code[j], "pass",
                                f"the gathered gradients stored in the layer's own slots, in the order of "
                                f"{m['seq']}"))
    return out


def _inside_time_loop(code: list, k: int) -> bool:
    """Is line ``k`` in the body of a loop over the steps (``for t in reversed(range(T)):``)?"""
    indent = _indent(code[k])
    for j in range(k - 1, -1, -1):
        if not code[j].strip() or _indent(code[j]) >= indent:
            continue
        if TIME_LOOP.match(code[j]):
            return True
        if re.match(r"\s*(?:def|class)\s", code[j]):
            return False
        indent = _indent(code[j])
    return False
