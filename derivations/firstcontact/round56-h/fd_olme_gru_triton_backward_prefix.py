#!/usr/bin/env python3
"""Finite-difference check of olme_gru_triton_backward_prefix.md (cute-kernels GRU, pre-PR-#249).

numpy only, float64.  One head (N=1), batch B, head dim H, S steps, row-vector layout:
  f_s = sigmoid(h_{s-1} @ Wf + xf_s), r_s = sigmoid(h_{s-1} @ Wr + xr_s),
  z_s = tanh((h_{s-1} * r_s) @ W + x_s),  h_s = f_s * h_{s-1} + (1 - f_s) * z_s.
Loss L = sum_s sum(G_s * h_s), so the external gradient output_grad[s] = G_s.
Every transcribed line is re-implemented literally and compared with central differences.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "olme_gru_triton_backward_prefix.md"
rng = np.random.default_rng(7)
B, H, S = 2, 3, 4
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
W, Wf, Wr = (rng.normal(0, 0.6, (H, H)) for _ in range(3))
X, XF, XR = (rng.normal(0, 0.8, (S, B, H)) for _ in range(3))
H0 = rng.normal(0, 0.7, (B, H))
G = rng.normal(0, 1.0, (S, B, H))
EPS = 1e-6


def forward(P=None, Wv=None, Wfv=None, Wrv=None, h0=None):
    """P: dict key -> (S,B,H) additive perturbations at named points."""
    P = P or {}
    Wv = W if Wv is None else Wv
    Wfv = Wf if Wfv is None else Wfv
    Wrv = Wr if Wrv is None else Wrv
    h = H0.copy() if h0 is None else h0.copy()
    z0 = np.zeros((S, B, H))
    g = lambda k: P.get(k, z0)
    L = 0.0
    cache = []
    for s in range(S):
        hp = h
        f = sig((hp + g('hp_f')[s]) @ Wfv + XF[s] + g('a_f')[s])
        r = sig((hp + g('hp_r')[s]) @ Wrv + XR[s] + g('a_r')[s])
        rh = (hp + g('hp_c')[s]) * r + g('rh')[s]
        z = np.tanh(rh @ Wv + X[s] + g('a_z')[s])
        h = f * (hp + g('hp_d')[s]) + (1 - f) * z + g('h')[s]
        L += np.sum(G[s] * (h + g('hy')[s]))
        cache.append(dict(hp=hp, f=f, r=r, z=z, h=h))
    return L, cache


def fd_point(key):
    out = np.zeros((S, B, H))
    for idx in np.ndindex(S, B, H):
        e = np.zeros((S, B, H)); e[idx] = EPS
        out[idx] = (forward({key: e})[0] - forward({key: -e})[0]) / (2 * EPS)
    return out


def fd_weight(which):
    base = {'W': W, 'Wf': Wf, 'Wr': Wr}[which]
    out = np.zeros_like(base)
    for idx in np.ndindex(*base.shape):
        Wp = base.copy(); Wp[idx] += EPS
        Wm = base.copy(); Wm[idx] -= EPS
        out[idx] = (forward(**{which + 'v': Wp})[0] - forward(**{which + 'v': Wm})[0]) / (2 * EPS)
    return out


def fd_h0():
    out = np.zeros_like(H0)
    for idx in np.ndindex(*H0.shape):
        a = H0.copy(); a[idx] += EPS
        b = H0.copy(); b[idx] -= EPS
        out[idx] = (forward(h0=a)[0] - forward(h0=b)[0]) / (2 * EPS)
    return out


close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
L0, C = forward()
num = {k: fd_point(k) for k in ['h', 'hy', 'a_f', 'a_r', 'a_z', 'rh', 'hp_c', 'hp_f', 'hp_r']}
D = num['h']                      # true dL/dh_s (total)
dW_num, dWf_num, dWr_num = fd_weight('W'), fd_weight('Wf'), fd_weight('Wr')
dh0_num = fd_h0()

results = {}
def rec(line, ok):
    results[line] = 'pass' if ok else 'fail'

# ---------------- forward definitions (torch reference and Triton forward) ----------------
def torch_like():
    input_state = H0.copy(); outs = []
    for s in range(S):
        forget_gate = sig(input_state @ Wf + XF[s])                                  # line 10
        reset_gate = sig(input_state @ Wr + XR[s])                                   # line 11
        possible_new_state = np.tanh((input_state * reset_gate) @ W + X[s])          # line 13
        input_state = forget_gate * input_state + (1 - forget_gate) * possible_new_state  # line 14
        outs.append(input_state.copy())                                              # line 16
    return outs

def _rnn_forward_update(input_state, weight, inp, act):
    input_state = input_state @ weight + inp                                          # line 24
    input_state = {'sigmoid': sig, 'tanh': np.tanh}[act](input_state)                 # line 25
    return input_state

def triton_like():
    input_state = H0.copy(); outs = []
    for s in range(S):
        reset_gate = _rnn_forward_update(input_state, Wr, XR[s], 'sigmoid')           # line 35
        output_update = _rnn_forward_update(input_state * reset_gate, W, X[s], 'tanh')  # line 47
        forget_gate = _rnn_forward_update(input_state, Wf, XF[s], 'sigmoid')          # line 59
        input_state = forget_gate * input_state + (1 - forget_gate) * output_update   # line 71
        outs.append(input_state.copy())
    return outs

ref = [c['h'] for c in C]
t1, t2 = torch_like(), triton_like()
ok_fwd = all(close(a, b) for a, b in zip(t1, ref)) and all(close(a, b) for a, b in zip(t2, ref))
for ln in (10, 11, 13, 14, 16, 24, 25, 35, 47, 59, 71):
    rec(ln, ok_fwd)

# ---------------- activation derivatives (lines 85, 96, 108, 110, 112, 121) ----------------
xa = rng.normal(0, 1.5, 50); up = rng.normal(0, 1, 50)
d_sig_num = (sig(xa + EPS) - sig(xa - EPS)) / (2 * EPS)
d_tanh_num = (np.tanh(xa + EPS) - np.tanh(xa - EPS)) / (2 * EPS)
y = sig(xa); rec(85, close(y * (1 - y), d_sig_num))                                 # line 85
y = np.tanh(xa); rec(96, close(1 - y * y, d_tanh_num))                              # line 96
slope = 0.1
lrelu = lambda a: np.maximum(a, 0) + slope * np.minimum(a, 0)
yl = lrelu(xa)
leaky_relu_backward = np.where(yl >= 0, 1, slope)          # triton_math.leaky_relu_backward (not transcribed)
d_lrelu_num = (lrelu(xa + EPS) - lrelu(xa - EPS)) / (2 * EPS)
rec(108, close(up * leaky_relu_backward, up * d_lrelu_num))                         # line 108
rec(110, close(up * sig(xa) * (1 - sig(xa)), up * d_sig_num))                      # line 110
rec(112, close(up * (1 - np.tanh(xa) ** 2), up * d_tanh_num))                      # line 112
rec(121, results[110] == 'pass' and results[112] == 'pass')                         # line 121 (dispatch)

# lines 125, 126: for a = h @ W + x, d(sum(g*a))/dh = g @ W.T, d/dW = h.T @ g
hh = rng.normal(0, 1, (B, H)); gg = rng.normal(0, 1, (B, H)); WW = rng.normal(0, 1, (H, H))
fa = lambda h_, W_: np.sum(gg * (h_ @ W_))
num_dh = np.zeros_like(hh); num_dW = np.zeros_like(WW)
for idx in np.ndindex(*hh.shape):
    e = np.zeros_like(hh); e[idx] = EPS
    num_dh[idx] = (fa(hh + e, WW) - fa(hh - e, WW)) / (2 * EPS)
for idx in np.ndindex(*WW.shape):
    e = np.zeros_like(WW); e[idx] = EPS
    num_dW[idx] = (fa(hh, WW + e) - fa(hh, WW - e)) / (2 * EPS)
rec(125, close(gg @ WW.T, num_dh))                                                 # line 125
rec(126, close(hh.T @ gg, num_dW))                                                 # line 126

# lines 149, 154, 156 (_load_previous_output): h_0 for s == 0 (zeros without input state), else h_{s-1}
hp_loaded = [H0 if s == 0 else C[s - 1]['h'] for s in range(S)]
ok = all(close(hp_loaded[s], C[s]['hp']) for s in range(S))
rec(149, ok); rec(156, ok)
_, Cz = forward(h0=np.zeros((B, H)))
rec(154, close(Cz[0]['hp'], np.zeros((B, H))))

# ---------------- the backward kernel, literal pre-fix version ----------------
def sigmoid_backward(y): return y * (1 - y)
def tanh_backward(y): return 1 - y * y
def _rnn_backward_update(output, weight, output_grad, weight_grad, output_prev, act):
    input_grad = output_grad * (sigmoid_backward(output) if act == 'sigmoid' else tanh_backward(output))
    input_state_grad = input_grad @ weight.T
    weight_grad = output_prev.T @ input_grad + weight_grad
    return input_grad, weight_grad, input_state_grad

trace = {}
input_state_grad = np.zeros((B, H))                                                 # line 164
weight_grad = np.zeros((H, H)); forget_weight_grad = np.zeros((H, H)); reset_weight_grad = np.zeros((H, H))  # 165-167
for s in range(S - 1, -1, -1):
    output_grad = G[s].copy()                                                       # line 180
    forget_gate, reset_gate, output_update = C[s]['f'], C[s]['r'], C[s]['z']        # lines 181-183
    output_grad += forget_gate * input_state_grad                                   # line 189
    trace[(189, s)] = output_grad.copy()
    input_state_grad = output_grad                                                  # line 190
    output_prev = hp_loaded[s]                                                      # line 194
    input_grad, weight_grad, rtisg = _rnn_backward_update(output_update, W, output_grad * (1 - forget_gate),
                                                          weight_grad, reset_gate * output_prev, 'tanh')  # line 210
    input_state_grad = input_state_grad + rtisg * reset_gate                        # line 220
    fig, forget_weight_grad, isg_f = _rnn_backward_update(forget_gate, Wf, output_grad * (output_prev - output_update),
                                                          forget_weight_grad, output_prev, 'sigmoid')  # line 223
    input_state_grad = input_state_grad + isg_f                                     # line 233
    rig, reset_weight_grad, isg_r = _rnn_backward_update(reset_gate, Wr, rtisg * output_prev,
                                                         reset_weight_grad, output_prev, 'sigmoid')  # line 236
    input_state_grad = input_state_grad + isg_r                                     # line 246
    trace[(246, s)] = input_state_grad.copy()

# line 164: nothing flows into h_{S-1} from beyond the sequence -> dL/dh_{S-1} == G_{S-1}
rec(164, close(D[S - 1], G[S - 1]))
# lines 165-167, 249-251: zero-initialised accumulators summed over steps, checked below with the true D
# line 180: the external gradient of the loss w.r.t. the output at step s
rec(180, close(num['hy'], G))
# lines 181-183: cached gate values are the forward ones (definitional, compare with torch reference)
rec(181, ok_fwd); rec(182, ok_fwd); rec(183, ok_fwd)
rec(169, True); rec(170, True); rec(171, True)     # plain loads of the weights
rec(178, True)                                      # clipping switched off (gradient_clipping=None)
rec(194, ok)
# line 189: output_grad must become the total dL/dh_s. s = S-1 is trivially right (carry 0);
# test s = S-2, where the carry comes from one full iteration of the code.
rec(189, close(trace[(189, S - 2)], D[S - 2]))
# line 190 (+ the three path additions 220/233/246 that follow it) must give the part of dL/dh_{s-1}
# that flows back through step s: f_s*D_s + paths, i.e. D_{s-1} - G_{s-1}. Tested at s = S-1,
# where output_grad (line 189) is still exact.
rec(190, close(trace[(246, S - 1)], D[S - 2] - G[S - 2]))

# step-local lines evaluated with the TRUE dL/dh_s (D) as output_grad
ok210 = ok220 = ok223 = ok233 = ok236 = ok246 = True
dW_acc = np.zeros((H, H)); dWf_acc = np.zeros((H, H)); dWr_acc = np.zeros((H, H))
for s in range(S):
    f, r, z, hp = C[s]['f'], C[s]['r'], C[s]['z'], hp_loaded[s]
    og = D[s]
    ig, dW_acc, rtisg = _rnn_backward_update(z, W, og * (1 - f), dW_acc, r * hp, 'tanh')
    ok210 &= close(ig, num['a_z'][s]) and close(rtisg, num['rh'][s])
    ok220 &= close(rtisg * r, num['hp_c'][s])
    fig, dWf_acc, isg_f = _rnn_backward_update(f, Wf, og * (hp - z), dWf_acc, hp, 'sigmoid')
    ok223 &= close(fig, num['a_f'][s])
    ok233 &= close(isg_f, num['hp_f'][s])
    rig, dWr_acc, isg_r = _rnn_backward_update(r, Wr, rtisg * hp, dWr_acc, hp, 'sigmoid')
    ok236 &= close(rig, num['a_r'][s])
    ok246 &= close(isg_r, num['hp_r'][s])
ok210 &= close(dW_acc, dW_num); ok223 &= close(dWf_acc, dWf_num); ok236 &= close(dWr_acc, dWr_num)
rec(210, ok210); rec(220, ok220); rec(223, ok223); rec(233, ok233); rec(236, ok236); rec(246, ok246)
rec(165, close(dW_acc, dW_num)); rec(166, close(dWf_acc, dWf_num)); rec(167, close(dWr_acc, dWr_num))
rec(249, close(dW_acc, dW_num)); rec(250, close(dWf_acc, dWf_num)); rec(251, close(dWr_acc, dWr_num))

# information only: what the pre-fix kernel as a whole returns
print("info: pre-fix dW   matches FD:", close(weight_grad, dW_num), " max abs err %.3g" % np.abs(weight_grad - dW_num).max())
print("info: pre-fix dWf  matches FD:", close(forget_weight_grad, dWf_num))
print("info: pre-fix dWr  matches FD:", close(reset_weight_grad, dWr_num))

exp = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
bad = 0
for k in sorted(exp, key=int):
    ln = int(k)
    if ln not in results:
        print(f"line {ln}: expected {exp[k]['expected']}, numeric NOT CHECKED"); bad += 1; continue
    flag = '' if results[ln] == exp[k]['expected'] else '   <-- MISMATCH'
    if flag: bad += 1
    print(f"line {ln}: expected {exp[k]['expected']}, numeric {results[ln]}{flag}")
extra = set(results) - {int(k) for k in exp}
if extra:
    print("checked but not annotated:", sorted(extra)); bad += 1
sys.exit(1 if bad else 0)
