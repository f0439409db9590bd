# Finite-difference check of mystir_lstm_numpy.py (waynemystir/lstm-numpy nl.py, Varuna Jayasiri's numpy LSTM).
# The author's functions (sigmoid, dsigmoid, tanh, dtanh, forward, backward, forward_backward) are taken
# from the transcribed file and executed unchanged; only np.clip is made a no-op so the raw gradients
# (before the author's clipping heuristic on line 186) can be compared with finite differences.
# Forward (column vectors): z=[h_prev; x], f=sig(W_f z+b_f), i=sig(W_i z+b_i), C_bar=tanh(W_C z+b_C),
#   C=f*C_prev+i*C_bar, o=sig(W_o z+b_o), h=o*tanh(C), y=W_y h+b_y, p=softmax(y); loss=sum_t -log p_t[target_t]
import numpy as np, re, os, warnings
warnings.filterwarnings("ignore")
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "mystir_lstm_numpy.py")).read()
start = src.index("# Activations and derivs"); stop = src.index("# Init weights")
funcs = src[start:stop] + src[src.index("def forward(x, h_prev, C_prev):"):]

class NP:  # numpy proxy: everything as numpy, except clip (author's gradient clipping) is a no-op
    def __getattr__(self, k): return getattr(np, k)
    @staticmethod
    def clip(a, lo, hi, out=None): return a if out is None else out

rng = np.random.RandomState(3)
H_size, X_size, T = 4, 5, 6
z_size = H_size + X_size
ns = dict(np=NP(), H_size=H_size, X_size=X_size, T_steps=T)
for k in ["W_f", "W_i", "W_C", "W_o"]:
    ns[k] = rng.randn(H_size, z_size) * 0.5
for k in ["b_f", "b_i", "b_C", "b_o"]:
    ns[k] = rng.randn(H_size, 1) * 0.5
ns["W_y"] = rng.randn(X_size, H_size) * 0.5; ns["b_y"] = rng.randn(X_size, 1) * 0.5
for k in list(ns):
    if k.startswith(("W_", "b_")): ns["d" + k] = np.zeros_like(ns[k])
exec(funcs, ns)

inputs = list(rng.randint(0, X_size, T)); targets = list(rng.randint(0, X_size, T))
h0 = rng.randn(H_size, 1) * 0.3; C0 = rng.randn(H_size, 1) * 0.3
params = ["W_f", "W_i", "W_C", "W_o", "W_y", "b_f", "b_i", "b_C", "b_o", "b_y"]

def loss_only(hook=None):
    h, C, L = h0.copy(), C0.copy(), 0.0
    for t in range(T):
        x = np.zeros((X_size, 1)); x[inputs[t]] = 1
        if hook: h, C = hook(t, h, C)
        z, f, i, C_bar, C, o, h, y, p = ns["forward"](x, h, C)
        L += -np.log(p[targets[t], 0])
    return L

def fd_param(k, eps=1e-6):
    P = ns[k]; G = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]; P[idx] = old + eps; Lp = loss_only(); P[idx] = old - eps; Lm = loss_only(); P[idx] = old
        G[idx] = (Lp - Lm) / (2 * eps)
    return G

def ok(a, b): return np.allclose(a, b, atol=1e-6, rtol=1e-5)
def report(line, what, a, ref):
    print(f"line {line:4d}  {what:60s} {'AGREE' if ok(a, ref) else 'DISAGREE'}  (max|diff| {np.max(np.abs(a-ref)):.2e})")

# helpers
zz = rng.randn(6); e = 1e-6
report(36, "dsigmoid(sigmoid(x)) vs FD of sigmoid", ns["dsigmoid"](ns["sigmoid"](zz)), (ns["sigmoid"](zz + e) - ns["sigmoid"](zz - e)) / (2 * e))
report(42, "dtanh(tanh(x)) vs FD of tanh", ns["dtanh"](ns["tanh"](zz)), (np.tanh(zz + e) - np.tanh(zz - e)) / (2 * e))

# author's forward_backward (clip disabled) vs FD on every parameter
loss, hT, CT = ns["forward_backward"](inputs, targets, h0, C0)
report(169, "loss from forward_backward == my loss", np.array(loss), np.array(loss_only()))
lines = {"W_y": 115, "b_y": 116, "W_o": 122, "b_o": 123, "W_C": 129, "b_C": 130, "W_i": 134, "b_i": 135, "W_f": 139, "b_f": 140}
for k in params:
    report(lines[k], f"d{k} accumulated over t by backward()  vs FD", ns["d" + k], fd_param(k))

# dh_prev / dC_prev returned by the first backward() call (t = 0): compare with FD dL/dh0, dL/dC0
def grad_state(which, eps=1e-6):
    G = np.zeros((H_size, 1))
    for idx in range(H_size):
        def hook(s):
            def hk(t, h, C):
                if t == 0:
                    d = np.zeros((H_size, 1)); d[idx] = s
                    if which == "h": h = h + d
                    else: C = C + d
                return h, C
            return hk
        G[idx] = (loss_only(hook(eps)) - loss_only(hook(-eps))) / (2 * eps)
    return G
# rerun the backward loop by hand to capture the final dh_prev, dC_prev (same calls as line 178-182)
for k in params: ns["d" + k].fill(0)
hs, Cs, cache = {-1: h0}, {-1: C0}, {}
for t in range(T):
    x = np.zeros((X_size, 1)); x[inputs[t]] = 1
    cache[t] = ns["forward"](x, hs[t - 1], Cs[t - 1]); hs[t] = cache[t][6]; Cs[t] = cache[t][4]
dh_next, dC_next = np.zeros((H_size, 1)), np.zeros((H_size, 1))
for t in reversed(range(T)):
    z, f, i, C_bar, C, o, h, y, p = cache[t]
    dh_next, dC_next = ns["backward"](targets[t], dh_next, dC_next, Cs[t - 1], z, f, i, C_bar, C, o, h, y, p)
report(146, "dh_prev = dz[:H] after the loop  vs FD dL/dh_init", dh_next, grad_state("h"))
report(147, "dC_prev = f*dC after the loop  vs FD dL/dC_init", dC_next, grad_state("C"))
