"""Reader features added with the LSTM/GRU sources mallya_lstm_slides, samrat_nath_gru, talwar_lstm_bptt
(hand-worked verdicts)."""
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.rowparse import parse_row

GRU = r"""
$$z_t = \sigma(W_{zh}\ast h_{t-1} + W_{zx}\ast x_t)$$
$$r_t = \sigma(W_{rh}\ast h_{t-1} + W_{rx}\ast x_t)$$
$$\tilde{h}_t = f(W_h\ast (r_t \circ h_{t-1}) + W_x\ast x_t)$$
$$h_t = z_t\circ h_{t-1} + (1-z_t)\circ \tilde{h}_t,$$
%s
"""


def _status(row):
    rep = verify_derivation(GRU % row)
    return [r.status for r in rep.results][-1]


def test_delta_subscript_loss_reads_as_a_gradient():
    # \Delta_{q}L is the gradient of the loss w.r.t. q, as \nabla_{q} L (marked as written with \Delta:
    # \Delta_{W}L, like \Delta W, may be step t's contribution)
    delta, nabla = parse_row(r"\Delta_{h_t}L")[1][0], parse_row(r"\nabla_{h_t} L")[1][0]
    assert delta[:4] == nabla[:4] and delta[4:] == ("Delta",)
    # without a loss after the subscript \Delta_{..} stays a name
    assert parse_row(r"\Delta_{h_t}") != parse_row(r"\nabla_{h_t} L")


def test_delta_gradient_rows_are_judged():
    # dL/d\tilde h_t = dL/dh_t (1 - z_t): right (h_t = z h_{t-1} + (1 - z) \tilde h_t)
    assert _status(r"$$ \Delta_{\tilde{h}_t}L = \Delta_{h_t}L \circ (1-z_t) $$") == "pass"
    # with z_t in place of 1 - z_t: wrong
    assert _status(r"$$ \Delta_{\tilde{h}_t}L = \Delta_{h_t}L \circ z_t $$") == "fail"


def test_unreadable_left_side_does_not_abort_the_file():
    # a left side with a subscript the names cannot read ([i]) made verify_derivation raise for the whole
    # file; now every row gets a verdict (here: unreadable, with the reason) instead of an exception
    text = GRU % r"$$ \hat{y}^{(t)}_{[i]} = \frac {e^{\theta^{(t)}_{[i]}}} {\sum_{j} e^{\theta^{(t)}_{[j]}}} $$"
    rep = verify_derivation(text)
    assert len(rep.results) == 5
    assert all(r.status in ("pass", "fail", "unreadable") for r in rep.results)
    assert all(r.why for r in rep.results if r.status == "unreadable")
