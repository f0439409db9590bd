r"""``\delta_t`` on its own (a time and no quantity), where no row defines it: the error entering the cell at step t,
the gradient of the loss by the cell's recurrent state at t (``\delta_t = \partial L/\partial h_t``), or, as classic
backprop writes \delta, by that state's pre-activation (``\partial L/\partial a_t`` for ``h_t = \tanh(a_t)``).

Read only where the cell has exactly one recurrent state (a quantity its rows read at the step before, h_{t-1}); an
LSTM's h and c make \delta_t ambiguous and it stays unreadable. Both readings are the total gradient.
"""
from __future__ import annotations

from ..text.names import NotReadable
from .numbase import Grad, _time_text
from .vanish import note

__all__ = ["recurrent_state", "lone_delta"]


def recurrent_state(ev):
    """The one quantity of the cell read at the step before (h for h_{t-1}), or None (none, or several)."""
    v = ev.vocab
    states = sorted({k for k in v.quantities if k not in v.params and k not in v.inputs and
                     any(shift == 1 for _, _, shift in ev.sites(k))})
    return states[0] if len(states) == 1 else None


def lone_delta(ev, node, ref, ctx):
    r"""The value of ``\delta_t`` under its reading, or raise NotReadable."""
    if node[1] != "delta" or ref.time is None or ref.word or ref.index or ref.block or ref.primes:
        raise NotReadable(r"\delta without a quantity")
    label = ref.key.partition("_")[2]
    if label and label in ev.vocab.quantities and label not in ev.vocab.params and label not in ev.vocab.inputs \
            and not node[4]:        # (a label in the subscript, beside the step; \delta^h_t, \delta^{h,future}_t: not read)
        # \delta_{f,t}, \delta_{\tilde c, t} (Han Bingtao's LSTM notes, Graves): the error term of the gate f, the
        # gradient of its pre-activation (net_{f,t}) as classic backprop writes \delta, or of the gate itself
        return _labelled(ev, node, ref, ctx, label)
    if any(len(x) > 1 for x in ref.key.split("_")[1:]) or label and not node[4]:
        # (\delta^l_t, AI-Edu's layer label, is the state's; \delta_{q,t} with a q the cell does not compute is
        # no quantity's error term)
        raise NotReadable(f"\\delta with the label {label}: a \\delta no row defines")
    defined = getattr(ev, "lone_delta_key", None)        # a row defines \delta_t (lonedeltadef.py): that gradient
    key = defined or recurrent_state(ev)
    if key is None:
        raise NotReadable(r"\delta without a quantity (\delta_t with a time only: the cell has no single recurrent "
                          r"state it would be the gradient of)")
    tau = ev.time_of(ref, ctx)
    cands = [("total",)]
    if key in ev.vocab.preacts and not defined:
        cands.append(("pre", "total"))
    return _read(ev, ctx, Grad(key, _time_text(ref), "", ctx.lhs, style="lone", text=repr(node[1:3])), cands, tau)


def _labelled(ev, node, ref, ctx, key):
    """The value of ``\\delta_{q,t}`` for a quantity q of the cell: its pre-activation's total gradient (the error
    term), or q's own; one reading per written symbol."""
    cands = [("pre", "total"), ("total",)] if key in ev.vocab.preacts else [("total",)]
    g = Grad(key, _time_text(ref), "", ctx.lhs, style="lone", text=repr(node[1:3]) + key)
    return _read(ev, ctx, g, cands, ev.time_of(ref, ctx))


def _read(ev, ctx, g, cands, tau):
    """The gradient ``g`` stands for under the row's reading among ``cands`` (offered to the row first)."""
    ctx.seen.setdefault(g, cands)
    val = ev.gradient_by(ctx.readings.get(g, cands[0]), g.key, tau)
    if getattr(ev, "row_gradients", False) and val.ndim == 2 and val.shape[1] == 1 < val.shape[0]:
        val = val.T         # a file whose gradients are rows (labelled 1 x D: text/vectorlabels.py): \delta too
    note(ev, ctx, g, val)
    return val
