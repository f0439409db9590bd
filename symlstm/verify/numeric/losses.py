r"""The loss when the derivation names one (L, J, E, \xi, ...) but no row defines it.

Two rules, both as data where possible:

* **The loss that matches the output's activation** (:data:`HEAD_LOSSES`). Authors who write
  ``\hat{y}^{(t)} = \sigma(V h^{(t)} + c)`` and later ``\frac{\partial L}{\partial o} = \hat{y} - y`` rely on the
  loss that pairs with the activation: binary cross-entropy for the sigmoid, cross-entropy for the softmax,
  half the squared error for an affine (identity) output. Under each of them the gradient by the output's
  pre-activation is ``\hat{y} - y``. The rule applies only when the derivation defines no loss, the output is
  a hatted name and its target (``y`` beside ``\hat{y}``) is named by the rows; otherwise the loss stays the
  generic random linear one on the outputs.

* **The loss must reach the states** (:func:`loss_sensitive`). When the forward rows as read leave a quantity
  out of every path to the loss (a row the reader could not read, a head that reads an undefined name), the
  gradient of the loss by that quantity is identically zero in the model and every row about it would hold
  as ``0 = 0``. A row that reads such a gradient is judged again under a *generic* loss that adds a random
  linear term on every quantity the loss does not reach (at every step): it passes only when it holds under
  both losses, fails when it is ill-typed as written or fails under both, and is unreadable when the two
  verdicts differ, with the reason "the loss is not defined" for that quantity.
"""
from __future__ import annotations

from contextlib import contextmanager

import numpy as np

from ..text.names import IllTyped, NotReadable, key_latex
from ...latex.notation import LOSS_NAMES
from ..text.trees import symbols, walk

__all__ = ["HEAD_LOSSES", "matched_outputs", "head_term", "extra_terms", "dead_keys", "loss_sensitive"]

#: The output's activation -> the loss that matches it (its gradient by the pre-activation is y_hat - y).
#: "softmax" is the reader's cross-entropy on a one-hot target; the others are tuple kinds of Model.loss.
HEAD_LOSSES = {
    "sigmoid": "bce",          # -sum y log y_hat + (1 - y) log(1 - y_hat), element-wise
    "softmax": "softmax",      # -log y_hat[target]
    "identity": "squared",     # 1/2 ||y_hat - y||^2
}

#: Complex-step size of the reachability probe (as Model's).
_STEP = 1e-30


def _activation(key, defs, vocab):
    """The output activation of ``key``'s forward row: a function name of :data:`HEAD_LOSSES`, or None."""
    pre = vocab.preacts.get(key)
    if pre is not None:
        return pre[0] if pre[0] in HEAD_LOSSES else None
    for d in defs:
        if d.keys == (key,):
            calls = [n for n in walk(d.node) if n[0] in ("call", "func", "apply")]
            syms = [n for n in walk(d.node) if n[0] == "sym" and n[1] in (
                "tanh", "sigma", "sigmoid", "softmax", "exp", "log", "relu", "max")]
            if not calls and not syms and d.node[0] in ("add", "mul"):
                return "identity"        # \hat{y} = V h + c: an affine output
    return None


def defines_loss(node, vocab) -> bool:
    r"""Does a loss row's right side say what the loss is? ``L = \sum_t L^{(t)}`` only sums the losses of the
    steps (every name on it is a loss name or a step count): it leaves the loss itself undefined."""
    if node is None:
        return False
    from ..text.names import resolve
    for n in symbols(node):
        try:
            key = resolve(n, vocab).key
        except NotReadable:
            return True
        if key not in LOSS_NAMES and key not in ("T", "tau", "n", "N", vocab.time_var):
            return True
    return False


def matched_outputs(outputs, defs, vocab, loss_def):
    """The outputs with the loss of :data:`HEAD_LOSSES` where the rule applies (see the module doc)."""
    if defines_loss(loss_def, vocab) or len(outputs) != 1:
        return outputs
    key, kind = outputs[0]
    if kind != "linear" or not key.startswith("hat:") or key[4:] not in vocab.inputs:
        return outputs
    act = _activation(key, defs, vocab)
    loss = HEAD_LOSSES.get(act)
    if loss == "bce":
        return [(key, ("bce", key[4:]))]
    if loss == "squared":
        return [(key, ("squared", key[4:], 1))]
    return outputs      # softmax outputs are found by the reader before this rule


