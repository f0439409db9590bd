"""The Greff et al. (2017) LSTM variants and the MGU: definitions, parameters, and compiled code vs reference."""
import numpy as np
import pytest
import sympy

import symlstm
from symlstm import cell, reference
from symlstm.cells.algebra import at, mat, param, sigmoid, tanh
from symlstm.cells.variants import GREFF_VARIANTS

VARIANTS = list(GREFF_VARIANTS) + ["mgu"]
SIZES = [(1, 1, 1, 1), (4, 3, 2, 3), (6, 2, 5, 4)]      # T, B, I, H


def test_all_registered_in_order():
    names = symlstm.available_cells()
    assert names[-len(VARIANTS):] == VARIANTS
    assert set(VARIANTS) <= set(reference.CELLS)


@pytest.mark.parametrize("name", VARIANTS)
def test_parameters_and_states_match_the_reference(name):
    c = cell(name)
    assert c.name == name
    assert c.param_shapes(3, 5) == reference.param_shapes(name, 3, 5)
    assert c.states == reference.states(name)


@pytest.mark.parametrize("name", VARIANTS)
def test_compiled_code_matches_the_reference(name):
    compiled = symlstm.compile(name)
    rng = np.random.default_rng(7)
    for T, B, I, H in SIZES:
        x = rng.standard_normal((T, B, I))
        params = reference.init_params(name, I, H, rng)
        state0 = {s: rng.standard_normal((B, H)) * 0.5 for s in reference.states(name)}
        dh = rng.standard_normal((T, B, H))
        hs, final = compiled.forward(x, params, state0)
        ref_hs, ref_final = reference.forward(name, x, params, state0)
        np.testing.assert_allclose(hs, ref_hs, rtol=1e-10, atol=1e-12)
        for s in ref_final:
            np.testing.assert_allclose(final[s], ref_final[s], rtol=1e-10, atol=1e-12)
        grads = compiled.backward(x, params, dh, state0)
        ref = reference.backward(name, x, params, dh, state0)
        assert set(grads) == set(ref)
        for k in ref:
            np.testing.assert_allclose(grads[k], ref[k], rtol=1e-10, atol=1e-12, err_msg=f"{name}: {k}")


# ------------------------------------------------------------------ the definitions themselves
def _vanilla(q):
    return cell("peephole_lstm").rhs(q)


def test_nig_nfg_nog():
    assert cell("lstm_nig").rhs("c") == at("f") * at("c", -1) + at("g")
    assert cell("lstm_nfg").rhs("c") == at("c", -1) + at("i") * at("g")
    assert cell("lstm_nog").rhs("h") == tanh(at("c"))
    assert "W_i" not in cell("lstm_nig").param_names
    assert not {"W_f", "U_f", "b_f", "p_f"} & set(cell("lstm_nfg").param_names)
    assert not {"W_o", "U_o", "b_o", "p_o"} & set(cell("lstm_nog").param_names)


def test_niaf_noaf():
    assert cell("lstm_niaf").rhs("g") == mat("W_g") @ at("x") + mat("U_g") @ at("h", -1) + param("b_g")
    assert cell("lstm_noaf").rhs("h") == at("o") * at("c")
    for name, q in (("lstm_niaf", "h"), ("lstm_noaf", "g")):
        assert cell(name).rhs(q) == _vanilla(q)


def test_np_is_lstm():
    assert cell("lstm_np").equations == cell("lstm").equations
    assert not any(p.startswith("p_") for p in cell("lstm_np").param_names)


def test_cifg():
    c = cell("lstm_cifg")
    assert c.rhs("f") == 1 - at("i")
    assert c.rhs("i") == _vanilla("i")


def test_fgr():
    c = cell("lstm_fgr")
    assert c.states == ("h", "c", "i", "f", "o")
    for to in "ifo":
        (a,) = c.rhs(to).args
        (v,) = _vanilla(to).args
        assert isinstance(c.rhs(to), sigmoid)
        assert a - v == sum(mat(f"R_{to}{frm}") @ at(frm, -1) for frm in "ifo")
    assert sorted(p for p in c.param_names if p.startswith("R_")) == \
        sorted(f"R_{a}{b}" for a in "ifo" for b in "ifo")


def test_mgu():
    c = cell("mgu")
    f, h, n = at("f"), at("h", -1), at("n")
    assert c.rhs("f") == sigmoid(mat("W_f") @ at("x") + mat("U_f") @ h + param("b_f"))
    assert c.rhs("n") == tanh(mat("W_n") @ at("x") + mat("U_n") @ (f * h) + param("b_n"))
    assert sympy.expand(c.rhs("h") - ((1 - f) * h + f * n)) == 0


@pytest.mark.parametrize("name", VARIANTS)
def test_descriptions_cite_the_source(name):
    c = cell(name)
    assert ("Greff et al. 2017" in c.description) if name != "mgu" else ("Zhou et al. 2016" in c.description)


@pytest.mark.parametrize("name", ["lstm_cifg", "lstm_fgr"])
def test_cli_equations_backward(name, capsys):
    from symlstm.commands.cli import main
    assert main(["equations", name, "--backward"]) == 0
    out = capsys.readouterr().out
    assert "δh_t = Δ_t" in out and "δW_i = Σ_t" in out
    if name == "lstm_fgr":
        assert "R_ifᵀ" in out


def test_cli_cells_lists_the_variants(capsys):
    from symlstm.commands.cli import main
    assert main(["cells"]) == 0
    out = capsys.readouterr().out
    for name in VARIANTS:
        assert name in out
