"""FD check of dlnote1_coursera_rnn_gru_lstm.md (English DL course notes, Coursera notation, column vectors,
batch m in columns; one time step's contribution with upstream da_next, dc_next).
RNN rows are read with '*' (element-wise) and juxtaposition (matrix product) applied left to right,
e.g. line 18 = (da_next * (1 - tanh^2(z))) x^T; the alternative reading (juxtaposition first) is also tried."""
import numpy as np
from fd_common import check, illtyped
from fd_lstm_coursera_cell import *

print("== Basic RNN (lines 18-22)")
R = rnn_truth(); a_next = rnn_fwd(); s = 1 - np.tanh(Waa @ a_prev + Wax @ x + ba)**2
check("L18 dW_ax = (da_next*s) x^T", (da_next * s) @ x.T, R["Wax"])
# line 19 is the same product for W_aa, but its parentheses do not balance: '(( 1-\tanh^2(...) )  a^T'
check("L19 dW_aa = (da_next*s) a_prev^T  [math right; unbalanced '((' as printed]", (da_next * s) @ a_prev.T, R["Waa"])
check("L20 db_a = da_next * sum_batch(s)", da_next * s.sum(axis=1, keepdims=True), R["ba"]) if m == 1 else \
    print("FAIL  L20 db_a = da_next * sum_batch(s): shape", (da_next * s.sum(axis=1, keepdims=True)).shape, "vs", R["ba"].shape,
          "; value differs from sum_batch(da_next*s) =", np.abs(da_next * s.sum(1, keepdims=True) - (da_next*s).sum(1, keepdims=True)).max())
# line 21: da_next * W_ax^T (s): left-to-right (da_next*W_ax^T) is (n_a,m)*(n_x,n_a) -> ill-typed;
# juxtaposition-first da_next * (W_ax^T s) is (n_a,m)*(n_x,m) -> ill-typed for n_x != n_a
illtyped("L21 dx = da_next * W_ax^T (s)", "(n_a,m) * (n_x,n_a) or (n_a,m) * (n_x,m); correct is W_ax^T (da_next*s)")
check("   (reference) W_ax^T (da_next*s)", Wax.T @ (da_next * s), R["x"])
# line 22: juxtaposition-first reading is well-typed but wrong in value; left-to-right is (n_a,m)*(n_a,n_a)
check("L22 da_prev = da_next * (W_aa^T s)  [juxtaposition-first reading]", da_next * (Waa.T @ s), R["a_prev"])
check("   (reference) W_aa^T (da_next*s)", Waa.T @ (da_next * s), R["a_prev"])

print("== LSTM (lines 74-89)")
T = lstm_truth(); z, pre, G, c_next, a_next = fwd()
Go, Gu, Gf, ct = G["o"], G["u"], G["f"], G["c"]; th = np.tanh(c_next)
dgo = da_next * th * Go * (1 - Go)
dpc = (dc_next * Gu + Go * (1 - th**2) * Gu * da_next) * (1 - ct**2)
dgu = (dc_next * ct + Go * (1 - th**2) * ct * da_next) * Gu * (1 - Gu)
dgf = (dc_next * c_prev + Go * (1 - th**2) * c_prev * da_next) * Gf * (1 - Gf)
check("L74 dgamma_o", dgo, T["dpre"]["o"])
check("L75 dp ctilde", dpc, T["dpre"]["c"])
check("L76 dgamma_u", dgu, T["dpre"]["u"])
check("L77 dgamma_f", dgf, T["dpre"]["f"])
ok = all([check("L81 dW_o", dgo @ z.T, T["Wo"]), check("L81 dW_u", dgu @ z.T, T["Wu"]), check("L81 dW_f", dgf @ z.T, T["Wf"])])
check("L82 dW_c", dpc @ z.T, T["Wc"])
for k, d in (("o", dgo), ("u", dgu), ("f", dgf), ("c", dpc)):
    check(f"L83 db_{k}", d.sum(1, keepdims=True), T["b" + k])
full = P["f"].T @ dgf + P["u"].T @ dgu + P["c"].T @ dpc + P["o"].T @ dgo   # no slicing stated in the note
print("L87 da_prev = sum W_k^T dgamma_k  -> shape", full.shape, "but a_prev is", a_prev.shape)
check("L87 da_prev (full W_k, as printed)", full, T["a_prev"])
check("L88 dc_prev", dc_next * Gf + Go * (1 - th**2) * Gf * da_next, T["c_prev"])
check("L89 dx (full W_k, as printed; same right side as L87)", full, T["x"])
check("   (reference) full W_k^T dgamma_k = [da_prev; dx]", full, np.vstack([T["a_prev"], T["x"]]))