def head_term(model, kind, v, tau):
    """The loss term of an output ``v`` at step ``tau`` for a tuple kind of :func:`matched_outputs`, or None."""
    if kind[0] == "bce":
        y = model.input(kind[1], tau, v.shape)
        return -np.sum(y * np.log(v) + (1 - y) * np.log(1 - v))
    return None


def extra_terms(model, run, pert):
    """The generic loss's terms on the quantities the loss does not reach (:func:`loss_sensitive`)."""
    keys = getattr(model, "extra_loss", ())
    if not keys:
        return 0.0
    ev = model.evaluator
    total = 0.0
    steps = [model.T] if getattr(model, "extra_last_only", False) else range(1, model.T + 1)
    for key in keys:
        for tau in steps:
            if (key, tau) not in run.values:
                continue
            try:
                v = ev.read(key, tau, run, pert, ("loss", key, tau, 0))
            except (IllTyped, NotReadable):
                continue
            w = model.loss_weights.setdefault(("__generic", key, tau), model.random(np.shape(v)).real)
            term = np.sum(w * v)
            run.terms[tau] = run.terms.get(tau, 0.0) + term
            total = total + term
    return total


def _reaches(model, key) -> bool:
    """Does the loss depend on ``key`` (a quantity at some step, an input, or a parameter) in the model?"""
    rng = np.random.default_rng(7)
    times = [None] if key in model.params else range(0, model.T + 1)
    for tau in times:
        try:
            base = model.value(key, tau)
        except (IllTyped, NotReadable, KeyError, ValueError):
            continue
        delta = rng.standard_normal(np.shape(base)) * _STEP * 1j
        try:
            r = model.run({(key, tau): (delta, None)})
        except (IllTyped, NotReadable, ValueError, ArithmeticError):
            return True         # not decidable here: treated as reached
        if abs(np.imag(r.loss)) / _STEP > 1e-12:
            return True
    return False


def dead_keys(model, keys):
    """The keys among ``keys`` whose loss gradient is identically zero in the model (cached on the model)."""
    cache = model.__dict__.setdefault("_reach_cache", {})
    out = []
    for key in keys:
        known = (key in model.params or key in model.vocab.quantities or key in model.vocab.inputs)
        if not known:
            continue
        if key not in cache:
            cache[key] = _reaches(model, key)
        if not cache[key]:
            out.append(key)
    return out


@contextmanager
def generic_loss(model, last=False):
    """The model with the generic loss: a random linear term on every output of the cell the loss does not reach
    (a quantity no other row reads at its step: h_t of an LSTM, not its gates nor c_t, which reach the loss through
    h_t); on every unreached quantity when none of them is such an output. Names first stated in a time letter of
    their own (owntimeletter.py: J_k = diag(f'(a_k)) W_h) are the author's side definitions, never such outputs."""
    slot = "_generic_last_state" if last else "_generic_state"
    aug = model.__dict__.get(slot)
    if aug is None:
        side = getattr(model.vocab, "side_names", set())     # D_k = diag(1 - h_k^2): the author's side name
        quantities = sorted({k for d in model.defs for k in d.keys if not k.startswith("pre:") and k not in side})
        dead = dead_keys(model, quantities)
        read = set()
        for d in model.defs:
            if set(d.keys) <= side:
                continue
            try:
                read |= model.same_step_reads(d) - set(d.keys)
            except NotReadable:
                read = set(quantities)
                break
        dead = [k for k in dead if k not in read] or dead
        # (tc = np.tanh(c) in a backward function: a value computed for the gradients, read by no forward row, is
        # no output beside the state h the cell carries to its next step: one a row reads at the step before)
        dead = [k for k in dead if any(shift == 1 for _, _, shift in model.evaluator.sites(k))] or dead
        saved = (model.base, model._grad_cache)
        model.extra_loss, model.extra_last_only = tuple(dead), last
        model._grad_cache = {}
        try:
            base = model.run()
        finally:
            model.extra_loss, model.extra_last_only = (), False
            model.base, model._grad_cache = saved
        aug = (tuple(dead), base, {})
        model.__dict__[slot] = aug
    saved = (model.base, model._grad_cache, getattr(model, "extra_loss", ()))
    model.extra_loss, model.base, model._grad_cache = aug
    model.extra_last_only = last
    try:
        yield aug[0]
    finally:
        model.base, model._grad_cache, model.extra_loss = saved
        model.extra_last_only = False


def _value_failure(r) -> bool:
    """A fail whose sides have the same shape and differ in value (so a different loss could change it)."""
    if r.status != "fail":
        return False
    if "vanish" in (r.why or ""):      # both sides zero: what an unreached quantity gives
        return True
    return r.claimed is not None and r.correct is not None and np.shape(r.claimed) == np.shape(r.correct)


