"""Layered derivations (symlstm/verify/layers.py): a layer index beside the time, index notation, gradient parts.

Each derivation below is a layered Elman network written in its own notation; the verdicts were worked out
by hand (the right side of a mutated row is the correct one with one symbol changed).
"""
import pytest

from symlstm.verify.judging.judge import verify_derivation

FORWARD = [
    r"\vec{z}_l^{(t)} = W^{l-1,l} \vec{h}_{l-1}^{(t)} + W^{ll} \vec{h}_l^{(t-1)} + \vec{b}^{l-1,l}",
    r"\vec{h}_l^{(t)} = \sigma_l \left( \vec{z}_l^{(t)} \right)",
    r"\vec{z}_{L+1}^{(t)} = W^{L,L+1} \vec{h}_L^{(t)} + \vec{b}^{L,L+1}",
    r"\hat{\vec{y}}^{(t)} = \sigma_{L+1} \left( \vec{z}_{L+1}^{(t)} \right)",
    r"\delta_l^{(t)} = \frac{\partial C}{\partial \vec{z}_l^{(t)}}",
]


def verdicts(rows, forward=FORWARD):
    text = "\n".join(f"$$ {r} $$" if not r.startswith(r"\begin") else r for r in forward + rows)
    report = verify_derivation(text)
    return [(r.status, r.why) for r in report.results][len(forward):]


@pytest.mark.parametrize("row, status", [
    # step t's part of a layer weight's gradient, for every layer l = 1..L (l = 1 reads h_0, the input)
    (r"\left( \frac{\partial C}{\partial W^{l-1,l}} \right)^{(t)} = \delta_l^{(t)} \left( \vec{h}_{l-1}^{(t)} \right)^T",
     "pass"),
    (r"\left( \frac{\partial C}{\partial W^{l-1,l}} \right)^{(t)} = \delta_l^{(t)} \left( \vec{h}_{l}^{(t)} \right)^T",
     "fail"),
    (r"\left( \frac{\partial C}{\partial W^{ll}} \right)^{(t)} = \delta_l^{(t)} \left( \vec{h}_l^{(t-1)} \right)^T",
     "pass"),
    (r"\frac{\partial C}{\partial W^{ll}} = \sum_t \left( \frac{\partial C}{\partial W^{ll}} \right)^{(t)}", "pass"),
    (r"\frac{\partial C}{\partial W^{ll}} = \sum_t \left( \frac{\partial C}{\partial W^{l-1,l}} \right)^{(t)}", "fail"),
    # a concrete layer is a special case of the family
    (r"\left( \frac{\partial C}{\partial W^{12}} \right)^{(t)} = \delta_2^{(t)} \left( \vec{h}_1^{(t)} \right)^T", "pass"),
    (r"\left( \frac{\partial C}{\partial W^{12}} \right)^{(t)} = \delta_1^{(t)} \left( \vec{h}_2^{(t)} \right)^T", "fail"),
    # the activation of a layer is a function of its own (its derivative written \sigma_l^\prime)
    (r"\delta_l^{(t)} = \frac{\partial C}{\partial \vec{h}_l^{(t)}} \odot \sigma_l^\prime \left( \vec{z}_l^{(t)} \right)",
     "pass"),
    (r"\delta_l^{(t)} = \frac{\partial C}{\partial \vec{h}_l^{(t)}} \odot \sigma_{L+1}^\prime \left( \vec{z}_l^{(t)} \right)",
     "fail"),
])
def test_layered_rows(row, status):
    assert verdicts([row])[0][0] == status


