"""Reader features added with the RNN sources bitjoy_cs224n_bptt and willwolf_rnn_gradients:
a run of lower-case letters as the superscript of a weight (W^{hh}, W^{xh}, W^{hy}) labels the
weight (as W_{hh} does), it is not a power. Verdicts worked by hand."""
from symlstm.verify.judging.judge import verify_derivation

FORWARD = r"""
\[ z_t = W^{xh} x_t + W^{hh} h_{t-1} \]
\[ h_t = \tanh(z_t) \]
\[ y_t = W^{hy} h_t \]
"""


def statuses(text):
    return [r.status for r in verify_derivation(text).results]


def test_superscript_label_run_is_a_weight_name():
    assert statuses(FORWARD) == ["pass", "pass", "pass"]


def test_superscript_labels_keep_weights_apart():
    # the step-local gradient of z_t by h_{t-1} is W^{hh}, not W^{xh}
    good = FORWARD + r"\[ \frac{\partial z_t}{\partial h_{t-1}} = W^{hh} \]" + "\n"
    bad = FORWARD + r"\[ \frac{\partial z_t}{\partial h_{t-1}} = W^{xh} \]" + "\n"
    assert statuses(good)[-1] == "pass"
    assert statuses(bad)[-1] != "pass"


def test_power_of_a_lower_case_name_is_still_a_power():
    text = FORWARD + r"\[ \frac{\partial h_t}{\partial z_t} = 1 - h_t^{2} \]" + "\n"
    assert statuses(text)[-1] == "pass"
