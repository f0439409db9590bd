# Finite-difference check of torchedup_lstm_bptt.md (numpy only). Column-vector layout,
# gates order [i, f, g, o]; upstream gradients dh_next (= "dh"), dc_next define the loss
# L = dh_next . h_next + dc_next . c_next, so dL/dh_next = dh_next, and the direct dL/dc_next = dc_next.
import numpy as np
rng = np.random.default_rng(1)
H, D = 3, 4; eps = 1e-6
sig = lambda a: 1/(1+np.exp(-a)); dsig = lambda a: sig(a)*(1-sig(a)); dtanh = lambda a: 1-np.tanh(a)**2
x = rng.normal(size=D); h_prev = rng.normal(size=H); c_prev = rng.normal(size=H)
W_ih = rng.normal(size=(4*H, D)); W_hh = rng.normal(size=(4*H, H)); b_ih = rng.normal(size=4*H); b_hh = rng.normal(size=4*H)
dh_next = rng.normal(size=H); dc_next = rng.normal(size=H)
def ok(a, b): return np.allclose(a, b, rtol=1e-5, atol=1e-7)

def fwd(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh, dgates_add=None):
    gates = W_ih @ x + b_ih + W_hh @ h_prev + b_hh               # line 4
    if dgates_add is not None: gates = gates + dgates_add
    i = sig(gates[:H]); f = sig(gates[H:2*H])                    # line 5
    g = np.tanh(gates[2*H:3*H]); o = sig(gates[3*H:])            # line 6
    c_next = f*c_prev + i*g                                      # line 7
    h_next = o*np.tanh(c_next)                                   # line 8
    return gates, i, f, g, o, c_next, h_next
def loss(*a, **k):
    _, _, _, _, _, c, h = fwd(*a, **k); return dh_next @ h + dc_next @ c
args = [x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh]
def fd(argi):
    p = args[argi]; gr = np.zeros_like(p)
    for idx in np.ndindex(p.shape):
        a1 = [q.copy() for q in args]; a1[argi][idx] += eps
        a2 = [q.copy() for q in args]; a2[argi][idx] -= eps
        gr[idx] = (loss(*a1) - loss(*a2)) / (2*eps)
    return gr
gates, i, f, g, o, c_next, h_next = fwd(*args)
# FD gradient w.r.t. the pre-activations (gates)
dgates_fd = np.zeros(4*H)
for k in range(4*H):
    d = np.zeros(4*H); d[k] = eps; Lp = loss(*args, dgates_add=d); d[k] = -eps; Lm = loss(*args, dgates_add=d)
    dgates_fd[k] = (Lp - Lm) / (2*eps)
# FD total dL/dc_next: perturb c_next via c_prev? no -> perturb additively inside a copy
def loss_c(dc):
    c = c_next + dc; h = o*np.tanh(c); return dh_next @ h + dc_next @ c
dc_fd = np.array([(loss_c(np.eye(H)[k]*eps) - loss_c(-np.eye(H)[k]*eps))/(2*eps) for k in range(H)])

dh = dh_next
do = dh * np.tanh(c_next) * dsig(gates[3*H:])                    # line 10
dc = dh * o * dtanh(c_next) + dc_next                            # line 11
di = dc * g * dsig(gates[:H])                                    # line 12
df = dc * c_prev * dsig(gates[H:2*H])                            # line 13
dg = dc * i * (1 - g**2)                                         # line 14
dgates = np.concatenate([di, df, dg, do])                        # line 15
dW_ih = np.outer(dgates, x); dW_hh = np.outer(dgates, h_prev)    # line 16 (one step, accumulators start at 0)
dx = W_ih.T @ dgates                                             # line 17
dhp = W_hh.T @ dgates                                            # line 18
dcp = dc * f                                                     # line 19
db = dgates                                                      # line 21
rep = [("line 10 do", do, dgates_fd[3*H:]), ("line 11 dc", dc, dc_fd), ("line 12 di", di, dgates_fd[:H]),
       ("line 13 df", df, dgates_fd[H:2*H]), ("line 14 dg", dg, dgates_fd[2*H:3*H]), ("line 15 dgates", dgates, dgates_fd),
       ("line 16 dW_ih", dW_ih, fd(3)), ("line 16 dW_hh", dW_hh, fd(4)), ("line 17 dx", dx, fd(0)),
       ("line 18 dh_prev", dhp, fd(1)), ("line 19 dc_prev", dcp, fd(2)), ("line 21 db vs dL/db_ih", db, fd(5)), ("line 21 db vs dL/db_hh", db, fd(6))]
for name, a, b in rep:
    print(f"{name:24s}", "AGREES" if ok(a, b) else f"DISAGREES max|diff|={np.abs(a-b).max():.3g}")
