"""FD check of NX-AI/flashrnn vanilla_fwbw sLSTM: slstm_pointwise_fw / slstm_pointwise_bw (numpy transcription),
driven by forward_sequence / backward_sequence of the same file (see fd_flashrnn_lstm_fwbw.py).
Loss depends on the h outputs only (as in xLSTM usage); initial states are zero (xLSTM default)."""
import numpy as np

rng = np.random.default_rng(6123)
T, NS, B, NH, D, NG = 5, 4, 2, 2, 3, 4
sig = lambda z: 1 / (1 + np.exp(-z))
logsig = lambda z: -np.logaddexp(0, -z)

Wx = rng.normal(size=(B, T, NG, NH, D))
R = rng.normal(size=(NG, NH, D, D)) * 0.5
b = rng.normal(size=(NG, NH, D)) * 0.3
states_initial = np.zeros((NS, B, NH, D))
G_h = rng.normal(size=(T, B, NH, D))
G_all = np.zeros((T, NS, B, NH, D)); G_all[:, 0] = G_h     # delta_states_all_outside (only h)
G_last = np.zeros((NS, B, NH, D))                          # delta_states_last_outside

PERT = {}
p = lambda key, shape: PERT.get(key, np.zeros(shape))


def forward():
    states_all = np.zeros((T + 1, NS, B, NH, D)); gates_all = np.zeros((T, NG, B, NH, D))
    states_all[0] = states_initial; states = states_initial.copy()
    Rf = R.transpose(1, 3, 0, 2).reshape(NH, D, NG * D)[None]
    aux = []
    for t in range(T):
        h_in = states[0] + p(("h_in", t), (B, NH, D))
        Rh = (h_in.reshape(B, NH, 1, D) @ Rf).reshape(B, NH, NG, D).transpose(0, 2, 1, 3)
        gatesbar = Wx[:, t] + Rh + b[None, :]                                   # line 14
        gatesbar = gatesbar + p(("gbar", t), gatesbar.shape)
        ibar, fbar, zbar, obar = [gatesbar[:, k] for k in range(4)]
        h, c, n, m = states
        c = c + p(("c_in", t), c.shape); n = n + p(("n_in", t), n.shape)
        logfplusm = m + logsig(fbar)                                           # line 20
        if np.all(n == 0.0):
            m_next = ibar                                                      # line 22
        else:
            m_next = np.maximum(logfplusm, ibar)                               # line 24
        f = np.exp(logfplusm - m_next)                                          # line 26
        i = np.exp(ibar - m_next)                                               # line 27
        z = np.tanh(zbar)                                                       # line 28
        o = sig(obar)                                                           # line 29
        c_next = f * c + i * z                                                  # line 31
        n_unclamped = f * n + i
        n_next = np.maximum(n_unclamped, np.ones_like(n))                       # line 32
        c_next = c_next + p(("c_tot", t), c_next.shape); n_next = n_next + p(("n_tot", t), n_next.shape)
        h_next = o * (c_next / n_next)                                          # line 34
        c_next = c_next + p(("c_noh", t), c_next.shape); n_next = n_next + p(("n_noh", t), n_next.shape)
        h_next = h_next + p(("h_tot", t), h_next.shape)
        m_next = m_next + p(("m_tot", t), m_next.shape)
        states = np.stack((h_next, c_next, n_next, m_next), 0)
        states_all[t + 1] = states
        gates_all[t] = np.stack((ibar, fbar, z, o), 0)
        aux.append(dict(f=f, i=i, nun=n_unclamped, ibar=ibar, fbar=fbar, zbar=zbar, obar=obar, cprev=c, nprev=n))
    return states_all, gates_all, aux


def loss():
    sa, _, _ = forward()
    return float(np.sum(G_all * sa[1:]) + np.sum(G_last * sa[-1]))