@pytest.mark.parametrize("row, status", [
    # (dC/dh)_time: what reaches h_l^{(t)} through the next step; (.)_layer through the next layer
    (r"\frac{\partial C}{\partial \vec{h}_l^{(t)}} = \left( \frac{\partial C}{\partial \vec{h}_l^{(t)}} \right)_\text{layer}"
     r" + \left( \frac{\partial C}{\partial \vec{h}_l^{(t)}} \right)_\text{time}", "pass"),
    (r"\left( \frac{\partial C}{\partial \vec{h}_l^{(t)}} \right)_\text{time} = \left( W^{ll} \right)^T \delta_l^{(t+1)}",
     "pass"),
    (r"\left( \frac{\partial C}{\partial \vec{h}_l^{(t)}} \right)_\text{time} = \left( W^{ll} \right)^T \delta_l^{(t)}",
     "fail"),
    (r"\left( \frac{\partial C}{\partial \vec{h}_L^{(t)}} \right)_\text{layer} = \left( W^{L,L+1} \right)^T "
     r"\frac{\partial C}{\partial \vec{z}_{L+1}^{(t)}}", "pass"),
    (r"\left( \frac{\partial C}{\partial \vec{h}_L^{(t)}} \right)_\text{time} = \left( W^{L,L+1} \right)^T "
     r"\frac{\partial C}{\partial \vec{z}_{L+1}^{(t)}}", "fail"),
])
def test_gradient_parts(row, status):
    assert verdicts([row])[0][0] == status


KRONECKER = "\n".join([
    r"\begin{align*}",
    r"\left( \frac{\partial C}{\partial b^{L,L+1}_i} \right)^{(t)} &= \sum_{j=1}^m \frac{\partial C}{\partial z_{L+1,j}^{(t)}}"
    r" \frac{\partial}{\partial b^{L,L+1}_i} \left( \sum_k W^{L,L+1}_{jk} h_{L,k}^{(t)} + b^{L,L+1}_j \right) \\",
    r"&= \sum_{j=1}^m \frac{\partial C}{\partial z_{L+1,j}^{(t)}} \delta_{ij} \\",
    r"&= \sum_{j=1}^m \frac{\partial C}{\partial z_{L+1,j}^{(t)}} \\",
    r"&= \frac{\partial C}{\partial z_{L+1,i}^{(t)}} \\",
    r"&= \left[ \frac{\partial C}{\partial \vec{z}_{L+1}^{(t)}} \right]_i",
    r"\end{align*}",
])


def test_kronecker_delta_component_chain():
    # every link of the chain is checked for every component i; the third row drops the \delta_{ij}
    assert [s for s, _ in verdicts([KRONECKER])] == ["pass", "pass", "fail", "pass", "pass"]


def test_component_of_an_outer_product():
    row = (r"\left( \frac{\partial C}{\partial W^{L,L+1}_{ij}} \right)^{(t)} = \frac{\partial C}{\partial z_{L+1,i}^{(t)}}"
           r" h_{L,j}^{(t)} = \left[ \frac{\partial C}{\partial \vec{z}_{L+1}^{(t)}} \left( \vec{h}_L^{(t)} \right)^T \right]_{ij}")
    wrong = row.replace(r"h_{L,j}^{(t)} =", r"h_{L,i}^{(t)} =")
    assert [s for s, _ in verdicts([row, wrong])] == ["pass", "fail"]


def test_a_fraction_without_partial_in_its_denominator_fails():
    status, why = verdicts([r"\frac{\partial C}{W^{L,L+1}} = \sum_t \left( \frac{\partial C}{\partial W^{L,L+1}} \right)^{(t)}"])[0]
    assert status == "fail" and "no \\partial in its denominator" in why


def test_first_step_stated_apart():
    # z_1^{(1)} without the time part (there is no previous state yet): the general rows hold from t = 2
    forward = FORWARD + [r"\vec{z}_1^{(1)} = W^{01} \vec{X}^{(1)} + \vec{b}^{01}"]
    rows = [r"\left( \frac{\partial C}{\partial W^{11}} \right)^{(t)} = \delta_1^{(t)} \left( \vec{h}_1^{(t-1)} \right)^T",
            r"\vec{z}_1^{(1)} = W^{01} \vec{X}^{(1)} + W^{11} \vec{h}_1^{(0)} + \vec{b}^{01}",
            r"\vec{z}_1^{(2)} = W^{01} \vec{X}^{(2)} + W^{11} \vec{h}_1^{(1)} + \vec{b}^{01}"]
    assert [s for s, _ in verdicts(rows, forward)] == ["pass", "fail", "pass"]
