r"""Code written as equations, step implicit: names with a trailing ``\_`` (a pre-activation ``r\_`` and its
gradient ``dr\_``), code abbreviations of time words (``hp`` = h of the step before, ``dhn`` = what the next
step sends back to h), ``dh = ...`` as what step t sends back to h_{t-1}, and a gradient of a name no row
defines (``dA``, handed down by a layer above). Verdicts worked by hand (a GRU whose z weighs the OLD state)."""
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.names import Vocab, resolve
from symlstm.verify.text.rowparse import parse_row

FORWARD = r"""
$$ r\_ = X U_r + hp V_r + b_r $$
$$ r = \sigma(r\_) $$
$$ z\_ = X U_z + hp V_z + b_z $$
$$ z = \sigma(z\_) $$
$$ hh\_ = X U_{hh} + (r \odot hp) V_{hh} + b_{hh} $$
$$ hh = \tanh(hh\_) $$
$$ h = z \odot hp + (1 - z) \odot hh $$
"""
# dh\_ is dL/dh (the total); the rows below are right (hand-worked from h = z hp + (1 - z) hh)
BACKWARD = r"""
$$ dhh\_ = dh\_ \odot (1 - z) \odot \tanh'(hh\_) $$
$$ dz\_ = dh\_ \odot (hp - hh) \odot \sigma'(z\_) $$
$$ dr\_ = (dhh\_ V_{hh}^T) \odot hp \odot \sigma'(r\_) $$
$$ dh = (dhh\_ V_{hh}^T) \odot r + dz\_ V_z^T + dh\_ \odot z + dr\_ V_r^T $$
$$ dV_z += hp^T dz\_ $$
"""


def _verdicts(text):
    return {r.text.strip(): r for r in verify_derivation(text).results}


def _one(text, row):
    hits = [r for r in verify_derivation(text).results if r.text.strip() == row]
    assert len(hits) == 1, [r.text for r in verify_derivation(text).results]
    return hits[0]


def test_trailing_underscore_is_part_of_the_name():
    tree = parse_row(r"r\_ = X U_r + hp V_r + b_r")
    assert tree[1][0] == ("sym", "r_", None, None, None, 0)
    tree = parse_row(r"dhh\_ = dh\_ \odot (1 - z)")
    assert tree[1][0][1] == "dhh_"


def test_pre_activation_rows_pass():
    res = _verdicts(FORWARD + BACKWARD)
    assert res[r"r\_ = X U_r + hp V_r + b_r"].status == "pass"
    assert res[r"hh = \tanh(hh\_)"].status == "pass"
    assert res[r"dhh\_ = dh\_ \odot (1 - z) \odot \tanh'(hh\_)"].status == "pass"
    assert res[r"dz\_ = dh\_ \odot (hp - hh) \odot \sigma'(z\_)"].status == "pass"
    assert res[r"dr\_ = (dhh\_ V_{hh}^T) \odot hp \odot \sigma'(r\_)"].status == "pass"
    assert res[r"dV_z += hp^T dz\_"].status == "pass"


def test_mutated_pre_activation_rows_fail():
    # (1 - z) for z: the candidate's weight swapped with the old state's
    row = r"dhh\_ = dh\_ \odot z \odot \tanh'(hh\_)"
    assert _one(FORWARD + f"$$ {row} $$\n", row).status == "fail"
    # hh for hp: the reset gate's gradient through the wrong state
    row = r"dr\_ = (dhh\_ V_{hh}^T) \odot hh \odot \sigma'(r\_)"
    assert _one(FORWARD + f"$$ {row} $$\n", row).status == "fail"
    row = r"dV_z += hh^T dz\_"
    assert _one(FORWARD + f"$$ {row} $$\n", row).status == "fail"


def _names(node):
    if isinstance(node, tuple) and node and node[0] == "sym":
        return {node[1]} | _names(node[3]) | _names(node[4])
    if isinstance(node, (tuple, list)):
        return set().union(*[_names(x) for x in node]) if node else set()
    return set()


def test_hp_stays_one_name():
    rows = [parse_row(x.strip().strip("$").strip()) for x in FORWARD.strip().split("\n")]
    # in a row hp is one symbol, never h times p
    assert "hp" in _names(rows[0]) and "p" not in _names(rows[0])
    assert {"hp", "hh"} <= _names(rows[6]) and "p" not in _names(rows[6])
    vocab = Vocab(names={"r_", "r", "z_", "z", "hh_", "hh", "h"}, quantities={"h", "r", "z", "hh"})
    ref = resolve(("sym", "hp", None, None, None, 0), vocab)
    assert (ref.key, ref.word) == ("h", "prev")                  # h of the step before
    vocab.names.add("hp")                                        # a row defines hp: then it is that name
    assert resolve(("sym", "hp", None, None, None, 0), vocab).key == "hp"
    vocab = Vocab(names={"x"}, quantities={"x"})                  # no h anywhere: hp is not read as a time
    assert resolve(("sym", "hp", None, None, None, 0), vocab).key == "hp"
    assert resolve(("sym", "hh", None, None, None, 0), Vocab(names={"hh", "h"})).key == "hh"


def test_dh_sends_back_one_step():
    row = r"dh = (dhh\_ V_{hh}^T) \odot r + dz\_ V_z^T + dh\_ \odot z + dr\_ V_r^T"
    r = _one(FORWARD + BACKWARD, row)
    assert r.status == "pass" and r.reading == "step"
    # the direct path dropped: fails under every reading
    row = r"dh = (dhh\_ V_{hh}^T) \odot r + dz\_ V_z^T + dr\_ V_r^T"
    assert _one(FORWARD + f"$$ {row} $$\n", row).status == "fail"


def test_next_abbreviation_and_a_gradient_from_outside():
    # dhn: what the next step sends back to h; dA names nothing of the derivation: unreadable, says why
    r = _one(FORWARD + "$$ dh\\_ = dA + dhn $$\n", r"dh\_ = dA + dhn")
    assert r.status == "unreadable" and "dA" in r.why
    # dh\_ = dhn alone would read the two names as one gradient (X = X): not a pass
    r = _one(FORWARD + "$$ dh\\_ = dhn $$\n", r"dh\_ = dhn")
    assert r.status == "fail"
