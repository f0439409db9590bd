r"""Gradient symbols of a row read in the author's model: dW, \delta h_t, \partial L/\partial x, \nabla, Jacobians,
d/dx applied to an expression; each gradient symbol is read under a reading (total, one step, one path)."""
from __future__ import annotations

import re

import itertools

import numpy as np

from ...latex.notation import FUNCTION_WORDS, LOSS_NAMES, PREACT_CODE_SUFFIXES, PREACT_LETTERS, PREACT_SUFFIXES, \
    PREACT_WORDS, TIME_WORDS, UPSTREAM_GRADIENT_NAMES
from ..text.codefences import CODE_ASSIGNED, CODE_GRADIENT_VALUED
from .author import STEP, IllTyped
from ..text.names import COST_NAMES, NotReadable, Ref, Undefined, abbreviated_time, key_latex, resolve, synonym, code_spelling
from .arrowparts import arrow_delta, arrow_item
from .baretime import check_bare
from .chainjac import offer_chain
from .localjac import offer_partial
from .lonedelta import lone_delta
from ..text.trees import walk
from .numbase import Ctx, Func, Grad, OutOfRange, _diff, _show, _time_text, empty_sum
from .vanish import note
from ..text.trees import symbols

__all__ = ["GradientsMixin"]


#: Prefixes of a code name for a unit's pre-activation (``pre_act_i``: the net input of the gate i).
#: The derivative of a gate's function at the gate's value, for a gate sliced from a packed pre-activation.
PACKED_DERIVATIVES = {"sigmoid": lambda v: v * (1 - v), "tanh": lambda v: 1 - v * v}

PREACT_PREFIXES = ("pre_act", "preact", "pre_activation", "preactivation", "pre")


def _time_script(script, vocab) -> bool:
    r"""A script that is one step: the time letter, ``t \pm k`` or the last step T."""
    if len(script) != 1:
        return False
    x = script[0]
    tv = vocab.time_var
    if x[0] == "sym" and not x[2] and not x[3] and not x[4] and (x[1] == tv or x[1] in ("T", "tau")):
        return True
    return x[0] == "add" and len(x[1]) == 2 and x[1][0][0] == "+" and x[1][0][1][0] == "sym" and \
        x[1][0][1][1] in (tv, "T") and x[1][1][1][0] == "num"


def superscript_quantity(node, vocab):
    r"""The quantity a ``\delta`` names by its superscript, at the step of its subscript: ``\delta^{\tilde h}_t``
    (\tilde h_t), ``\delta^h_{a,t}`` (a^h_t, the label's pre-activation a^h); None when that is no quantity."""
    if node[0] != "sym" or node[1] != "delta" or node[2] is not None or node[5] or not node[4] or \
            len(node[4]) != 1 or node[4][0][0] != "sym" or node[4][0][3] or node[4][0][4] or node[4][0][5]:
        return None
    label, sub = node[4][0], list(node[3] or [])
    tries = []
    if len(sub) >= 2 and sub[0][0] == "sym" and len(sub[0][1]) == 1 and not sub[0][3] and not sub[0][4]:
        tries.append(("sym", sub[0][1], sub[0][2], sub[1:], [label], 0))
    tries.append((label[0], label[1], label[2], sub or None, None, 0))
    for inner in tries:
        try:
            if resolve(inner, vocab).key in vocab.quantities:
                return inner
        except NotReadable:
            pass
    return None


class NoTarget(IllTyped):
    """A gradient name whose target is no quantity of the derivation (dt: a code temporary, see temporaries.py)."""


