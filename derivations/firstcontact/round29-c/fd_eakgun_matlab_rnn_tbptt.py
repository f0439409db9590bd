"""Finite-difference check of eakgun_matlab_rnn_tbptt.md (numpy only; the MATLAB is transcribed,
1-based MATLAB columns become 0-based numpy columns).
Model (forward.m): z_K = Wih x_K + Whh h_{K-1}, h_K = tanh(z_K), o_K = sigmoid(Who h_K), column vectors,
no biases; ht(:,1) = h_0 = 0, so ht(:,K) = h_{K-1} and ht(:,K+1) = h_K.  Loss differentiated by bptt.m:
L_K = sum_{t<=K} (o_t - y_t)^2 (per-step Lt = (o-y).^2 of forward.m).  With K <= tau the truncation of
bptt.m is inactive, so its gradients must equal the full gradient of L_K.  Each line is checked locally
(correct upstream quantities).  Prints OK when the line is right, MISMATCH when it is wrong."""
import json, os
import numpy as np
here = os.path.dirname(os.path.abspath(__file__)); F = "eakgun_matlab_rnn_tbptt.md"
exp = json.load(open(os.path.join(here, "expected.json")))[F]
res = {}
def rep(line, ok, note=""):
    res[str(line)] = bool(ok); print(f"line {line}: {'OK' if ok else 'MISMATCH'} {note}")
rng = np.random.default_rng(2903); EPS = 1e-6
close = lambda a, b: np.allclose(a, b, atol=1e-7, rtol=1e-6)
sigmoid = lambda x: 1. / (1 + np.exp(-x))                       # sigmoid.m
dsigmoid = lambda x: sigmoid(x) * (1 - sigmoid(x))               # dsigmoid.m
dtanh = lambda x: 1 - np.tanh(x) ** 2                            # dtanh.m
Hn, K, tau = 4, 6, 10
train_in = rng.normal(0, 1, K); train_out = rng.uniform(0, 1, K)
P = dict(Wih=rng.normal(0, .6, (Hn, 1)), Whh=rng.normal(0, .5, (Hn, Hn)), Who=rng.normal(0, .6, (1, Hn)))
def forward_all(P):
    ht = np.zeros((Hn, 1)); zt = np.zeros((Hn, 0)); o = []
    for k in range(K):                                           # MATLAB K = k+1
        zt = np.hstack([zt, P["Wih"] * train_in[k] + P["Whh"] @ ht[:, [k]]])
        ht = np.hstack([ht, np.tanh(zt[:, [k]])])
        o.append(sigmoid(P["Who"] @ ht[:, [k + 1]]).item())
    return np.array(o), ht, zt
def L(P): o, _, _ = forward_all(P); return float(np.sum((o - train_out) ** 2))
def fdP(k):
    G = np.zeros_like(P[k])
    for i in np.ndindex(*P[k].shape):
        Q = {a: b.copy() for a, b in P.items()}; Q[k][i] += EPS; lp = L(Q); Q[k][i] -= 2 * EPS; G[i] = (lp - L(Q)) / (2 * EPS)
    return G
o, ht, zt = forward_all(P)
rep(11, close(zt[:, [2]], P["Wih"] * train_in[2] + P["Whh"] @ np.tanh(zt[:, [1]])), "z_K = Wih x_K + Whh h_{K-1} (ht(:,K) = h_{K-1})")
rep(13, close(ht[:, 1:], np.tanh(zt)), "h_K = tanh(z_K)")
rep(15, close(o, sigmoid((P["Who"] @ ht[:, 1:]).ravel())), "o_K = sigmoid(Who h_K)")
rep(22, True, "per-step loss definition Lt = (o - y)^2")
# FD of L w.r.t. the output pre-activation a_t = Who h_t
def L_apert(t, d):
    oo = o.copy(); oo[t] = sigmoid(np.log(o[t] / (1 - o[t])) + d); return float(np.sum((oo - train_out) ** 2))
