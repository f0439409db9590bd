"""FD check of NX-AI/flashrnn vanilla_fwbw (LSTM part): forward_sequence + lstm_pointwise_fw,
backward_sequence + lstm_pointwise_bw, transcribed to numpy (einops rearranges written as transposes)."""
import numpy as np

rng = np.random.default_rng(612)
T, NS, B, NH, D, NG = 4, 2, 2, 2, 3, 4
sig = lambda z: 1 / (1 + np.exp(-z))

Wx = rng.normal(size=(B, T, NG, NH, D))
R = rng.normal(size=(NG, NH, D, D)) * 0.5
b = rng.normal(size=(NG, NH, D)) * 0.3
states_initial = rng.normal(size=(NS, B, NH, D)) * 0.5
G_all = rng.normal(size=(T, NS, B, NH, D))   # dL/d states_all[1:]  (delta_states_all_outside)
G_last = rng.normal(size=(NS, B, NH, D))     # dL/d states_last     (delta_states_last_outside)

PERT = {}   # perturbation hooks: key -> array added at a given place


def p(key, shape):
    return PERT.get(key, np.zeros(shape))


def forward():
    states_all = np.zeros((T + 1, NS, B, NH, D))
    gates_all = np.zeros((T, NG, B, NH, D))
    states_all[0] = states_initial
    states = states_initial.copy()
    Rf = R.transpose(1, 3, 0, 2).reshape(NH, D, NG * D)[None]        # "ngr nh dout din -> 1 nh din (ngr dout)"
    Rhs = []
    for t in range(T):
        h_in = states[0] + p(("h_in", t), (B, NH, D))               # h_{t-1} as seen by the recurrent matmul
        Rh = h_in.reshape(B, NH, 1, D) @ Rf
        Rh = Rh.reshape(B, NH, NG, D).transpose(0, 2, 1, 3)          # (B, NGR, NH, D)
        Rhs.append(Rh)
        gatesbar = Wx[:, t] + Rh + b[None, :]
        gatesbar = gatesbar + p(("gbar", t), gatesbar.shape)         # perturb pre-activations (B, 4, NH, D)
        ibar, fbar, zbar, obar = [gatesbar[:, k] for k in range(4)]
        h, c = states[0], states[1] + p(("c_in", t), (B, NH, D))     # c_{t-1} as seen by step t
        i, f, z, o = sig(ibar), sig(fbar), np.tanh(zbar), sig(obar)
        c_next = f * c + i * z
        c_next = c_next + p(("c_tot", t), c_next.shape)              # perturbs c_t before h_t is formed
        h_next = o * np.tanh(c_next)
        c_next = c_next + p(("c_noh", t), c_next.shape)              # perturbs c_t after h_t is formed
        h_next = h_next + p(("h_tot", t), h_next.shape)
        states = np.stack((h_next, c_next), 0)
        gates = np.stack((i, f, z, o), 0)
        states_all[t + 1] = states
        gates_all[t] = gates
    return states_all, gates_all, Rhs


def loss():
    sa, _, _ = forward()
    return float(np.sum(G_all * sa[1:]) + np.sum(G_last * sa[-1]))


def num_grad_arr(X, eps=1e-6):
    g = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        k = it.multi_index; old = X[k]
        X[k] = old + eps; fp = loss()
        X[k] = old - eps; fm = loss()
        X[k] = old; g[k] = (fp - fm) / (2 * eps)
    return g


def num_grad_hook(key, shape):
    Dp = np.zeros(shape); PERT[key] = Dp
    g = num_grad_arr(Dp)
    del PERT[key]
    return g


results = {}
def check(line, a, n, expect=True):
    ok = bool(np.allclose(a, n, atol=1e-6, rtol=1e-5))
    results.setdefault(line, []).append(ok)
    assert ok == expect, (line, np.max(np.abs(a - n)))


states_all, gates_all, Rhs = forward()

# ---- forward rows against an independent LSTM: gate_k = W_k x + R_k h + b_k (per head), standard cell
h = states_initial[0].copy(); c = states_initial[1].copy()
for t in range(T):
    pre = np.stack([Wx[:, t, k] + np.einsum("gnoi,bni->bgno", R, h)[:, k] + b[k] for k in range(4)], 1)
    check(77, Rhs[t], np.einsum("gnoi,bni->bgno", R, h))          # line 74/77/78: Rh[b,g,nh,dout] = sum_din R[g,nh,dout,din] h[b,nh,din]
    check(102, Wx[:, t] + Rhs[t] + b[None], pre)
    i_, f_, z_, o_ = sig(pre[:, 0]), sig(pre[:, 1]), np.tanh(pre[:, 2]), sig(pre[:, 3])
    c = f_ * c + i_ * z_
    h = o_ * np.tanh(c)
    check(113, states_all[t + 1][1], c)
    check(114, states_all[t + 1][0], h)
    check(108, gates_all[t][0], i_); check(109, gates_all[t][1], f_)
    check(110, gates_all[t][2], z_); check(111, gates_all[t][3], o_)
