"""FD check of zh_ng_rnn_lstm_cell_backward.md (Chinese note, Coursera notation; Gamma_u read as the note's Gamma_i,
'更新门' = update gate; d gamma_c in db_c read as dp ctilde). Line numbers refer to the .md file."""
import numpy as np
from fd_lstm_coursera_cell import *

print("== RNN cell (lines 19, 24-28)")
R = rnn_truth(); a_next = rnn_fwd()
dZ = da_next * (1 - a_next**2)              # line 19 (the extra ')' aside)
check("L24 dW_aa = dZ a^{<t-1>T}", dZ @ a_prev.T, R["Waa"])
check("L25 da_prev = W_aa^T dZ", Waa.T @ dZ, R["a_prev"])
check("L26 dW_ax = dZ x^{<t>T}", dZ @ x.T, R["Wax"])
check("L27 dx = W_ax^T dZ", Wax.T @ dZ, R["x"])
check("L28 dba = sum_batch dZ", dZ.sum(axis=1, keepdims=True), R["ba"])

print("== LSTM cell")
T = lstm_truth(); z, pre, G, c_next, a_next = fwd()
Go, Gu, Gf, ct = G["o"], G["u"], G["f"], G["c"]
th = np.tanh(c_next)
dc_tot = dc_next + da_next * Go * (1 - th**2)          # line 80, total gradient of c^{<t>}
dgo = da_next * th * Go * (1 - Go)                      # line 84
dpc = (dc_next + da_next * Go * (1 - th**2)) * Gu * (1 - ct**2)   # line 88
dgu = (dc_next + da_next * Go * (1 - th**2)) * ct * Gu * (1 - Gu) # line 92
dgf = (dc_next + da_next * Go * (1 - th**2)) * c_prev * Gf * (1 - Gf)  # line 96
# line 80 is an update dc_next <- dc_next + ...: the right side is dL/dc^{<t>} seen through c only
check("L80 dc_next(new) = dL/dc_next incl. a-path", dc_tot,
      num_grad(lambda: np.sum(da_next * Go * np.tanh(c_var)) + np.sum(dc_next * c_var), c_var := c_next.copy()))
check("L84 dgamma_o", dgo, T["dpre"]["o"])
check("L88 dp ctilde", dpc, T["dpre"]["c"])
check("L92 dgamma_u", dgu, T["dpre"]["u"])
check("L96 dgamma_f", dgf, T["dpre"]["f"])
check("L101 dW_f", dgf @ z.T, T["Wf"])
check("L105 dW_u", dgu @ z.T, T["Wu"])
check("L109 dW_c", dpc @ z.T, T["Wc"])
check("L113 dW_o", dgo @ z.T, T["Wo"])
check("L117 db_f", dgf.sum(1, keepdims=True), T["bf"])
check("L121 db_u", dgu.sum(1, keepdims=True), T["bu"])
check("L125 db_c (dgamma_c read as dp ctilde)", dpc.sum(1, keepdims=True), T["bc"])
check("L129 db_o", dgo.sum(1, keepdims=True), T["bo"])
dx = P["f"][:, n_a:].T @ dgf + P["u"][:, n_a:].T @ dgu + P["c"][:, n_a:].T @ dpc + P["o"][:, n_a:].T @ dgo
da = P["f"][:, :n_a].T @ dgf + P["u"][:, :n_a].T @ dgu + P["c"][:, :n_a].T @ dpc + P["o"][:, :n_a].T @ dgo
check("L134 dx^{<t>} (columns n_a:)", dx, T["x"])
check("L138 da_prev (columns :n_a)", da, T["a_prev"])
check("L142 dc_prev", dc_next * Gf + Go * (1 - th**2) * Gf * da_next, T["c_prev"])
