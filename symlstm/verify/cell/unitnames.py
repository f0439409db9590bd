"""Names of units a derivation uses without defining them by a row: a pre-activation's aliases
(``\\gamma_o`` for the pre-activation of ``\\Gamma_o``, ``\\bar z``), a gate named by its weights'
label (``i_t`` for the gate built from ``W_i``), and the walk over parsed rows they share with the
cell builder."""

from __future__ import annotations

from ...latex.notation import GATE_SYNONYMS
from ..text.names import NotReadable, resolve
from ..text.rowparse import GREEK
from ..text.trees import walk

__all__ = ["GATE_LETTERS"]



#: Letters that name a gate by its weights' label (W_i, b_i: the input gate).
GATE_LETTERS = {"i", "f", "o", "u", "r", "z", "g"}


def _named(key, vocab):
    return key in vocab.quantities or key in vocab.aliases or vocab.known(key) or key in vocab.names \
        or any(str(n).partition("_")[0] == key for n in vocab.quantities | vocab.params | vocab.names)


def _aliases_by_weight_label(defs, vocab):
    r"""d\gamma_c beside d\gamma_o, d\gamma_u (Coursera): a pre-activation alias family (\gamma for
    \Gamma) names a unit by the label of its weights, so \gamma_c is the pre-activation of the unit
    built from W_c and b_c (\tilde c). Only labels that pick out exactly one unit."""
    families = {a.partition("_")[0] for a in vocab.aliases
                if a.partition("_")[0] in GREEK and a.partition("_")[0][0].islower() and "_" in a}
    by_label = {}
    for d in defs:
        if len(d.keys) != 1 or not str(d.keys[0]).startswith("pre:"):
            continue
        labels = set()
        for n in walk(d.node):
            if n[0] != "sym":
                continue
            try:
                r = resolve(n, vocab)
            except NotReadable:
                continue
            base, _, lab = r.key.partition("_")
            if lab and r.key not in vocab.quantities and r.time is None and base[:1].isalpha():
                labels.add(lab)
        for lab in labels:
            by_label.setdefault(lab, set()).add(d.keys[0])
    unit_of = {pk: key for key, (_, pk) in vocab.preacts.items()}
    for lab, pks in by_label.items():
        if len(pks) != 1:
            continue
        # i_t for \Gamma_u (Coursera 2018): a bare gate letter names the gate built from W_u, b_u
        unit = unit_of.get(next(iter(pks)))
        for letter in {lab, GATE_SYNONYMS.get(lab, lab)}:
            if unit is not None and letter in GATE_LETTERS and "_" in unit and not _named(letter, vocab):
                vocab.aliases[letter] = unit
        for fam in families:
            a = f"{fam}_{lab}"
            if a not in vocab.quantities and a not in vocab.aliases and not vocab.known(a):
                vocab.aliases[a] = next(iter(pks))


def _aliases_of_preact(key, pk, vocab):
    base, _, rest = key.partition("_")
    al = []
    if base in GREEK and base[0].isupper():
        al.append(base.lower() + ("_" + rest if rest else ""))
    if ":" not in base and str(pk).startswith("pre:"):
        # (not where a row names the pre-activation, a_t = U h_{t-1} + ..., h_t = \tanh(a_t): \bar h_t is then
        # the adjoint of h_t, as reverse-mode texts write it, not a second name of a_t)
        al.append("bar:" + key)
        al.append("hat:" + key)                  # \hat{a}^t (Mallya's notes) when \hat is not the second one
    al.append("p:" + key)
    for a in al:
        if a not in vocab.quantities:
            vocab.aliases.setdefault(a, pk)