results[74] = results[77]; results[78] = results[77]

# ---- backward, as written
Rb = R.transpose(1, 0, 2, 3).reshape(NH, NG * D, D)                  # line 177 "ngr nh dout din -> nh (ngr dout) din"
delta_R = np.zeros((NH, NG * D, D))
delta_Wx = np.zeros((T, NG, B, NH, D))
delta_states_tplus1 = G_last.copy()
for t in range(T - 1, -1, -1):
    delta_states_t_out = G_all[t]
    states_t, states_tminus1, gates_t = states_all[t + 1], states_all[t], gates_all[t]
    # lstm_pointwise_bw
    delta_states_t = delta_states_t_out + delta_states_tplus1                        # line 235
    check(235, delta_states_t[0], num_grad_hook(("h_tot", t), (B, NH, D)))
    check(235, delta_states_t[1], num_grad_hook(("c_noh", t), (B, NH, D)))
    i, f, z, o = gates_t
    h_t, c_t = states_t
    h_tminus1, c_tminus1 = states_tminus1
    delta_h_t, delta_c_t = delta_states_t
    delta_c_t = delta_c_t + delta_h_t * o * (1 - np.square(np.tanh(c_t)))          # line 242
    check(242, delta_c_t, num_grad_hook(("c_tot", t), (B, NH, D)))
    delta_o = delta_h_t * np.tanh(c_t) * (1 - o) * o                                 # line 244
    delta_f = delta_c_t * c_tminus1 * (1 - f) * f                                   # line 245
    delta_i = delta_c_t * z * (1 - i) * i                                           # line 246
    delta_z = delta_c_t * i * (1 - np.square(z))                                    # line 247
    gfd = num_grad_hook(("gbar", t), (B, NG, NH, D))
    check(246, delta_i, gfd[:, 0]); check(245, delta_f, gfd[:, 1])
    check(247, delta_z, gfd[:, 2]); check(244, delta_o, gfd[:, 3])
    delta_c_tminus1 = delta_c_t * f                                                 # line 249
    check(249, delta_c_tminus1, num_grad_hook(("c_in", t), (B, NH, D)))
    delta_states_tminus1 = np.stack((np.zeros_like(delta_c_tminus1), delta_c_tminus1), 0)  # line 251
    check(251, delta_states_tminus1[1], delta_c_tminus1)
    delta_gates_t = np.stack((delta_i, delta_f, delta_z, delta_o), 0)              # line 254
    check(254, delta_gates_t.transpose(1, 0, 2, 3), gfd)
    # backward_sequence
    delta_h_tminus1 = delta_gates_t.transpose(2, 1, 0, 3).reshape(NH, B, NG * D) @ Rb   # line 197
    delta_states_tminus1[0] = delta_h_tminus1.transpose(1, 0, 2)                        # line 200
    check(197, delta_states_tminus1[0], num_grad_hook(("h_in", t), (B, NH, D)))
    results[200] = results[197]
    h_tm1 = states_tminus1[0]
    delta_R += delta_gates_t.transpose(2, 0, 3, 1).reshape(NH, NG * D, B) @ h_tm1.transpose(1, 0, 2)  # line 205
    delta_Wx[t] = delta_gates_t                                                     # line 209
    delta_states_tplus1 = delta_states_tminus1                                      # line 211

check(211, delta_states_tplus1, num_grad_arr(states_initial))   # chain 200/211 ends at dL/dstates_initial
delta_Wx = delta_Wx.transpose(2, 0, 1, 3, 4)                                      # line 213
check(209, delta_Wx, num_grad_arr(Wx))
delta_b = delta_Wx.sum(0).sum(0)                                                # line 215
check(215, delta_b, num_grad_arr(b))
delta_R = delta_R.reshape(NH, NG, D, D).transpose(1, 0, 2, 3)                   # line 217
check(205, delta_R, num_grad_arr(R))

results[177] = results[197]   # backward layout of R, exercised by the line-197 check
assert all(all(v) for v in results.values())
print({k: all(v) for k, v in sorted(results.items())})