def num_grad_arr(X, eps=1e-6):
    g = np.zeros_like(X); it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        k = it.multi_index; old = X[k]
        X[k] = old + eps; fp = loss(); X[k] = old - eps; fm = loss(); X[k] = old
        g[k] = (fp - fm) / (2 * eps)
    return g


def hook(key, shape):
    Dp = np.zeros(shape); PERT[key] = Dp; g = num_grad_arr(Dp); del PERT[key]; return g


results = {}
def check(line, a, n, expect=True):
    ok = bool(np.allclose(a, n, atol=2e-6, rtol=1e-5))
    results.setdefault(line, []).append(ok)
    assert ok == expect, (line, np.max(np.abs(a - n)))


states_all, gates_all, aux = forward()

# ---- forward rows vs the sLSTM of Beck et al. 2024 (xLSTM), unstabilised form:
#      C_t = sigma(fbar) C_{t-1} + exp(ibar) z,  N_t = sigma(fbar) N_{t-1} + exp(ibar),  h_t = o C_t / N_t
Cu = np.zeros((B, NH, D)); Nu = np.zeros((B, NH, D)); h = np.zeros((B, NH, D))
for t in range(T):
    pre = Wx[:, t] + np.einsum("gnoi,bni->bgno", R, h) + b[None]
    a = aux[t]
    check(14, np.stack([a["ibar"], a["fbar"], a["zbar"], a["obar"]], 1), pre)
    Cu = sig(pre[:, 1]) * Cu + np.exp(pre[:, 0]) * np.tanh(pre[:, 2])
    Nu = sig(pre[:, 1]) * Nu + np.exp(pre[:, 0])
    h = sig(pre[:, 3]) * Cu / Nu
    m = states_all[t + 1][3]
    # stabilised states are the unstabilised ones scaled by exp(-m_t); h identical
    check(31, states_all[t + 1][1], Cu * np.exp(-m))
    check(32, states_all[t + 1][2], Nu * np.exp(-m))
    check(34, states_all[t + 1][0], h)
    assert np.all(a["nun"] >= 1.0 - 1e-12)       # the max(., 1) clamp of line 32 never binds here
    m_prev = states_all[t][3]
    lfm = m_prev + logsig(pre[:, 1])
    m_ref = pre[:, 0] if t == 0 else np.maximum(lfm, pre[:, 0])   # stabiliser of the paper (first step: log i)
    check(24 if t else 22, m, m_ref)
    check(20, lfm, m_prev + np.log(sig(pre[:, 1])))
    check(26, a["f"], sig(pre[:, 1]) * np.exp(m_prev - m))
    check(27, a["i"], np.exp(pre[:, 0] - m))
    check(28, gates_all[t][2], np.tanh(pre[:, 2])); check(29, gates_all[t][3], sig(pre[:, 3]))