class GradientsMixin:
    """The gradient part of :class:`~symlstm.verify.numeval.Evaluator`."""

    def delta_alone(self, node, ctx):
        if arrow_item(node) is not None:        # \delta_s^{(t)\rightarrow(t-1)}: a part of a gradient
            return arrow_delta(self, node, ctx)
        ref = resolve(node, self.vocab)
        if ref.key in self.derived:            # \delta_t \equiv \partial L / \partial z_t: a name the rows define
            return self.scripts(self.derived_value(ref.key, ref, ctx), Ref("value", transpose=ref.transpose), ctx)
        inner = node[3][0] if node[1] == "delta" and node[3] and len(node[3]) == 1 and node[2] is None and \
            (node[4] is None or _time_script(node[4], self.vocab)) and not node[5] else None
        if inner is not None and node[4] is not None and inner[0] == "sym" and inner[3] is None:
            inner = inner[:3] + (list(node[4]),) + inner[4:]      # \delta_c^t: the quantity below, its step above
        if node[1] == "delta" and node[2] is None and node[3] and len(node[3]) == 2 and node[4] is None and \
                not node[5] and node[3][0][0] == "sym" and node[3][0][3] is None and \
                _time_script(node[3][1:], self.vocab):
            inner = node[3][0][:3] + ([node[3][1]],) + node[3][0][4:]     # \delta_{c,t}: the quantity, then its step
        if inner is not None and inner[0] == "sym" and inner[1] != "delta":
            try:
                q = resolve(inner, self.vocab).key
            except NotReadable:
                q = None
            if q is not None and q in self.vocab.quantities:
                # \delta_{h_t}: the gradient of h_t, read as \delta h_t is (its readings: total, through one step)
                return self.value(("pre", "delta", None, inner), ctx)
            if inner[3] and len(inner[3]) >= 2 and node[4] is None and q is not None and \
                    q not in self.vocab.params and not self.vocab.known(q):
                # \delta_{z_{h,t}} with z_h named by no row: say which name, not "\delta without a quantity"
                from .numadjoint import tree_latex
                name = tree_latex(inner)
                raise NotReadable(f"\\delta_{{{name}}}: {name} is not defined in this derivation (no row computes it, "
                                  f"so its gradient is not known)")
        inner = superscript_quantity(node, self.vocab)
        if inner is not None:       # \delta^{\tilde h}_t, \delta^h_{a,t}: the gradient of \tilde h_t, of a^h_t
            return self.value(("pre", "delta", None, inner), ctx)
        if node[1] == "Delta" and (ref.time is not None or ref.word):
            out = self.model.state_output()
            if out is None:
                raise NotReadable(r"\Delta_t without an output")
            g = Grad(out, "head", "", ctx.lhs)
            return self.grad_value(g, out, self.time_of(ref, ctx), ctx, default=("head",))
        return lone_delta(self, node, ref, ctx)      # \delta_t: the gradient of the one recurrent state

    def named_gradient(self, ref: Ref, stem, node, ctx):
        r"""dW_f, dh_{next}, d\\_x: the gradient of the name after the prefix."""
        if ref.primes and stem + "'" * ref.primes in self.vocab.quantities:      # dX' for X'
            stem = stem + "'" * ref.primes
        elif ref.primes and ref.key + "'" * ref.primes in self.derived:
            return self.scripts(self.derived_value(ref.key + "'" * ref.primes, ref, ctx),
                                Ref("value", transpose=ref.transpose), ctx)
        elif ref.primes:
            raise NotReadable(f"d{key_latex(stem)}': {key_latex(stem)}' is not a name of this derivation")
        if ref.block and not ref.slice and not self.vocab.known(stem) and \
                f"{stem}_{ref.block}" in self.vocab.params:       # dWGRU^{(C)} beside the weight WGRU^{(C)}
            from dataclasses import replace
            stem = f"{stem}_{ref.block}"
            ref = replace(ref, key="d" + stem, block="")
        if ref.block and not ref.slice:          # dX\_and\_H\_in_t^{(x)}: the gradient of the part x_t
            from .exprblocks import concat_part
            part = concat_part(self, stem, ref, ctx)
            if part is not None:
                return self.named_gradient(part, part.key[1:], node, ctx)
        if stem in self._loss_labels() and stem not in self.vocab.quantities:
            # dy where y is the loss's label beside the prediction (y_hat, probs): the author's name for the output's
            # gradient (of the prediction or of its pre-activation), not the gradient of the label
            raise NotReadable(f"d{key_latex(stem)}: {key_latex(stem)} is the loss's label; the name stands for the "
                              "output's gradient, which no row defines")
        inner = Ref("value", stem, ref.time, ref.word, False, None, 0, ref.block, ref.slice)
        target = self.target_of(inner, ctx)
        self.named_part = ""
        word = ref.word
        if target is None and "_" in stem and not ref.word:      # d\_h\_prev: h at t-1
            base, _, w = stem.rpartition("_")
            if w in TIME_WORDS:
                word = w
                target = self.target_of(Ref("value", base, None, w), ctx)
            w, _, base = stem.partition("_")                       # dnext\_h, dprev\_h (CS231n)
            if target is None and w in TIME_WORDS and "_" not in base:
                word = w
                target = self.target_of(Ref("value", base, None, w), ctx)
        if target is None and not ref.word and not ref.time:          # dhnext, dcprev (min-char-rnn code)
            for w in TIME_WORDS:
                if stem.endswith(w) and len(stem) > len(w):
                    t2 = self.target_of(Ref("value", stem[:-len(w)], None, w), ctx)
                    if t2 is not None:
                        target, word = t2, w
                        break
        if target is None and not ref.word and not ref.time and abbreviated_time(stem, self.vocab):
            w = abbreviated_time(stem, self.vocab)                   # dhn (EpyNN code): dh next
            target = self.target_of(Ref("value", stem[:-1], None, w), ctx)
            word = w if target is not None else word
        if target is None and "_" in stem:          # dX_f, dh_{old1}: a named part of dX, dh
            base, _, label = stem.partition("_")
            for cut in range(stem.count("_"), 0, -1):
                parts = stem.split("_")
                base, label = "_".join(parts[:cut]), "_".join(parts[cut:])
                if _other_preact_word(base, label, self.vocab):
                    continue        # dz_raw beside dz_pre: z's own gradient, no path's part (_other_preact_word)
                b2, w = base, ref.word
                if "_" in base and base.rpartition("_")[2] in TIME_WORDS and not w:
                    b2, w = base.rpartition("_")[0], base.rpartition("_")[2]
                target = self.target_of(Ref("value", b2, ref.time, w), ctx)
                if target is not None and label in self.vocab.quantities and \
                        all(label not in s[0].replace(":", "_").split("_") for s in self.sites(target[0])):
                    target = None       # dh_g beside g = tanh(W x + U (r * h)): g reads no h (rh does): no path
                    continue            # named by g, a code name of its own (a site's key may hold it: h_c,
                    #                     z_linear, pre:o)
                if target is not None and (target[0] in self.vocab.quantities or target[0] in self.vocab.inputs) \
                        and (len(self.sites(target[0])) > 1 or any(
                            s[0].rpartition("_")[2] == label for s in self.sites(target[0]))):
                    # (a part of a gradient with one use, do_t_act beside h_t = o_t * tanh(c_t), is no part of
                    # it: the code's own name of another quantity, not read as the gradient of o_t)
                    self.named_part = label
                    word = w
                    break
                target = None
        if target is None and re.fullmatch(r"[a-z]{2,}", stem) and not ref.word and node[0] == "sym" and \
                node[1] in self.lettered_parts:
            # dha, dhb, ..., dhe (a GRU's code: the five paths into h_t, summed as dh): parts of dh lettered on
            target = self.target_of(Ref("value", stem[:-1], ref.time, ref.word), ctx)
            if target is not None and target[0] in self.vocab.quantities and len(self.sites(target[0])) > 1 and \
                    not self.vocab.known(stem):
                self.named_part = stem[-1]
            else:
                target = None
        if target is None and len(stem) == 1 and stem.isupper() and not self.vocab.family_known(stem):
            # dY beside y = W_y h + b_y, where no row names Y: code's capital for the quantity's gradient; only an
            # output no row reads, or the state carried to the next step (dH: h). A gate's capital (dO, dI beside
            # o, i) is as often its pre-activation's gradient (Keras-style code): not read so
            low = self.target_of(Ref("value", stem.lower(), ref.time, ref.word), ctx)
            sites = self.sites(low[0]) if low is not None and low[0] in self.vocab.quantities else None
            target = low if sites is not None and (not sites or any(shift == 1 for _, _, shift in sites)) else None
        if target is None and stem in COST_NAMES:      # dC/dy with C = C(y) only named in prose
            raise NotReadable(f"{_show(ref)}: the cost {key_latex(stem)} is not defined by a forward row")
        if target is None and not ctx.lhs and stem in UPSTREAM_GRADIENT_NAMES and ref.time is not None and \
                not ref.word and not self.vocab.known(stem) and self.model.state_output() is not None and \
                not getattr(getattr(self, "file_readings", None), "code", False):
            # dA_t (the gradient the layer above hands down by the outputs): the loss's gradient by the layer's
            # output at step t, its direct part (as \Delta_t is). Not in code, where the array's offset against the
            # steps (dvalues[t-1] beside H[t] = h_{t-1}) is not written
            out = self.model.state_output()
            g = Grad(out, "head", "", ctx.lhs)
            val = self.grad_value(g, out, self.time_of(ref, ctx), ctx, default=("head",))
            return self.scripts(val, Ref("value", out, transpose=ref.transpose, power=ref.power), ctx)
        if target is None and not ctx.lhs and not ref.word and stem not in LOSS_NAMES and \
                not self.vocab.family_known(stem):
            # dA (EpyNN code: the gradient the layer above hands down): a name no row defines, of no family
            from .digitnames import digit_slip
            slip = digit_slip(_show(ref), stem, self.vocab)      # dh_1 beside h1, h2: a run-on name (digitnames.py)
            if slip is not None:
                raise slip
            raise NotReadable(f"{_show(ref)}: {key_latex(stem)} is named by no row of this derivation (a gradient "
                              "given from outside it, as the layer above hands one down?), not read")
        if target is None:
            from .stacknames import stack_unread
            unread = stack_unread(stem, self.vocab, _show(ref))     # dW_{ih} beside W_{iz}, W_{ir}: their stack
            if unread is not None:
                raise unread
            if stem in LOSS_NAMES and ctx.lhs and not getattr(self.vocab, "code", False):
                # dL = tr((\partial L/\partial c_t)^T dc_t): a differential (in code, dL = dnext_h * (1 - h ** 2)
                # is a name of the code: a temporary, below)
                raise NotReadable(f"{_show(ref)}: the differential of the loss (matrix calculus, dL = tr(...)) "
                                  "is not read; the gradients it leads to are")
            raise NoTarget(f"{_show(ref)}: no quantity {key_latex(stem)} in this derivation")
        key, tau = target
        provided = getattr(self, "author_values", None)
        if provided and tau is not None and node[0] == "sym" and node[1] in provided:
            # dh1 after its naming row fails: the author's value (judging/authorvalues.py); None: the gradient
            val = provided[node[1]](tau)
            if val is not None:
                self.named_part = ""
                return self.scripts(val, Ref("value", key, transpose=ref.transpose, power=ref.power,
                                             slice=ref.slice, block=ref.block), ctx)
        g = Grad(key, _time_text(ref) or word, word, ctx.lhs, named=self.named_part, style="d", text=_written(node))
        self.named_part = ""
        val = self.grad_value(g, key, tau, ctx, step=self.param_step(ref, tau, ctx))
        return self.scripts(val, Ref("value", key, transpose=ref.transpose, power=ref.power, slice=ref.slice,
                                     block=ref.block), ctx)

    def target_of(self, ref: Ref, ctx):
        """(key, τ) of a gradient's target; τ None for parameters."""
        v = self.vocab
        key = v.aliases.get(ref.key, ref.key)
        if not v.known(key):
            key = synonym(key, v)
        if not v.known(key):
            key = code_spelling(key, v)           # dh\_out for Hout: one code name spelled two ways
        if key in v.quantities:
            return key, self.time_of(ref, ctx)
        if key in v.params or key in v.composites:
            return key, None
        if key in v.inputs:
            return key, self.time_of(ref, ctx)
        from .lookup import lookup_of_defs
        looked = lookup_of_defs(key, self.model.defs, v)
        if looked is not None and looked in v.quantities:      # L_{x^{(t)}}: the row x^{(t)} L, e^{(t)}
            return looked, self.time_of(ref, ctx)
        stem, _, label = key.rpartition("_")
        for suffix in PREACT_SUFFIXES:                 # h_tilda_b_act: h_tilda before its activation
            if key.endswith(suffix) and len(key) > len(suffix):
                stem, label = key[:-len(suffix)], "pre"
                break
        if not stem:                                   # dhraw (min-char-rnn): h and "raw"
            for w in PREACT_WORDS:
                if key.endswith(w) and len(key) > len(w):
                    stem, label = key[:-len(w)], w
                    break
        if label in PREACT_WORDS and stem and not _other_preact_word(stem, label, v):
            t = self.target_of(Ref("value", stem, ref.time, ref.word), ctx)
            if t is not None and t[0] in v.preacts:
                return v.preacts[t[0]][1], t[1]
            if t is None and stem in FUNCTION_WORDS:     # tanh_input: the input of the one unit applying tanh
                units = [p for q, (f, p) in v.preacts.items() if f == FUNCTION_WORDS[stem][0]]
                if len(units) == 1:
                    return units[0], self.time_of(ref, ctx)
        def preact_of(rest, distinct=False):
            """(key, τ) of the pre-activation of the quantity ``rest`` names, else None; ``distinct``: not a quantity
            that is its own pre-activation."""
            t = self.target_of(Ref("value", rest, ref.time, ref.word), ctx)
            if t is not None and t[0] in v.preacts and not (distinct and t[0] == v.preacts[t[0]][1]):
                return v.preacts[t[0]][1], t[1]
            return None

        for w in PREACT_PREFIXES:       # pre\_act\_i, preact_f (code names): the pre-activation of the gate named after
            if key.startswith(w + "_") and len(key) > len(w) + 1 and (found := preact_of(key[len(w) + 1:])):
                return found
        for w in PREACT_LETTERS:
            # \partial L/\partial az, dai, da_f: the pre-activation of the gate z, i, f (not a code name a row assigns:
            # Coursera's a is a state, and its dao the gradient of the concatenation ao = [a; a_])
            if getattr(v, "code", False) and (not w.endswith("_") and key in CODE_ASSIGNED.get() or
                                              w.rstrip("_") in CODE_ASSIGNED.get() or
                                              not {"d" + key, "d_" + key} & CODE_GRADIENT_VALUED.get()):
                continue    # (da_r = self.r_act.backward(): the sigmoid's derivative kept, no gradient; da_i
                #             beside CS231n's a = x @ Wx + ...: the i block of a's gradient, read as such)
            if key.startswith(w) and len(key) > len(w) and ":" not in key and \
                    (found := preact_of(key[len(w):], distinct=True)):
                return found
        for w in PREACT_CODE_SUFFIXES:  # dz_l, dhhl: the gradient of z's (hh's) linear part, its pre-activation
            if key.endswith(w) and len(key) > len(w) and ":" not in key and \
                    (found := preact_of(key[:-len(w)], distinct=True)):
                return found
        plural = [q for q in v.quantities if q == key + "s"]
        if len(plural) == 1:              # dh for hs_t, dy for ys_t (code names)
            return plural[0], self.time_of(ref, ctx)
        # the pre-activation named after its function: dtanh
        if key in FUNCTION_WORDS:
            fname = FUNCTION_WORDS[key][0]
            cands = [p for q, (f, p) in v.preacts.items() if f == fname]
            if len(cands) == 1:
                return cands[0], self.time_of(ref, ctx)
        return None

    def grad_value(self, g: Grad, key, tau, ctx, default=None, step=None):
        cands = self.candidates(g, key, tau) if not g.named else self.paths(key, g.named, g.word)
        if g.named and g.lhs and g.style == "d" and not g.time_text and not g.word and tau is not None and \
                any(c[0] == "path" for c in cands):
            # dy_z = Rz.T @ dzg_ (code, its step implicit): the part step t sends back to y_{t-1} through z
            cands = cands + [("backpath", c[1]) for c in self.paths(key, g.named, "prev") if c[0] == "path"]
        if default is not None:
            cands = [default]
        ctx.seen.setdefault(g, cands)
        reading = ctx.readings.get(g, cands[0])
        val = self.gradient_by(reading, key, tau, step)
        if g.named and reading[0] == "path":
            val = self._sliced_part(val, reading[1], key)
        if getattr(self, "row_gradients", False) and isinstance(val, np.ndarray) and val.ndim == 2 and \
                val.shape[1] == 1 < val.shape[0]:
            val = val.T          # a file whose gradients are rows, Jacobians (text/vectorlabels.py)
        note(self, ctx, g, val)         # a reading that makes the symbol vanish is no evidence (vanish.py)
        return val

    def param_step(self, ref: Ref, tau, ctx):
        r"""The step a parameter's gradient is written at (\delta W^t inside \sum_t: the summed t), else None."""
        if tau is not None or (ref.time is None and not ref.word):
            return None
        try:
            return self.time_of(ref, ctx)
        except (NotReadable, IllTyped):
            return None

    def candidates(self, g: Grad, key, tau):
        v = self.vocab
        out = [("total",)]
        if (key in v.params or key in v.composites) and (g.style in ("d", "delta", "Delta", "") or
                                                          g.lhs and (g.sign == "partial" or
                                                                     not getattr(self, "d_total", True))) and \
                not (g.sign == "partial" and not g.time_text and getattr(self, "partial_total", False) and
                     not (g.lhs and self.accumulating)):       # \partial L/\partial W \mathrel{+}= ...: an increment
            # dW_f, \delta W: step t's contribution (not \partial L/\partial W); also \partial E/\partial W on
            # the left of a row whose right side is at a free step t (no sum: a step reading, reported; dL/dW,
            # written with d, is the total derivative where the derivation derives du/dW as one: dsteps.py;
            # \partial E/\partial W is the total where the file writes a parameter's total with its sum: dsteps.py)
            out.append(("at",))
            if g.lhs and self.accumulating and g.style == "d" and not g.time_text and not g.word:
                out.append(("atnext",))     # dR_z += np.outer(dz[t+1], y[t]): step t+1's part, added at step t
        elif any(shift == 1 for _, _, shift in self.sites(key)):
            if not (g.lhs and g.time_text == self.vocab.time_var and not g.word and not g.named and
                    not self.accumulating and key not in self.accumulated):
                # \delta c_t = ... claims the whole gradient of c_t at the row's own step: what reaches it through
                # one step only where the notation marks a part (dc_{prev}, \delta c_{t-1} = \delta c_t \circ f_t,
                # code's dh at an implicit step, an increment +=)
                out.append(("next",))
            if g.lhs and (g.word == "next" or (g.style == "d" and not g.word and not g.time_text and not g.named)):
                # dh_next = ..., and code's dh = ... at an implicit step (EpyNN's gru_backward returns dh to the
                # step before): what step t sends back to h_{t-1}
                out.append(("back",))
        if g.word == "next" and not g.lhs and key in getattr(self, "given_carried", ()) and ("next",) in out:
            out.remove(("total",))      # a step's given dnext_c beside dnext_h: through the later step only
        if g.word == "next" and not g.lhs and not g.named and key in v.quantities and tau is not None:
            # dhnext, drbarnext (code that carries step t+1's gradients to step t: dhnext = dh at the loop's end):
            # the gradient of the quantity at t+1
            out.append(("ahead",))
        if g.lhs and (self.accumulating or key in self.accumulated) and key not in v.params:
            out.append(("same",))       # the increment of a gradient accumulated (+=): the part within its step
            if self.accumulating and any(k == key for k, _ in self.model.outputs):
                out.append(("head",))   # \delta h_t += target_t - h_t: the loss's own term of an output
        elif v.layers and key not in v.params and {0, 1} <= {shift for _, _, shift in self.sites(key)}:
            out.append(("same",))        # \partial C/\partial h_L^{(t)}: what reaches it through the next layer
        if g.lhs and getattr(self, "partial_sum", False) and key not in v.params:
            # A = X; A += Y (partials.py): before its last row, A holds the gradient through some uses
            out += [c for c in self.paths(key) if c[0] == "path"]
            if ("back",) in out:        # dhnext = (1 - z) * dh; dhnext += ... (sent back to h_{t-1}): some of the
                out += [("backpath", c[1]) for c in self.paths(key, word="prev") if c[0] == "path"]   # uses at t
        if g.style == "d" and getattr(self.model, "loss_total", None) is not None:
            # dh_t beside Loss = 1/T \sum_t loss_t: the gradient of the steps' losses summed, unweighted (totalloss.py)
            out += [("steps",) + c for c in out if c[0] in ("total", "at")]
        if key in v.preacts and g.style in ("d", "delta") and \
                (v.preacts[key][1] not in getattr(self, "named_preacts", ()) or self._packed_preact(key)):
            # (\delta z beside \delta \bar z: z's own name; dA of gates sliced from one packed A names the whole,
            # so a gate's di is still its own block's, DLFS2's di *= i * (1 - i))
            # dh_o, d\Gamma_o (course notebooks), \delta z (Greff et al., classic backprop: \delta is the
            # gradient of a unit's net input): the pre-activation's gradient named after the unit
            out += [("pre",) + c for c in list(out)]
        return out

    def _doubled(self, key) -> bool:
        """Is ``key`` (code) an activation of its own earlier value, itself an activation (f = sigmoid(f) below f =
        sigmoid(A[:, :H])); an earlier value is marked name@k (judging/rebinding.py)"""
        pre = self.vocab.preacts.get(key)
        return getattr(self.vocab, "code", False) is True and pre is not None and \
            pre[1].split("@")[0] == key.split("@")[0] and pre[1] != key and pre[1] in self.vocab.preacts

    def _packed_preact(self, key) -> bool:
        """Is ``key``'s pre-activation shared with other gates (sliced from one packed matrix ``A``)?"""
        pre = self.vocab.preacts.get(key)
        return pre is not None and sum(1 for f, p in self.vocab.preacts.values() if p == pre[1]) >= 2

    def paths(self, key, label="", word=""):
        """Readings of a named part of a gradient (dX_f, dh_{old1}): the readers of one or more uses;
        dX_f: the uses by the quantities labelled f, when there are such."""
        sites = self.sites(key)
        if word in ("prev", "old"):        # dh_{old1}: h_{t-1} as the step t reads it
            sites = [x for x in sites if x[2] == 1] or sites
        named = [s for s in sites if label and s[0].rpartition("_")[2] == label]
        if named:
            return [("path", frozenset(named))]
        out = []
        # a named part (dx_{component1}) is a part: not every use at once (that is dx itself)
        top = len(sites) - 1 if label and len(sites) > 1 else len(sites)
        for r in range(1, min(top, 5) + 1):
            for combo in itertools.combinations(sites, r):
                out.append(("path", frozenset(combo)))
        return out or [("total",)]

    def _sliced_part(self, val, sites, key):
        """A named part of a gradient through uses that all read one slice of the quantity (``da_i`` where the rows
        read ``a[:, :H]`` for i): that slice of it, as the code names it; else the gradient as it is."""
        slices, chosen = set(), {(s[0], s[1]) for s in sites}
        for d in self.model.defs:
            for k, n in enumerate(symbols(d.node)):
                if (d.keys[0], k) in chosen:
                    found = [x[1] for x in n[3] or () if isinstance(x, tuple) and x and x[0] == "slice"] \
                        if n[0] == "sym" else []
                    slices.add(found[0] if len(found) == 1 else None)
        if len(slices) != 1 or None in slices or not isinstance(val, np.ndarray):
            return val
        from .slices import apply_slice
        try:
            return apply_slice(self, val, next(iter(slices)))
        except (NotReadable, IllTyped, ValueError, IndexError):
            return val

    def sites(self, key):
        if not hasattr(self, "_sites"):
            self._sites = {}
        if key not in self._sites:
            out = []
            for d in self.model.defs:
                for k, n in enumerate(symbols(d.node)):
                    try:
                        r = resolve(n, self.vocab)
                    except NotReadable:
                        continue
                    if r.key != key:
                        continue
                    shift = 1 if r.word in ("prev", "old") or (r.time is not None and r.time[0] == "add") else 0
                    out.append((d.keys[0], k, shift))
            self._sites[key] = out
        return self._sites[key]

    def gradient_by(self, reading, key, tau, step=None):
        m = self.model
        comp = self.vocab.composites.get(key)
        if comp is not None:        # W_x = [W_{xz}, W_{xr}], b_{ih} = [b_{ir}; b_{iz}; b_{in}]: the blocks' gradients
            return self._laid_out(comp, lambda x: self.gradient_by(reading, resolve(x, self.vocab).key, None, step))
        if reading[0] == "path":
            allowed = reading[1]
            return m.grad(key, tau, ("sites", allowed))
        if reading[0] == "steps":          # the gradient of \sum_t loss_t, not of the stated total (totalloss.py)
            with m.steps_summed():
                return self.gradient_by(reading[1:], key, tau, step)
        if reading[0] == "pre" and self._doubled(key):
            # code that applies a gate's activation to its own activated value (i = sigmoid(A[...]), then i =
            # sigmoid(i)): the gate's pre-activation is its first argument, the block the backward stacks into dA
            return self.gradient_by(reading, self.vocab.preacts[key][1], tau, step)
        if reading[0] == "pre" and self._packed_preact(key) and self.vocab.preacts[key][0] in PACKED_DERIVATIVES:
            # a gate sliced from a packed pre-activation (i = sigmoid(A[:, 2H:3H])): its block of A's gradient,
            # the gate's gradient times the function's derivative at the gate's value
            value = m.value(key, tau if tau is not None else self.cur_tau)
            return self.gradient_by(reading[1:], key, tau, step) * \
                PACKED_DERIVATIVES[self.vocab.preacts[key][0]](value)
        if reading[0] == "pre" and len(reading) > 1 and reading[1] == "path":
            # dit = o (1 - tanh^2(c)) cct da_{next} i (1 - i), the part of the gate's input gradient through the
            # path via h (code adds the path via c_{next} below): that part of the gate's gradient times the
            # function's derivative at its input
            fname, pkey = self.vocab.preacts[key]
            here = tau if tau is not None else self.cur_tau
            return m.grad(key, tau, ("sites", reading[2])) * self.apply(Func(fname, None, 1), m.value(pkey, here))
        if reading[0] == "pre":
            key = self.vocab.preacts[key][1]
            reading = reading[1:]
        mode = reading[0]
        if mode == "total":
            return m.grad(key, tau, "total")
        if mode == "next":
            return m.grad(key, tau, "next")
        if mode == "same":
            return m.grad(key, tau, "same")
        if mode == "back":
            return m.grad(key, tau - 1, "next")
        if mode == "backpath":
            return m.grad(key, tau - 1, ("sites", reading[1]))
        if mode == "ahead":          # drbarnext kept from the step after: its total there (0 past the run)
            if tau + 1 > m.T:
                return np.zeros(np.shape(m.value(key, tau)), dtype=complex)
            return m.grad(key, tau + 1, "total")
        if mode == "at":
            return m.grad(key, None, ("at", step or self.cur_tau))
        if mode == "atnext":        # step t+1's contribution (none past the run's last step)
            k = (step or self.cur_tau) + 1
            if k > m.T:
                return np.zeros(np.shape(m.grad(key, None, ("at", m.T))), dtype=complex)
            return m.grad(key, None, ("at", k))
        if mode == "head":
            return m.grad(key, tau, ("path", m.loss_sites(key), tau))
        raise ValueError(reading)

    def e_pre(self, node, ctx):
        kind, sub, operand = node[1], node[2], node[3]
        if kind == "nabla":
            if sub is None:
                if operand[0] == "sym" and resolve(operand, self.vocab).key not in LOSS_NAMES:
                    # \nabla W_{i,j}^{x\alpha} in a table of gradients: the loss's gradient by the name, as dW is
                    return self.derivative(("loss",), operand, ctx, node, style="nabla")
                raise NotReadable(r"\nabla without a subscript")
            if len(sub) == 1 and operand[0] == "mul" and len(operand[1]) == 2 and operand[1][0][0] == "sym" and \
                    operand[1][1][0] in ("list", "paren") and operand[1][1][1] == "(":
                # \partial_{w_h} f(x_t, h_{t-1}, w_h) (d2l): read as \frac{\partial f(x_t, h_{t-1}, w_h)}{\partial w_h}
                if operand[1][0][1] in LOSS_NAMES and _by_argument(operand, sub[0]):
                    # \partial_{o_t} l(o_t, y_t): the loss's gradient by its argument (a vector: not element-wise)
                    return self.derivative(("loss",), sub[0], ctx, node, style="nabla")
                # (one fraction per written node: its readings are keyed by the node, kept across the row's readings)
                fracs = self.__dict__.setdefault("_applied_fracs", {})
                if id(node) not in fracs:
                    fracs[id(node)] = (node, ("frac", ("pre", "partial", None, operand), ("pre", "partial", None, sub[0])))
                return self.e_frac(fracs[id(node)][1], ctx)
            num = self.evaluate(operand, ctx)
            if not isinstance(num, tuple):           # \nabla_V o_i: the gradient of a quantity
                return self.total_derivative(operand, sub[0], ctx)
            # \Delta_{W}L keeps its style: like \Delta W, step t's contribution is one of its readings
            return self.derivative(("loss",), sub[0], ctx, node, operand, style=node[4] if len(node) > 4 else "nabla")
        if kind == "dp":
            r = resolve(operand, self.vocab) if operand[0] == "sym" else None
            pre = self.vocab.preacts.get(r.key) if r is not None else None
            if pre is None:
                raise NotReadable("dp: the gradient of a pre-activation of a name that has none")
            operand = ("sym", pre[1], None, operand[3], operand[4], 0)
            kind = "d"
        if kind in ("delta", "Delta", "d"):
            if operand[0] == "num":
                raise NotReadable(f"\\{kind} {operand[1]}: a numbered node of a figure")
            if kind in ("d", "delta"):      # d h_{t-1}^{(update)}, \delta c_t^{(\tilde c)}: a labelled path (pathlabels.py)
                from .pathlabels import labelled_part
                part = labelled_part(self, operand, ctx)
                if part is not None:
                    return part
            return self.derivative(("loss",), operand, ctx, node, style=kind)
        if kind == "partial":
            return ("partial", operand)
        raise NotReadable(kind)

    def derivative(self, num, den_node, ctx, node, num_node=None, style="", sign=""):
        """d(num)/d(den): a gradient when num is the loss, else a Jacobian."""
        if den_node[0] == "sc":
            raise NotReadable("a derivative by a scripted expression")
        if den_node[0] != "sym":
            if isinstance(num, tuple) and num[0] == "loss":      # \partial L / \partial (1 - z_t): a part's adjoint
                return self.subexpression_adjoint(den_node, ctx)
            raise NotReadable("a derivative by an expression")
        ref = resolve(den_node, self.vocab)
        check_bare(self, ref, ctx.lhs)          # dL/dC where the rows write C_t (baretime.py)
        if ref.key in LOSS_NAMES and (ref.time is not None or ref.word) and isinstance(num, tuple):
            return np.ones((1, 1), dtype=complex)         # dL/dL^{(t)} = 1: L is the sum of the L^{(t)}
        target = self.target_of(ref.without_scripts(), ctx)
        copy = getattr(self, "dummy_copies", {}).get(ref.key) if target is None else None
        if copy is not None and isinstance(num, tuple) and num[0] == "loss":
            # \partial L / \partial s_a: a copy of s, perturbed where its readers read it (dummycopy.py)
            from .dummycopy import copy_gradient
            return self.scripts(copy_gradient(self.model, copy[0], self.time_of(ref, ctx), copy[1], STEP),
                                Ref("value", transpose=ref.transpose, index=ref.index, slice=ref.slice), ctx)
        if target is None:
            from .lossweights import selected_row
            selected_row(ref.key, self.vocab)          # \partial J / \partial L_x: an embedding lookup, not read
            raise Undefined(f"{_show(ref)} is not defined in this derivation", ref.key)
        key, tau = target
        if isinstance(num, tuple) and num[0] == "loss":
            g = Grad(key, _time_text(ref), ref.word, ctx.lhs, style=style, sign=sign, text=_written(den_node))
            step = self.param_step(ref, tau, ctx)
            # \frac{\partial L}{\partial W^{(k)}}: by the copy of W that step k uses, step k's contribution
            copy = ("at",) if step is not None and style == "frac" and ref.time is not None else None
            return self.scripts(self.grad_value(g, key, tau, ctx, copy, step=step),
                                Ref("value", transpose=ref.transpose, index=ref.index, slice=ref.slice), ctx)
        raise NotReadable("a derivative of a quantity")

    def own_step_loss(self, r, bottom, ctx, node):
        r"""``\frac{\partial L_t}{\partial \hat{y}_t}`` where the forward rows state the loss as a sum of an abstract
        function of each step (``L = \frac{1}{T}\sum_t l(y_t, \hat{y}_t)``: no step's term has a value) and
        ``\hat{y}_t`` is read by no later step: only step t's term depends on it, so the derivative of that term is
        the loss's gradient by it (the abstract function's, as ``\frac{\partial l}{\partial \hat{y}_t}`` reads).
        None where that does not hold: the step's term written out, or a quantity later steps read."""
        if ctx.run.terms or getattr(self.model, "loss_steps", None) is not None or bottom[0] != "sym":
            return None
        try:
            rb = resolve(bottom, self.vocab)
            tb = self.target_of(rb.without_scripts(), ctx)
            tau = self.time_of(r, ctx)
        except (NotReadable, IllTyped):
            return None
        if tb is None or tb[1] is None or tb[1] != tau or tb[0] not in self.vocab.quantities or \
                any(s[2] for s in self.sites(tb[0])):
            return None         # (a target the loss reads, y_t beside \hat{y}_t, has no gradient to give)
        return self.derivative(("loss",), bottom, ctx, node, style="frac")

    def e_frac(self, node, ctx):
        num, den = node[1], node[2]
        nd, dd = _diff(num), _diff(den)
        if nd is not None and dd is not None and num[0] == "pre" and num[2] == "+":
            return self.immediate_derivative(num[3], dd[1], ctx)
        if nd is not None and dd is not None:
            return self.frac_derivative(nd, dd, ctx, node)
        if nd is not None and den[0] == "mul" and sum(x[0] == "pre" for x in den[1]) == 1:
            # \frac{\partial l}{T \cdot \partial o_t}: a derivative divided by the other factors
            k = next(i for i, x in enumerate(den[1]) if x[0] == "pre")
            rest = [x for i, x in enumerate(den[1]) if i != k]
            d = self.frac_derivative(nd, _diff(den[1][k]), ctx, node)
            scale = self.value(rest[0] if len(rest) == 1 else ("mul", rest, [None] * len(rest)), ctx)
            return self.mul(d, scale, "div")
        for part, other, where in ((num, den, "denominator"), (den, num, "numerator")):
            if part[0] == "pre" and part[1] == "partial" and other[0] == "sym" and _diff(other) is None:
                # \frac{\partial z_t}{h_{t-1}}, \frac{z_t}{\partial W}: the \partial of one side is missing; as
                # written it is not a derivative (one policy with \frac{\partial C}{W} in layers.py)
                top, bottom = (num[3], den) if where == "denominator" else (num, den[3])
                raise IllTyped(f"\\frac{{{_tex_of(num)}}}{{{_tex_of(den)}}} has no "
                               f"\\partial in its {where}: not a derivative (write \\frac{{\\partial "
                               f"{_tex_of(top)}}}{{\\partial {_tex_of(bottom)}}})")
        a, b = self.value(num, ctx), self.value(den, ctx)
        return self.mul(a, b, "div")

    def frac_derivative(self, nd, dd, ctx, node):
        style, top = nd
        _, bottom = dd
        if top is None:
            return ("dop", bottom, style)
        if top[0] == "sym":
            r = resolve(top, self.vocab)
            if r.key in LOSS_NAMES and r.time is None:
                sign = "partial" if node[1][0] == "pre" and node[1][1] == "partial" else ""
                return self.derivative(("loss",), bottom, ctx, node, style="frac", sign=sign)
            if bottom[0] == "sym" and resolve(bottom, self.vocab).key in LOSS_NAMES:
                return self.derivative(("loss",), bottom, ctx, node, style="frac")
            if r.key in LOSS_NAMES and (r.time is not None or r.word):      # \partial E_3 / \partial W: one step's loss
                own = self.own_step_loss(r, bottom, ctx, node)
                if own is not None:
                    return own
                return self.total_derivative(top, bottom, ctx)
            f = self.function_of(r, top)
            if f is not None and not f.order and f.power is None and top[3] is None and top[4] is None and \
                    bottom[0] == "sym" and resolve(bottom, self.vocab).key not in self.vocab.quantities:
                # \frac{d\sigma}{dx}: the derivative of the function at x (a lemma, an identity in x)
                return self.value(("mul", [top[:5] + (1,), ("paren", "(", bottom)], [None, None]), ctx)
            return self.jacobian(top, bottom, ctx, written_d=style == "d")
        # \partial f(x_t, h_{t-1}, w) / \partial w: the partial derivative of the function (its other arguments
        # held), or, as texts also write it (\partial l(y_t, o_t) / \partial w), through every path
        g = Grad(f"expr:{id(node)}", "", "", False, style="function")
        # by one of its written arguments (w in f(x_t, h_{t-1}, w)): that argument's partial derivative only; by a
        # name not among them (\partial l(y_t, o_t) / \partial w): through every path only (held, it would be 0)
        by = _by_argument(top, bottom)
        ctx.seen.setdefault(g, [("local",)] if by else [("total",)] if by is False else [("local",), ("total",)])
        if ctx.readings.get(g, ("local",))[0] == "total":
            val = self.total_derivative(top, bottom, ctx)
            note(self, ctx, g, val)     # \partial f(x_t, h_{t-1}) / \partial h_t through every path: zero, no evidence
            return val
        return self.local_derivative(top, bottom, ctx)

    def immediate_derivative(self, top, bottom, ctx):
        r"""\partial^{+} x_k / \partial\theta (Pascanu et al. 2013): x_k's derivative with x_{k-1} held constant, i.e.
        \theta (or any quantity) perturbed only where step k reads it."""
        if top[0] != "sym" or bottom is None:
            raise NotReadable(r"\partial^{+} of an expression (the immediate derivative of a quantity at a step)")
        ref = resolve(top, self.vocab)
        target = self.target_of(ref.without_scripts(), ctx)
        if target is None:
            raise Undefined(f"{_show(ref)} is not defined in this derivation", ref.key)
        if target[1] is None or target[0] not in self.vocab.quantities:
            raise NotReadable(f"\\partial^{{+}} {_show(ref)}: the immediate derivative of a quantity without a step")
        return self.total_derivative(top, bottom, ctx, at_step=target[1])

    def local_derivative(self, top, bottom, ctx):
        """d f(x) / d x of an expression, element-wise (the derivative of a unit's function)."""
        if bottom[0] != "sym":
            raise NotReadable("a derivative by an expression")
        ref = resolve(bottom, self.vocab)
        target = self.target_of(ref.without_scripts(), ctx)
        if target is None:
            raise Undefined(f"{_show(ref)} is not defined in this derivation", ref.key)
        key, tau = target
        base = self.value(bottom, ctx)
        y0 = self.value(top, ctx)

        def at(delta):
            local = dict(ctx.local or {})
            local[(key, tau)] = delta
            sub = Ctx(ctx.tau, ctx.run, ctx.pert, ctx.consumer, ctx.env, ctx.lenient, ctx.readings, ctx.seen,
                      ctx.lhs, ctx.occ, local, ctx.out_dim)
            return np.imag(self.value(top, sub)) / STEP

        if y0.shape == (1, 1) and base.size > 1:      # \partial l(o_t, y_t) / \partial o_t: a gradient
            out = np.zeros(base.shape)
            for idx in np.ndindex(*base.shape):
                d = np.zeros(base.shape, dtype=complex)
                d[idx] = STEP * 1j
                out[idx] = at(d)[0, 0]
            return self.row_jacobian(out.astype(complex), bottom, ctx)
        return at(np.full(base.shape, STEP * 1j)).astype(complex)

    def jacobian(self, top, bottom, ctx, written_d=False):
        later = None
        if getattr(self, "every_path", False):      # a row re-read with every derivative total (everypath.py)
            return self.total_derivative(top, bottom, ctx)
        if top[0] == "sym":
            ra, rb = resolve(top, self.vocab), resolve(bottom, self.vocab) if bottom[0] == "sym" else None
            for r in (ra, rb):
                if r is not None:
                    check_bare(self, r, ctx.lhs)    # dh/da_C where the rows write h_t (baretime.py)
            ta = self.target_of(ra.without_scripts(), ctx)
            tb = self.target_of(rb.without_scripts(), ctx) if rb is not None else None
            last = getattr(self.model, "T", None)
            if ta and ta[1] is not None and isinstance(last, int) and ta[1] > last and ta[0] in self.model.by_key \
                    and (tb is None or tb[1] is None or tb[1] <= last) and not ctx.lhs:
                # \frac{\partial h_{t+1}}{\partial h_t} at t = T: no step after the last, so no path through one
                # (the recursion \Pi_t = \partial E_t/\partial h_t + \partial h_{t+1}/\partial h_t \Pi_{t+1} starts there);
                # on the left side (\partial h_{t+1}/\partial h_t = W diag(...)) the row states the Jacobian itself,
                # which has no step past the last to be checked at (the run's edge)
                return empty_sum()
            if ta and tb and ta[1] is not None and tb[1] is not None and ta[1] > tb[1] and \
                    any(s[2] for s in self.sites(tb[0])):
                later = tb[1]            # \partial h_t / \partial c_{t-1}: through the steps after c_{t-1} only
                # (not for a name no later step reads, \partial z_{t+1} / \partial z_t with h_t = f(z_t): every
                # path from it passes its own step first)
            if ta and tb and ta[1] is not None and tb[1] is None and rb.time is None:
                # \partial h_t / \partial W: through every path, or (d2l, inside a sum over t) the direct
                # dependence of h_t on the copy of W its own step uses; on the left side written with d
                # (\frac{du_{ot}}{dW} = ..., the total derivative; \frac{\partial z_t}{\partial W} may be the
                # partial) every path only: a dropped recursive term is caught
                # the left side's own symbol (\partial h_t/\partial W = \sum_k ... \partial h_k/\partial W: the total
                # on the left, the immediate one on the right); one written symbol keeps one reading (selfref.py)
                g = Grad(f"jac:{ta[0]}:{tb[0]}", "", "", ctx.lhs, style="jacobian", text=repr(top))
                ctx.seen.setdefault(g, [("total",)] if ctx.lhs and written_d else [("total",), ("direct",)])
                r = ctx.readings.get(g, ("total",))
                if r[0] == "direct" and (len(r) == 1 or r[1] == g.text):    # ("direct", text): that one alone
                    val = self.total_derivative(top, bottom, ctx, at_step=ta[1])
                    note(self, ctx, g, val)
                    return val
            elif ta and tb and ta[1] is not None and tb[1] is not None:
                val = offer_chain(self, top, bottom, ctx, ta, tb, later, STEP)       # \partial c_T/\partial c_1 = \prod f_k
                if val is not None:
                    return val
                val = offer_partial(self, top, bottom, ctx, ta, tb, later)     # the partial of a chain-rule term
                if val is not None:
                    return val
        return self.total_derivative(top, bottom, ctx, later=later)

    def total_derivative(self, expr, bottom, ctx, later=None, at_step=None, reader=None):
        val = self._total_derivative(expr, bottom, ctx, later, at_step, reader)
        if bottom[0] == "sym":     # \partial a_{t,i} / \partial h_{t-1,j}, \sum_k \partial E / \partial s_k: entry j (k)
            val = self.by_entry(val, bottom, ctx)
        return self.row_jacobian(val, bottom, ctx)

    def by_entry(self, val, bottom, ctx):
        r"""A derivative by the entry ``h_{t-1,j}`` (``W_{ij}``) the free letters of a row read entry by entry
        bind (judging/entrywise.py): that entry's column of the derivative by the whole vector (matrix)."""
        rb = resolve(bottom, self.vocab)
        if not rb.index or not all(x in ctx.env for x in rb.index) or not isinstance(val, np.ndarray):
            return val
        base = self.model.value(*self.target_of(rb.without_scripts(), ctx))
        flat = [ctx.env[x] - 1 for x in rb.index]
        if len(flat) == 2 and base.ndim == 2 and min(base.shape) > 1:
            pos = int(np.ravel_multi_index(tuple(flat), base.shape))
        elif len(flat) == 1:
            pos = flat[0]
        else:
            return val
        if not 0 <= pos < base.size:
            if len(flat) == 1:          # (a sum over the letter ends there)
                raise OutOfRange(rb.index[0], pos + 1, base.size)
            raise IllTyped(f"component {pos + 1} of {_show(rb)}, of size {base.size}")
        if val.shape == base.shape:             # a number by the vector: one entry
            return val.reshape(-1)[pos].reshape(1, 1)
        if val.ndim == 2 and val.shape[1] == base.size:     # a vector by the vector: one column
            return val[:, pos].reshape(self.model.vector(val.shape[0]))
        if val.ndim == 3 and val.shape[1:] == base.shape:   # a vector by the matrix
            return val.reshape(val.shape[0], -1)[:, pos].reshape(self.model.vector(val.shape[0]))
        return val

    def row_jacobian(self, val, bottom, ctx):
        r"""In a file whose gradients are rows (text/vectorlabels.py), the derivative of a number by a column vector
        (\partial g_\omega / \partial \mathbf{w}_\omega) is the row Jacobian, 1 x n (the reader's own: n x 1)."""
        if not getattr(self, "row_gradients", False) or not isinstance(val, np.ndarray) or val.ndim != 2 or \
                not val.shape[1] == 1 < val.shape[0]:
            return val
        try:
            b = self.value(bottom, ctx)
        except (NotReadable, IllTyped):
            return val
        return val.T if isinstance(b, np.ndarray) and b.shape == val.shape else val

    def _total_derivative(self, expr, bottom, ctx, later=None, at_step=None, reader=None):
        """d(expr)/d(bottom), every path (the run is perturbed): the shape of bottom for a scalar expr,
        else a matrix (rows: components of expr). Remembered for a name by a name in the unperturbed run
        (a row read component by component asks for the same derivative at every component)."""
        key = self._total_key(expr, bottom, ctx, later, at_step)
        if key is not None and reader is not None:          # the partial of a row (localjac.py)
            key = key + (("reader",) + reader.__defaults__,)
        cache = getattr(self, "_total_cache", None)
        if cache is None or cache[0] is not self.model.base:
            cache = self._total_cache = (self.model.base, {})
        if key is not None and key in cache[1]:
            return cache[1][key].copy()
        out = self._total_derivative(expr, bottom, ctx, later, at_step, reader)
        if key is not None:
            cache[1][key] = out.copy()
        return out

    def _total_key(self, expr, bottom, ctx, later, at_step):
        """The memo key of a derivative of a name of the cell by a name, or None (anything else)."""
        if expr[0] != "sym" or bottom[0] != "sym" or ctx.pert is not None or ctx.local or \
                ctx.run is not self.model.base or self.marks:
            return None
        v = self.vocab
        try:
            top = resolve(expr, v).key
        except NotReadable:
            return None
        if not (top in LOSS_NAMES or top in v.quantities or top in v.params or top in v.inputs):
            return None
        times = {v.time_var, *v.bound, *getattr(self, "extra_times", ())} | _strings(expr) | _strings(bottom)
        env = tuple(sorted((x, repr(y)) for x, y in ctx.env.items() if x in times))
        return (repr(expr), repr(bottom), ctx.tau, env, v.bound, later, at_step, ctx.out_dim,
                repr(sorted(v.aliases.items(), key=repr)), repr(getattr(v, "comp", None)), ctx.consumer,
                ctx.lenient, repr(getattr(self, "slices", None)))

    def _laid_out(self, comp, part):
        """``part`` of each block of the weight made of blocks ``comp`` (vocab.composites), laid out as the blocks
        make its value: side by side or stacked (``[a, b]``, ``[a; b]``; Evaluator.e_matrix), or as a block matrix."""
        if comp[0] == "list":
            return self.concat([part(x) for x in comp[2]], vertical=bool(comp[3]) and comp[3][0] == ";")
        if comp[0] == "matrix" and all(len(row) == 1 for row in comp[1]):
            return self.concat([part(row[0]) for row in comp[1]], vertical=True)
        return np.block([[part(x) for x in row] for row in comp[1]])

    def _composite_derivative(self, expr, comp, ctx, later, at_step, reader):
        """d(expr)/d(a weight made of blocks) for a number expr: the blocks' derivatives laid out as the blocks."""
        if comp[0] not in ("list", "matrix"):
            raise NotReadable("a derivative by a weight made of blocks written another way")

        def by(x):
            v = self._total_derivative(expr, x, ctx, later, at_step, reader)
            if not isinstance(v, np.ndarray) or v.ndim != 2:
                raise NotReadable("a derivative of a vector by a weight made of blocks")
            return v
        return self._laid_out(comp, by)

    def _total_derivative(self, expr, bottom, ctx, later=None, at_step=None, reader=None):
        if bottom[0] != "sym":
            if later is not None or at_step is not None or reader is not None or ctx.pert is not None or \
                    expr[0] != "sym":
                raise NotReadable("a derivative by an expression")
            # \partial h_t / \partial \tanh(c_t): by a sub-expression of the forward rows, at the row's step
            # (numadjoint.py marks it; an expression they do not write is unreadable)
            while bottom[0] == "paren" and bottom[1] in ("(", "{"):       # \partial{\tanh(c_t)}
                bottom = bottom[2]
            rb, tb = Ref("value", self._mark(bottom, self.occurrences(bottom))), None
        else:
            rb = resolve(bottom, self.vocab)
            tb = self.target_of(rb.without_scripts(), ctx)
        if tb is None and bottom[0] != "sym":
            tb = (rb.key, ctx.tau)
        copy = getattr(self, "dummy_copies", {}).get(rb.key) if tb is None else None
        if copy is not None and later is None and at_step is None and reader is None:
            # \partial J / \partial s_a: a copy of s, perturbed where its readers read it (dummycopy.py)
            from .dummycopy import copy_filter
            tb = (copy[0], self.time_of(rb, ctx))
            reader = copy_filter(copy[1], tb[1])
        if tb is None:
            from .lossweights import selected_row
            selected_row(rb.key, self.vocab)          # \partial J / \partial L_x: an embedding lookup, not read
            raise Undefined(f"{_show(rb)} is not defined in this derivation", rb.key)
        key, tau = tb
        m = self.model
        if tau is None and key not in m.params and key in self.vocab.composites and rb.time is None and \
                not rb.word:
            # d J^{<t>} / d W_f with W_f = [W_{f,a}, W_{f,x}] (a weight made of its blocks): the derivatives by the
            # blocks, put together as the weight's value is (as gradient_by does for a named gradient)
            return self._composite_derivative(expr, self.vocab.composites[key], ctx, later, at_step, reader)
        base = m.value(key, tau)
        y0 = self.value(expr, ctx)
        cols = []
        filt = None
        if later is not None:
            filt = lambda site, k=later: site[2] > k
        if at_step is not None:
            filt = lambda site, k=at_step: site[2] == k and site[0] != "loss"
        if tau is None and (rb.time is not None or rb.word):     # W^{(t)}: the copy of W used at step t
            at = self.time_of(rb, ctx)
            filt = lambda site, at=at: site[2] == at
        if reader is not None:
            filt = reader
        for idx in np.ndindex(*base.shape):
            delta = np.zeros(base.shape, dtype=complex)
            delta[idx] = STEP * 1j
            pert = {(key, tau): (delta, filt)}
            run = m.run(pert)
            sub = Ctx(ctx.tau, run, pert, ctx.consumer, ctx.env, ctx.lenient, ctx.readings, ctx.seen, ctx.lhs,
                      ctx.occ, ctx.local, ctx.out_dim)
            cols.append(np.imag(self.value(expr, sub)).reshape(-1) / STEP)
        J = np.array(cols).T.astype(complex)
        if y0.shape == (1, 1):
            return J.reshape(base.shape)
        if base.shape == (1, 1):
            return J.reshape(y0.shape)
        if 1 in base.shape:
            return J
        # \partial o_t / \partial W: a vector by a matrix, kept as an array (n, rows, cols) for prod(., .)
        return J.reshape((y0.size,) + base.shape)


