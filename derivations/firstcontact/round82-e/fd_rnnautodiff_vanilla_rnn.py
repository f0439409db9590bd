# FD check of legeof008/RNNAutoDiff vanilla_rnn / dense backward (Julia, transcribed to numpy).
# Column layout: x_t (D,N), h_t (H,N), w (H,D), u (H,H), b (H,), dense wd (K,H), bd (K,).
import numpy as np
rng = np.random.default_rng(0)
D, H, K, N, T = 5, 4, 3, 6, 4
w = rng.normal(0, .5, (H, D)); u = rng.normal(0, .5, (H, H)); b = rng.normal(0, .5, H)
wd = rng.normal(0, .5, (K, H)); bd = rng.normal(0, .5, K)
xs = [rng.normal(0, 1, (D, N)) for _ in range(T)]
Y = np.eye(K)[:, rng.integers(0, K, N)]            # one-hot targets (K,N)

def softmax(z):                                     # line 43-44
    e = np.exp(z - z.max(0, keepdims=True)); return e / e.sum(0, keepdims=True)
def tanh_derivative(z): return 1 - np.tanh(z)**2    # line 53

def forward(w, u, b, wd, bd, xs):
    states = []; state = np.zeros((H, N))           # line 14
    for x in xs:
        if states: state = states[-1]               # line 17
        h = np.tanh(w @ x + u @ state + b[:, None]) # line 19
        states.append(h)
    out = wd @ states[-1] + bd[:, None]             # line 5 (f = identity)
    return out, states

def loss(w, u, b, wd, bd, xs):                      # line 57-58
    out, _ = forward(w, u, b, wd, bd, xs)
    return -np.mean(np.sum(Y * np.log(softmax(out)), 0))

def num_grad(f, P, eps=1e-6):
    G = np.zeros_like(P)
    for i in np.ndindex(P.shape):
        old = P[i]; P[i] = old + eps; lp = f(); P[i] = old - eps; lm = f(); P[i] = old
        G[i] = (lp - lm) / (2 * eps)
    return G

L = lambda: loss(w, u, b, wd, bd, xs)
out, states = forward(w, u, b, wd, bd, xs)
seed = (softmax(out) - Y) / N                       # line 48-49 and 83
# dense backward, lines 7-8 (df = ones)
g = np.ones_like(out) * seed
dx_dense, dwd, dbd = wd.T @ g, g @ states[-1].T, g.sum(1)
# vanilla_rnn backward as written, lines 24-37; x is the LAST chunk (x.output at backward time)
x = xs[-1]; gR = dx_dense
dhw = np.zeros_like(u); db = np.zeros_like(b); prev = np.zeros_like(states[0]); dw = np.zeros_like(w)
for state in reversed(states):
    zL = w @ x + u @ state + b[:, None]             # line 29
    dp = state + u @ prev                            # line 30
    dt = tanh_derivative(zL) * dp * gR               # line 31
    dw += dt @ x.T                                   # line 32
    dhw += dt @ state.T                              # line 33
    db += dt.mean(1)                                 # line 34
    prev = state                                     # line 35
dx_author = w.T @ gR                                 # line 37 (first element)

# correct BPTT for reference (per-step pre-activation, h_{t-1}, sum over batch)
dh = gR.copy(); dw_c = np.zeros_like(w); du_c = np.zeros_like(u); db_c = np.zeros_like(b)
hprev = [np.zeros((H, N))] + states[:-1]
dx_c = None
for t in reversed(range(T)):
    a = w @ xs[t] + u @ hprev[t] + b[:, None]
    da = tanh_derivative(a) * dh
    dw_c += da @ xs[t].T; du_c += da @ hprev[t].T; db_c += da.sum(1)
    if t == T - 1: dx_c = w.T @ da
    dh = u.T @ da

fd_w = num_grad(L, w); fd_u = num_grad(L, u); fd_b = num_grad(L, b)
fd_wd = num_grad(L, wd); fd_bd = num_grad(L, bd); fd_x = num_grad(L, xs[-1])
# dL/dh_T by FD: perturb the final state through the dense head only
def head_loss(hT): return -np.mean(np.sum(Y * np.log(softmax(wd @ hT + bd[:, None])), 0))
hT = states[-1].copy(); fd_hT = num_grad(lambda: head_loss(hT), hT)

def rep(name, a, ref):
    err = np.max(np.abs(a - ref)) / max(1e-12, np.max(np.abs(ref)))
    print(f"{name:52s} rel.err={err:9.2e}  {'AGREE' if err < 1e-5 else 'DISAGREE'}")
rep("line 48-49+83 seed = (softmax-Y)/N  vs FD dL/dout", seed, num_grad(lambda: -np.mean(np.sum(Y*np.log(softmax(outv)),0)), outv := out.copy()))
rep("line 8 dense: w'*g  (dL/dh_T)", dx_dense, fd_hT)
rep("line 8 dense: g*x'  (dL/dwd)", dwd, fd_wd)
rep("line 8 dense: sum(g,dims=2) (dL/dbd)", dbd, fd_bd)
rep("lines 29-32 author dw", dw, fd_w)
rep("lines 29-33 author dhw (dL/du)", dhw, fd_u)
rep("lines 29-34 author db", db, fd_b)
rep("line 37 author dx = w'*g (dL/dx_T)", dx_author, fd_x)
rep("reference BPTT dw (correct)", dw_c, fd_w)
rep("reference BPTT du (correct)", du_c, fd_u)
rep("reference BPTT db (correct)", db_c, fd_b)
rep("reference dx_T = w'*(df(a_T).*g) (correct)", dx_c, fd_x)
# isolate single faults, each on top of the correct recursion
rep("line 34 alone: mean instead of sum (db_c/N)", db_c / N, fd_b)
# line 29: zL uses h_t instead of h_{t-1}: compare with true pre-activation at t=T
aT = w @ xs[-1] + u @ hprev[-1] + b[:, None]; zLT = w @ xs[-1] + u @ states[-1] + b[:, None]
rep("line 29 zL at t=T vs true pre-activation a_T", zLT, aT)