# ---- backward as written (backward_sequence of bw.py + slstm_pointwise_bw)
Rb = R.transpose(1, 0, 2, 3).reshape(NH, NG * D, D)
delta_R = np.zeros((NH, NG * D, D)); delta_Wx = np.zeros((T, NG, B, NH, D))
delta_states_tplus1 = G_last.copy()
dm_max = 0.0
for t in range(T - 1, -1, -1):
    states_t, states_tminus1, gates_t = states_all[t + 1], states_all[t], gates_all[t]
    delta_states_t = G_all[t] + delta_states_tplus1                                      # line 57
    check(57, delta_states_t[0], hook(("h_tot", t), (B, NH, D)))
    check(57, delta_states_t[1], hook(("c_noh", t), (B, NH, D)))
    check(57, delta_states_t[2], hook(("n_noh", t), (B, NH, D)))
    ibar, fbar, z, o = gates_t
    h_t, c_t, n_t, m_t = states_t
    h_tminus1, c_tminus1, n_tminus1, m_tminus1 = states_tminus1
    delta_h_t, delta_c_t, delta_n_t, delta_m_t = delta_states_t
    delta_c_t = delta_c_t + delta_h_t * (o / n_t)                                        # line 68
    check(68, delta_c_t, hook(("c_tot", t), (B, NH, D)))
    delta_n_t = delta_n_t - delta_h_t * (o / np.square(n_t)) * c_t                       # line 69
    check(69, delta_n_t, hook(("n_tot", t), (B, NH, D)))
    logfplusm = m_tminus1 + logsig(fbar)                                                 # line 71
    f = np.exp(logfplusm - m_t)                                                          # line 73
    i = np.exp(ibar - m_t)                                                               # line 74
    check(71, logfplusm, m_tminus1 + np.log(sig(fbar)))
    check(73, f, aux[t]["f"]); check(74, i, aux[t]["i"])
    delta_c_tminus1 = delta_c_t * f                                                      # line 76
    delta_n_tminus1 = delta_n_t * f                                                      # line 77
    check(76, delta_c_tminus1, hook(("c_in", t), (B, NH, D)))
    if t > 0:   # at t = 0 the n == 0 branch is taken; perturbing n there changes the branch
        check(77, delta_n_tminus1, hook(("n_in", t), (B, NH, D)))
    delta_o = delta_h_t * (c_t / n_t) * o * (1 - o)                                      # line 79
    delta_f = (delta_c_t * c_tminus1 + delta_n_t * n_tminus1) * f * (1 - sig(fbar))      # line 80
    delta_i = (delta_c_t * z + delta_n_t) * i                                            # line 83
    delta_z = delta_c_t * i * (1 - np.square(z))                                         # line 84
    gfd = hook(("gbar", t), (B, NG, NH, D))   # true forward: m_t = max(...) is recomputed under perturbation
    check(83, delta_i, gfd[:, 0]); check(80, delta_f, gfd[:, 1])
    check(84, delta_z, gfd[:, 2]); check(79, delta_o, gfd[:, 3])
    delta_states_tminus1 = np.stack((np.zeros_like(delta_c_tminus1), delta_c_tminus1,
                                     delta_n_tminus1, np.zeros_like(delta_c_tminus1)), 0)  # line 86
    delta_gates = np.stack((delta_i, delta_f, delta_z, delta_o), 0)                       # line 96
    check(96, delta_gates.transpose(1, 0, 2, 3), gfd)
    # convention of line 86: m is a stabiliser; its own partial derivative is NOT zero ...
    dm_true = hook(("m_tot", t - 1), (B, NH, D)) if t > 0 else np.zeros((B, NH, D))
    dm_max = max(dm_max, float(np.max(np.abs(dm_true))))
    # ... but it is dropped on purpose: the parameter gradients below are exact nonetheless.
    delta_h_tminus1 = delta_gates.transpose(2, 1, 0, 3).reshape(NH, B, NG * D) @ Rb
    delta_states_tminus1[0] = delta_h_tminus1.transpose(1, 0, 2)
    check(86, delta_states_tminus1[:3], np.stack([hook(("h_in", t), (B, NH, D)), delta_c_tminus1, delta_n_tminus1]))
    delta_R += delta_gates.transpose(2, 0, 3, 1).reshape(NH, NG * D, B) @ states_tminus1[0].transpose(1, 0, 2)
    delta_Wx[t] = delta_gates
    delta_states_tplus1 = delta_states_tminus1

print("max |partial dL/dm_t| (dropped by convention, yet parameter gradients exact):", dm_max)
delta_Wx = delta_Wx.transpose(2, 0, 1, 3, 4)
check(86, delta_Wx, num_grad_arr(Wx))
check(86, delta_Wx.sum(0).sum(0), num_grad_arr(b))
check(86, delta_R.reshape(NH, NG, D, D).transpose(1, 0, 2, 3), num_grad_arr(R))

assert all(all(v) for v in results.values())
print({k: all(v) for k, v in sorted(results.items())})