def _strings(node) -> set:
    """Every string in a tree (the letters whose values a name's value may depend on: h_i, h^{(k)})."""
    if isinstance(node, str):
        return {node}
    if isinstance(node, (tuple, list)):
        return set().union(*(_strings(x) for x in node)) if node else set()
    return set()


def _tex_of(node) -> str:
    """LaTeX of a small tree (a name, \\partial name) for messages."""
    from .numadjoint import tree_latex
    if node[0] == "pre" and node[1] == "partial":
        return "\\partial " + tree_latex(node[3])
    return tree_latex(node)


def _written(node) -> str:
    """A gradient symbol's written name without its scripts (time and transpose are compared apart)."""
    return repr(node[1:3] + node[5:6]) if node and node[0] == "sym" and len(node) > 5 else repr(node)


def _by_argument(top, bottom):
    r"""Is the variable ``bottom`` of \partial f(...) / \partial v written among the arguments of ``top``? None
    when ``top`` writes no argument list."""
    lists = [x for x in walk(top) if isinstance(x, tuple) and x and x[0] == "list"]
    if not lists:
        return None
    return any(a == bottom for x in lists for a in x[2])


def _other_preact_word(stem: str, label: str, vocab) -> bool:
    """Does the code also assign the gradient of ``stem`` under another word of PREACT_WORDS (``dz_pre`` beside
    ``dz_raw``)? Then that one is the pre-activation's, and ``z_raw`` is z's own gradient before the gate's
    derivative (a GRU step's ``dz_raw = dh_new * (n - h)``, ``dz_pre = dz_raw * z * (1 - z)``)."""
    if label != "raw" or not getattr(vocab, "code", False):
        return False        # (raw is the word code uses both ways: min-char-rnn's dhraw is the pre-activation's)
    from ..text.codefences import CODE_ASSIGNED
    assigned = CODE_ASSIGNED.get()
    return any(f"d{stem}_{w}" in assigned for w in PREACT_WORDS if w != label)