def loss_sensitive(judge, ev):
    """Judge a row with ``judge()``; when it reads a gradient of the loss by a quantity the loss does not reach
    as the forward rows are read, judge it again under the generic loss (module doc) and keep only what no
    loss can change."""
    model = ev.model
    fixed = getattr(ev, "file_readings", None)
    before = dict(fixed) if fixed is not None else None     # the readings the file had before this row

    def afresh():           # judged again under another loss: not with what the first judgement recorded
        if before is not None:
            fixed.clear()
            fixed.update(before)
    ev.row_grads = set()
    r = judge()
    grads = ev.row_grads
    ev.row_grads = None
    ev.last_row_grads = grads       # the gradient symbols the row read (usereadings.py)
    keys = sorted({g.key for g in grads if g.style not in ("jacobian", "function")})
    # zero under every reading, or held only under one that makes a written gradient vanish (a code variable's
    # reading fixed by an earlier row: rowjudge.CodeReadings): no evidence, tried under the generic loss
    vanished = "both sides vanish" in (r.why or "") or "makes a written gradient vanish" in (r.why or "")
    if not keys or r.status == "unreadable" and not vanished:
        return r
    dead = dead_keys(model, keys)
    if not dead:
        return r
    names = ", ".join(key_latex(k) for k in dead)
    why = (f"the loss is not defined for {names}: no readable forward row carries it to the loss, so its "
           f"gradient would be zero")
    if r.status == "fail" and not _value_failure(r):
        return r                    # ill-typed as written: wrong under every loss
    with generic_loss(model) as extra:
        still = dead_keys_under(model, dead)
        if still:
            r.status, r.holds = "unreadable", None
            r.why = why
            return r
        ev.row_grads = set()
        afresh()
        try:
            r2 = judge()
        finally:
            ev.row_grads = None
    if vanished:        # no evidence under the derivation's loss: the generic loss decides, if it tests the row
        if r2.status == "pass":
            return _generic_note(r2, extra, names)
        if r.status == "fail" and r2.status == "fail" and "vanish" not in (r2.why or ""):
            return _generic_note(r2, extra, names)      # failing already: the generic loss's counterexample says why
        if r2.status == "fail" and _value_failure(r2) and "vanish" not in (r2.why or "") and \
                getattr(ev, "given_carried", ()) and _fails_with_last_loss(judge, ev):
            # a code step handed its outputs' gradients (givenparts.py): no loss of its own, the generic one is
            # the only test, and a row wrong under it on every step's outputs and on the last step's is wrong
            return _generic_note(r2, extra, names)
        return r            # (a failure there alone is no verdict: the row was never tested by its own loss)
    if r2.status == "fail" and not _value_failure(r2):
        return r2                   # ill-typed under the generic loss: wrong as written
    if r2.status == r.status == "pass":
        return _generic_note(r2, extra, names, too=True)
    if r2.status == r.status == "fail":
        return r                    # wrong under both losses
    if r2.status == "fail" and set(dead) == set(keys) and _fails_with_last_loss(judge, ev):
        # every gradient the row reads is zero under the derivation's loss (it reaches none of them): that reading
        # tells nothing; a row wrong under the generic loss, on every step's outputs and on the last step's only
        # (a many-to-one net), is wrong for the losses a cell is trained with
        return _generic_note(r2, extra, names)
    r2.status, r2.holds = "unreadable", None
    r2.why = why + ("; under a generic loss: " + r2.why if r2.why else "")
    return r2


def _generic_note(r, extra, names, too=False):
    """``r`` with its reason saying it was judged under the generic loss on ``extra`` (``too``: as well as under
    the derivation's own loss, which does not reach ``names``)."""
    note = (f"judged under a generic loss on {', '.join(key_latex(k) for k in extra)}{' too' if too else ''} "
            f"(the derivation does not define the loss for {names})")
    r.why = "; ".join(x for x in (r.why, note) if x)
    return r


def _fails_with_last_loss(judge, ev) -> bool:
    """Does the row fail (by value) under the generic loss on the last step's outputs only?"""
    with generic_loss(ev.model, last=True):
        ev.row_grads = set()
        try:
            r3 = judge()
        finally:
            ev.row_grads = None
    return r3.status == "fail"


def dead_keys_under(model, keys):
    """The keys still unreached by the generic loss (checked on the model as it is now)."""
    out = []
    for key in keys:
        if not _reaches(model, key):
            out.append(key)
    return out
