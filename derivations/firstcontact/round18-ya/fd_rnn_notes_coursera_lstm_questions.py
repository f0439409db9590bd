"""FD check of rnn_notes_coursera_lstm_questions.md (English study note, Coursera notation; the LSTM forward is only a
figure, taken from the Coursera notebook the note cites: column vectors, batch in columns, W_k (n_a, n_a+n_x) on
[a_prev; x_t], Gamma_u the update gate, c = Gamma_f*c_prev + Gamma_u*ctilde, a = Gamma_o*tanh(c)).
d Gamma_k / d ctilde are gradients of the pre-activations (they carry the sigmoid/tanh derivative).
'*' element-wise; rows are read with the usual precedence (products before '+'), as printed without \\left( \\right).
i_t (line 79) is read as Gamma_u."""
import numpy as np
from fd_common import check, illtyped
from fd_lstm_coursera_cell import *

T = lstm_truth(); z, pre, G, c_next, a_next = fwd()
Go, Gu, Gf, ct = G["o"], G["u"], G["f"], G["c"]; th = np.tanh(c_next)
dgo = da_next * th * Go * (1 - Go)
check("L78 dGamma_o", dgo, T["dpre"]["o"])
# line 79, as printed: dc_next*Gu + Go(1-th^2)*i_t*da_next*ctilde*(1 - tanh(ctilde^2))
r79 = dc_next * Gu + Go * (1 - th**2) * Gu * da_next * ct * (1 - np.tanh(ct**2))
check("L79 dctilde (as printed)", r79, T["dpre"]["c"])
# even with the parentheses the notebook has and (1 - ctilde^2): the extra factor ctilde remains
r79b = (dc_next * Gu + Go * (1 - th**2) * Gu * da_next * ct) * (1 - ct**2)
check("L79 dctilde (parenthesised, 1-ctilde^2)", r79b, T["dpre"]["c"])
r80 = dc_next * ct + Go * (1 - th**2) * ct * da_next * Gu * (1 - Gu)
check("L80 dGamma_u (no parentheses)", r80, T["dpre"]["u"])
check("   (ref) L80 with parentheses", (dc_next * ct + Go * (1 - th**2) * ct * da_next) * Gu * (1 - Gu), T["dpre"]["u"])
# line 81: \tilde c_{prev} undefined; reading it as c_prev and still without parentheses
r81 = dc_next * c_prev + Go * (1 - th**2) * c_prev * da_next * Gf * (1 - Gf)
check("L81 dGamma_f (tilde c_prev read as c_prev, no parentheses)", r81, T["dpre"]["f"])
# lines 85-88 with the true pre-activation gradients ('*' = matrix product here)
dG = T["dpre"]
check("L85 dW_f = dGamma_f [a;x]^T", dG["f"] @ z.T, T["Wf"])
check("L86 dW_u = dGamma_u [a;x]^T", dG["u"] @ z.T, T["Wu"])
check("L87 dW_c = dctilde [a;x]^T", dG["c"] @ z.T, T["Wc"])
check("L88 dW_o = dGamma_o [a;x]^T", dG["o"] @ z.T, T["Wo"])
# line 94 with the slice the note states (line 96): W_f = W_f[:n_a,:] (rows) -> n_a x (n_a+n_x); W^T dGamma is (n_a+n_x) x m
rows = lambda W: W[:n_a, :]
r94 = sum(rows(P[k]).T @ dG[k] for k in "fuco")
print("L94 shape with the stated row slice:", r94.shape, "vs a_prev", a_prev.shape)
check("L94 da_prev with W_k[:n_a,:]", r94, T["a_prev"])
check("   (ref) da_prev with W_k[:, :n_a]", sum(P[k][:, :n_a].T @ dG[k] for k in "fuco"), T["a_prev"])
check("L98 dc_prev", dc_next * Gf + Go * (1 - th**2) * Gf * da_next, T["c_prev"])
r99 = sum(P[k].T @ dG[k] for k in "fuco")
print("L99 shape with unsliced W_k:", r99.shape, "vs x", x.shape)
check("L99 dx (W_k unsliced, d tilde c_t read as dctilde)", r99, T["x"])
