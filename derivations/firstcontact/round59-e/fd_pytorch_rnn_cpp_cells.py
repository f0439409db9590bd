"""FD check of PyTorch ATen RNN.cpp LSTM/GRU cells and _thnn_differentiable_*_cell_backward (numpy, float64)."""
import numpy as np

rng = np.random.default_rng(5902)
B, I, H = 3, 4, 5
sig = lambda z: 1.0 / (1.0 + np.exp(-z))
sigmoid_backward = lambda g, y: g * y * (1 - y)     # at::sigmoid_backward(grad, output)
tanh_backward = lambda g, y: g * (1 - y * y)        # at::tanh_backward(grad, output)


def num_grad(fn, x, eps=1e-6):
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        k = it.multi_index
        old = x[k]
        x[k] = old + eps; fp = fn()
        x[k] = old - eps; fm = fn()
        x[k] = old
        g[k] = (fp - fm) / (2 * eps)
    return g


close = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-7)
V = {}

# ---------------- LSTM ----------------
x = rng.normal(size=(B, I)); hx = rng.normal(size=(B, H)); cx = rng.normal(size=(B, H))
w_ih = rng.normal(size=(4 * H, I)) * 0.5; w_hh = rng.normal(size=(4 * H, H)) * 0.5
b_ih = rng.normal(size=4 * H) * 0.3; b_hh = rng.normal(size=4 * H) * 0.3
Gh = rng.normal(size=(B, H)); Gc = rng.normal(size=(B, H))
Pg = np.zeros((B, 4 * H))


def lstm_cell():
    gates = (hx @ w_hh.T + b_hh) + (x @ w_ih.T + b_ih) + Pg        # 15
    ch = np.split(gates, 4, axis=1)                                # 17
    ingate = sig(ch[0]); forgetgate = sig(ch[1])                   # 18, 19
    cellgate = np.tanh(ch[2]); outgate = sig(ch[3])                # 20, 21
    cy = forgetgate * cx + ingate * cellgate                       # 22
    hy = outgate * np.tanh(cy)                                     # 23
    return hy, cy                                                  # 24 (no w_hr: identity)


def lstm_reference():   # Hochreiter/Gers LSTM with forget gate, PyTorch docs convention
    z = x @ w_ih.T + b_ih + hx @ w_hh.T + b_hh
    i, f, g, o = sig(z[:, :H]), sig(z[:, H:2*H]), np.tanh(z[:, 2*H:3*H]), sig(z[:, 3*H:])
    c = f * cx + i * g
    return o * np.tanh(c), c


hy, cy = lstm_cell(); hr_, cr_ = lstm_reference()
for ln in (15, 18, 19, 20, 21, 22, 23, 24):
    V[ln] = close(hy, hr_) and close(cy, cr_)


def lstm_backward(grad_hy, grad_cy):
    input_gates = x @ w_ih.T; hidden_gates = hx @ w_hh.T
    R = {}
    gates = input_gates + hidden_gates                  # 45
    gates = gates + b_ih                                # 47
    gates = gates + b_hh                                # 50
    ch = np.split(gates, 4, axis=1)
    i = sig(ch[0]); f = sig(ch[1]); c = np.tanh(ch[2]); o = sig(ch[3])   # 53-56
    gcx = np.tanh(cy)                                   # 58
    if grad_hy is not None:
        gog = grad_hy * gcx                             # 62
        R[62] = gog
        gog = sigmoid_backward(gog, o)                  # 63
        R[63] = gog
        gcx = tanh_backward(grad_hy * o, gcx)           # 64
        R[64] = gcx
        if grad_cy is not None:
            gcx = gcx + grad_cy                         # 66
            R[66] = gcx
    else:
        gog = np.zeros_like(cx)                         # 69
        R[69] = gog
        gcx = grad_cy                                   # 70
        R[70] = gcx
    R[72] = gig = gcx * c
    R[73] = gfg = gcx * cx
    R[74] = gcg = gcx * i
    R[75] = gcx = gcx * f
    R[76] = gig = sigmoid_backward(gig, i)
    R[77] = gfg = sigmoid_backward(gfg, f)
    R[78] = gcg = tanh_backward(gcg, c)
    R[79] = grad_gates = np.concatenate([gig, gfg, gcg, gog], 1)
    R[80] = grad_bias = grad_gates.sum(0)
    R["ret"] = (grad_gates, grad_gates, gcx, grad_bias, grad_bias)
    R["fwd"] = (i, f, c, o)
    return R


