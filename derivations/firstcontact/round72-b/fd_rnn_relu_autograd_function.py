# Finite-difference check of rnn_relu_autograd_function.py (RNNFunction, ReLU Elman RNN), numpy only.
# inputs [B, T, D], h0 [1, B, H], weight_ih [H, D], weight_hh [H, H]; the Function returns (outputs [B,T,H], h [1,B,H]).
# Loss L = sum(Go * outputs) + sum(Gh * hn); autograd hands backward grad_output = Go and grad_hn = Gh.
import numpy as np
rng = np.random.default_rng(1)
B, T, D, H = 3, 4, 3, 5
P = dict(inputs=rng.normal(size=(B, T, D)), h0=rng.normal(size=(1, B, H)),
         weight_ih=rng.normal(size=(H, D)) * 0.8, weight_hh=rng.normal(size=(H, H)) * 0.6,
         bias_ih=rng.normal(size=H) * 0.3, bias_hh=rng.normal(size=H) * 0.3)

def fwd(p, pert=None):
    pert = pert or {}
    h = p['h0'][0]
    outs, pre, hs = [], [], []
    for i in range(T):
        a = p['inputs'][:, i, :] @ p['weight_ih'].T + p['bias_ih'] + h @ p['weight_hh'].T + p['bias_hh']  # line 92
        a = a + pert.get(('a', i), 0)
        pre.append(a)                                   # line 99 (pht)
        h = np.where(a <= 0, 0.0, a)                    # line 100 (relu)
        h = h + pert.get(('h', i), 0)
        hs.append(h); outs.append(h)                    # lines 101-102
    return np.stack(outs, 1), h[None], np.stack(pre), np.stack(hs)

def loss(p, Go, Gh, pert=None):
    o, hn, _, _ = fwd(p, pert)
    return np.sum(Go * o) + np.sum(Gh * hn)

def fd_param(name, Go, Gh, eps=1e-6):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        q = {k: v.copy() for k, v in P.items()}; q[name][idx] += eps; lp = loss(q, Go, Gh)
        q[name][idx] -= 2 * eps; lm = loss(q, Go, Gh); g[idx] = (lp - lm) / (2 * eps)
    return g

def fd_inter(key, Go, Gh, eps=1e-6):
    g = np.zeros((B, H))
    for idx in np.ndindex(B, H):
        e = np.zeros((B, H)); e[idx] = eps
        g[idx] = (loss(P, Go, Gh, {key: e}) - loss(P, Go, Gh, {key: -e})) / (2 * eps)
    return g

def relu_backward(relu_inputs, grad_output):     # lines 22-23
    relu_grad = grad_output.copy(); relu_grad[relu_inputs <= 0] = 0
    return relu_grad

def author_backward(Go, Gh):
    inputs, h0, w_ih, w_hh = P['inputs'], P['h0'], P['weight_ih'], P['weight_hh']
    _, _, pre_activations, hidden_states = fwd(P)
    grad_hidden = np.zeros_like(hidden_states)
    grad_next_hidden = np.zeros_like(h0)        # line 158: grad_hn (Gh) is never used
    gi = np.zeros_like(inputs); gWhh = np.zeros_like(w_hh); gWih = np.zeros_like(w_ih)
    gbih = np.zeros(H); gbhh = np.zeros(H); ones = np.ones(H)
    relu_grads = {}
    for t in reversed(range(T)):
        grad_hidden[t] = grad_next_hidden + Go[:, t, :]                    # line 169
        relu_grad = relu_backward(pre_activations[t], grad_hidden[t])     # line 171
        relu_grads[t] = relu_grad
        grad_next_hidden = relu_grad @ w_hh                                # line 173
        gi[:, t, :] = relu_grad @ w_ih                                     # line 176
        prev_hidden = h0.squeeze() if t == 0 else hidden_states[t - 1]     # line 179
        gWhh += relu_grad.T @ prev_hidden                                  # line 180
        gWih += relu_grad.T @ inputs[:, t, :]                              # line 183
        gbih += (relu_grad @ ones).sum(0)                                  # line 186
        gbhh += (relu_grad @ ones).sum(0)                                  # line 189
    g0 = grad_next_hidden[None]                                            # line 192
    return dict(grad_hidden=grad_hidden, relu_grads=relu_grads, gi=gi, gWhh=gWhh, gWih=gWih,
                gbih=gbih, gbhh=gbhh, g0=g0)

def rel(a, f): return np.max(np.abs(a - f)) / (np.max(np.abs(f)) + 1e-12)
def show(line, name, a, f):
    e = rel(a, f); print(f"  line {line:4d} {name:52s} rel.err {e:.2e}  {'AGREES' if e < 1e-6 else 'DISAGREES'}")

Go = rng.normal(size=(B, T, H))
for case, Gh in [("A: loss on outputs only (grad_hn = 0)", np.zeros((1, B, H))),
                 ("B: loss also on the returned final hidden state (grad_hn != 0)", rng.normal(size=(1, B, H)))]:
    print(case)
    R = author_backward(Go, Gh)
    for t in [T - 1, 0]:
        show(169, f"grad_hidden[t={t}] vs dL/dh_t", R['grad_hidden'][t], fd_inter(('h', t), Go, Gh))
        show(171, f"relu_grad[t={t}] vs dL/d(pre-activation)_t", R['relu_grads'][t], fd_inter(('a', t), Go, Gh))
    show(176, "grad_inputs", R['gi'], fd_param('inputs', Go, Gh))
    show(180, "grad_weight_hh (sum over t)", R['gWhh'], fd_param('weight_hh', Go, Gh))
    show(183, "grad_weight_ih (sum over t)", R['gWih'], fd_param('weight_ih', Go, Gh))
    fb = fd_param('bias_ih', Go, Gh)
    show(186, "grad_bias_ih (matmul with ones, then .sum(dim=0))", R['gbih'], fb)
    show(189, "grad_bias_hh (same)", R['gbhh'], fd_param('bias_hh', Go, Gh))
    show(192, "grad_initial_hidden", R['g0'], fd_param('h0', Go, Gh))
    # controls: the corrected bias formula and a run that injects grad_hn
    if case.startswith("A"):
        gb = sum(R['relu_grads'][t].sum(0) for t in range(T))
        e = rel(gb, fb); print(f"  (control: sum_t relu_grad.sum(dim=0) vs FD bias grad: rel.err {e:.2e})")