e_true = np.array([(L_apert(t, EPS) - L_apert(t, -EPS)) / (2 * EPS) for t in range(K)])
e_auth = 2 * ((o - train_out) * dsigmoid(o))
rep(31, close(e_auth, e_true), f"e_t: author {e_auth[0]:.5f} vs FD dL/da {e_true[0]:.5f} (dsigmoid applied to the post-activation o)")
# bptt.m with the correct e_t (local judgement of the later lines)
def bptt(e_t):
    del_cols = []; t = K; stop = 0 if K < tau else K - tau
    while t > stop:
        if t == K: d = P["Who"].T * e_t[t - 1] * dtanh(zt[:, [t - 1]])
        else: d = (P["Who"].T * e_t[t - 1] + P["Whh"].T @ del_cols[-1]) * dtanh(zt[:, [t - 1]])
        del_cols.append(d); t -= 1
    del_rev = del_cols[::-1]; g = {k: np.zeros_like(v) for k, v in P.items()}
    for idx, i in enumerate(range(t + 1, K + 1)):
        g["Wih"] += del_rev[idx] * train_in[i - 1]
        g["Whh"] += del_rev[idx] @ ht[:, [i - 1]].T
        g["Who"] += e_t[i - 1] * ht[:, [i]].T
    return g, del_rev
g, dels = bptt(e_true)
FD = {k: fdP(k) for k in P}
# FD of L w.r.t. the hidden pre-activations z_t (to check the deltas directly)
def L_zpert(t, d):
    Q = P; hprev = np.zeros((Hn, 1)); tot = 0.0
    for k in range(K):
        z = Q["Wih"] * train_in[k] + Q["Whh"] @ hprev
        if k == t: z = z + d
        h = np.tanh(z); tot += (sigmoid(Q["Who"] @ h).item() - train_out[k]) ** 2; hprev = h
    return tot
dz_fd = []
for t in range(K):
    col = np.zeros((Hn, 1))
    for j in range(Hn):
        e = np.zeros((Hn, 1)); e[j] = EPS; col[j] = (L_zpert(t, e) - L_zpert(t, -e)) / (2 * EPS)
    dz_fd.append(col)
rep(47, close(dels[-1], dz_fd[-1]), "delta_K = Who' e_K .* tanh'(z_K)")
rep(50, all(close(dels[i], dz_fd[i]) for i in range(K - 1)), "delta_t = (Who' e_t + Whh' delta_{t+1}) .* tanh'(z_t)")
rep(65, close(g["Wih"], FD["Wih"]), "dWih = sum delta_i x_i")
rep(67, close(g["Whh"], FD["Whh"]), "dWhh = sum delta_i h_{i-1}' (ht(:,i) = h_{i-1})")
rep(69, close(g["Who"], FD["Who"]), "dWho = sum e_i h_i' (ht(:,i+1) = h_i)")
xs = rng.normal(0, 2, 7)
rep(86, close(sigmoid(xs), 1 / (1 + np.exp(-xs))), "sigmoid definition")
rep(98, close(dsigmoid(xs), (sigmoid(xs + EPS) - sigmoid(xs - EPS)) / (2 * EPS)), "dsigmoid(x) = d sigmoid/dx at the pre-activation x")
rep(108, close(dtanh(xs), (np.tanh(xs + EPS) - np.tanh(xs - EPS)) / (2 * EPS)), "dtanh(x) = 1 - tanh(x)^2")
rep(237, True, "training MSE metric: mean of squared errors")
# line 238: main.m's windowing gives 1000 samples -> 500 train (odd) and 500 validation (even) rows
num_data = 1000; ntr = len(range(1, num_data + 1, 2)); nva = len(range(2, num_data + 1, 2))
rep(238, ntr == nva, f"divides by length(o) = {ntr}, equal to length(o_val) = {nva} for the author's data")
agree = all(res[k] == (exp[k]["expected"] == "pass") for k in exp) and set(res) == set(exp)
print("ALL VERDICTS AGREE WITH expected.json" if agree else "DISAGREEMENT WITH expected.json")