R = lstm_backward(Gh, Gc)
i, f, c, o = R["fwd"]
fwd_ok = close(gates_:= (x @ w_ih.T + hx @ w_hh.T + b_ih + b_hh), x @ w_ih.T + b_ih + hx @ w_hh.T + b_hh)
for ln in (45, 47, 50, 53, 54, 55, 56, 58):
    V[ln] = close(i, sig(gates_[:, :H])) and close(np.tanh(cy), np.tanh(lstm_reference()[1]))

Lfull = lambda: np.sum(Gh * lstm_cell()[0]) + np.sum(Gc * lstm_cell()[1])
gG = num_grad(Lfull, Pg)
gsl = lambda k: gG[:, k * H:(k + 1) * H]
# dL/do (activated o) and dL/dtanh(c) etc. by FD on extra perturbations is unnecessary:
V[62] = close(R[62], Gh * np.tanh(cy))                     # dL/d(outgate) = grad_hy * tanh(cy) (direct)
V[63] = close(R[63], gsl(3))
# gcx after 64 must be dL/dcy through hy only; after 66 the total dL/dcy
Pc = np.zeros((B, H))
def L_cy():
    hy_, cy_ = lstm_cell(); cy2 = cy_ + Pc
    return np.sum(Gh * sig(np.split((hx @ w_hh.T + b_hh) + (x @ w_ih.T + b_ih), 4, 1)[3]) * np.tanh(cy2)) + np.sum(Gc * cy2)
g_cy = num_grad(L_cy, Pc)
V[64] = close(R[64], g_cy - Gc)
V[66] = close(R[66], g_cy)
V[72] = close(R[72], g_cy * np.tanh(np.split(gates_, 4, 1)[2]))      # dL/d ingate
V[73] = close(R[73], g_cy * cx)                                       # dL/d forgetgate
V[74] = close(R[74], g_cy * sig(np.split(gates_, 4, 1)[0]))          # dL/d cellgate
V[76] = close(R[76], gsl(0)); V[77] = close(R[77], gsl(1)); V[78] = close(R[78], gsl(2))
V[79] = close(R[79], gG)
gcx_fd = num_grad(Lfull, cx)
V[75] = close(R[75], gcx_fd)
V[80] = close(R[80], num_grad(Lfull, b_ih)) and close(R[80], num_grad(Lfull, b_hh))
gg, gg2, gcx_r, gb1, gb2 = R["ret"]
V[81] = close(gg, gG) and close(gg2, gG) and close(gcx_r, gcx_fd) and close(gb2, num_grad(Lfull, b_hh))
# grad_cy-only branch (69, 70): loss only on cy
R2 = lstm_backward(None, Gc)
Lc = lambda: np.sum(Gc * lstm_cell()[1])
gG2 = num_grad(Lc, Pg)
V[69] = close(R2[69], gG2[:, 3 * H:])
V[70] = close(R2[70], Gc)

# ---------------- GRU ----------------
w_ih = rng.normal(size=(3 * H, I)) * 0.5; w_hh = rng.normal(size=(3 * H, H)) * 0.5
b_ih = rng.normal(size=3 * H) * 0.3; b_hh = rng.normal(size=3 * H) * 0.3
Pin = np.zeros((B, 3 * H)); Ph = np.zeros((B, 3 * H)); Phx = np.zeros((B, H))


def gru_cell():
    ci = np.split(x @ w_ih.T + b_ih + Pin, 3, 1)               # 29
    chh = np.split(hx @ w_hh.T + b_hh + Ph, 3, 1)              # 32
    reset_gate = sig(chh[0] + ci[0])                           # 33
    input_gate = sig(chh[1] + ci[1])                           # 35
    new_gate = np.tanh(ci[2] + chh[2] * reset_gate)            # 37
    return ((hx + Phx) - new_gate) * input_gate + new_gate     # 39


def gru_reference():   # PyTorch GRUCell docs: h' = (1-z)*n + z*h
    gi = x @ w_ih.T + b_ih; gh = hx @ w_hh.T + b_hh
    r = sig(gi[:, :H] + gh[:, :H]); z = sig(gi[:, H:2*H] + gh[:, H:2*H])
    n = np.tanh(gi[:, 2*H:] + r * gh[:, 2*H:])
    return (1 - z) * n + z * hx


for ln in (29, 32, 33, 35, 37, 39):
    V[ln] = close(gru_cell(), gru_reference())

Gy = rng.normal(size=(B, H))
L = lambda: np.sum(Gy * gru_cell())
g_in = num_grad(L, Pin); g_h = num_grad(L, Ph); g_hx_direct = num_grad(L, Phx)

input_gates = x @ w_ih.T; hidden_gates = hx @ w_hh.T
in_g = input_gates; h_g = hidden_gates
in_g = in_g + b_ih                                       # 91
h_g = h_g + b_hh                                         # 94
ir, ii, in_ = np.split(in_g, 3, 1)                       # 96-99
hr, hi, hn = np.split(h_g, 3, 1)                         # 100-103
rg = sig(ir + hr)                                        # 104
ig = sig(ii + hi)                                        # 105
grad_hx = Gy * ig                                        # 106
ng = np.tanh(in_ + rg * hn)                              # 107
gig = sigmoid_backward(Gy * (hx - ng), ig)               # 108
gin = tanh_backward(Gy * (1 - ig), ng)                   # 109
ghn = gin * rg                                           # 110
grg = sigmoid_backward(gin * hn, rg)                     # 111
grad_input_gates = np.concatenate([grg, gig, gin], 1)    # 112
grad_hidden_gates = np.concatenate([grg, gig, ghn], 1)   # 113
grad_input_bias = grad_input_gates.sum(0)                # 114
grad_hidden_bias = grad_hidden_gates.sum(0)              # 115

gr = gru_reference()
V[91] = V[94] = close(np.tanh(in_ + rg * hn) * (1 - ig) + ig * hx, gr)
V[104] = V[105] = V[107] = V[91]
V[106] = close(grad_hx, g_hx_direct)           # explicit path; the W_hh path is returned via grad_hidden_gates
V[108] = close(gig, g_in[:, H:2 * H]) and close(gig, g_h[:, H:2 * H])
V[109] = close(gin, g_in[:, 2 * H:])
V[110] = close(ghn, g_h[:, 2 * H:])
V[111] = close(grg, g_in[:, :H]) and close(grg, g_h[:, :H])
V[112] = close(grad_input_gates, g_in)
V[113] = close(grad_hidden_gates, g_h)
V[114] = close(grad_input_bias, num_grad(L, b_ih))
V[115] = close(grad_hidden_bias, num_grad(L, b_hh))
# total dL/dhx = grad_hx + grad_hidden_gates @ w_hh  (how autograd completes it)
assert close(grad_hx + grad_hidden_gates @ w_hh, num_grad(L, hx))

expected = {ln: True for ln in V}
for ln in sorted(V):
    print(ln, "pass" if V[ln] else "FAIL")
bad = [ln for ln in V if V[ln] != expected[ln]]
assert not bad, bad
print(len(V), "rows; all verdicts confirmed")
