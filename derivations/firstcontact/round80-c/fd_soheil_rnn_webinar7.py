# Finite-difference check of soheil_rnn_webinar7.md (author's forward/backward as written, numpy only).
# Loss: L = sum_t sum(ds[:,:,t] * S_t)  => upstream dL/dS_t (direct part) = ds[:,:,t]
import numpy as np
np.random.seed(1)

def softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)

def rnn_cell_forward(Xt, St_prev, P):
    St_next = np.tanh(np.dot(P['Wx'], Xt) + np.dot(P['Ws'], St_prev) + P['bs'])
    Yt = softmax(np.dot(P['Wy'], St_next) + P['by'])
    return St_next, Yt, (St_next, St_prev, Xt, P)

def rnn_forward(X, S_0, P):
    S = np.zeros((P['Ws'].shape[0], X.shape[1], X.shape[2])); caches = []; S_next = S_0
    for t in range(X.shape[2]):
        S_next, Yt, c = rnn_cell_forward(X[:, :, t], S_next, P); S[:, :, t] = S_next; caches.append(c)
    return S, (caches, X)

def rnn_cell_backward(ds_next, cache):
    (S_next, S_prev, Xt, P) = cache
    dtanh = (1 - S_next ** 2) * ds_next
    return {"dXt": np.dot(P['Wx'].T, dtanh), "dWx": np.dot(dtanh, Xt.T),
            "ds_prev": np.dot(P['Ws'].T, dtanh), "dWs": np.dot(dtanh, S_prev.T),
            "dbs": np.sum(dtanh, axis=1, keepdims=1), "dtanh": dtanh}

def rnn_backward(ds, caches):
    (caches, X) = caches
    n_s, m, T_x = ds.shape; n_x = X.shape[0]
    dX = np.zeros((n_x, m, T_x)); dWx = np.zeros((n_s, n_x)); dWs = np.zeros((n_s, n_s))
    dbs = np.zeros((n_s, 1)); ds_prev = np.zeros((n_s, m))
    for t in reversed(range(T_x)):
        g = rnn_cell_backward(ds[:, :, t] + ds_prev, caches[t])
        ds_prev = g['ds_prev']; dX[:, :, t] = g['dXt']
        dWx += g['dWx']; dWs += g['dWs']; dbs += g['dbs']
    return {"dX": dX, "ds_0": ds_prev, "dWx": dWx, "dWs": dWs, "dbs": dbs}

n_x, n_s, n_y, m, T = 3, 5, 2, 4, 4
P = dict(Wx=np.random.randn(n_s, n_x), Ws=np.random.randn(n_s, n_s) * 0.5, Wy=np.random.randn(n_y, n_s),
         bs=np.random.randn(n_s, 1), by=np.random.randn(n_y, 1))
X = np.random.randn(n_x, m, T); S0 = np.random.randn(n_s, m); DS = np.random.randn(n_s, m, T)

def num_grad(f, arr, eps=1e-6):
    g = np.zeros_like(arr); it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; o = arr[i]
        arr[i] = o + eps; fp = f(); arr[i] = o - eps; fm = f(); arr[i] = o; g[i] = (fp - fm) / (2 * eps)
    return g

def rep(name, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"{name:50s} {'AGREE' if ok else 'DISAGREE'}  maxdiff={np.max(np.abs(a-b)):.3e}")

# softmax (line 12-13): columns sum to 1 and equal the per-column softmax despite the global max
Z = np.random.randn(4, 6) * 3
ref = np.exp(Z) / np.exp(Z).sum(axis=0)
rep("lines 12-13 softmax (global-max shift)", softmax(Z), ref)

# one step
g1 = np.random.randn(n_s, m); Xt = X[:, :, 0]
f1 = lambda: np.sum(g1 * rnn_cell_forward(Xt, S0, P)[0])
Sn, _, c = rnn_cell_forward(Xt, S0, P); gg = rnn_cell_backward(g1, c)
print("== one step, L1 = sum(ds_next * S_next) ==")
rep("line 200 dtanh = dL/d(pre-activation)", gg['dtanh'], g1 * (1 - np.tanh(np.dot(P['Wx'], Xt) + np.dot(P['Ws'], S0) + P['bs'])**2))
rep("line 203 dXt", gg['dXt'], num_grad(f1, Xt))
rep("line 204 dWx", gg['dWx'], num_grad(f1, P['Wx']))
rep("line 207 ds_prev", gg['ds_prev'], num_grad(f1, S0))
rep("line 208 dWs", gg['dWs'], num_grad(f1, P['Ws']))
rep("line 211 dbs", gg['dbs'], num_grad(f1, P['bs']))

# sequence
S, caches = rnn_forward(X, S0, P); G = rnn_backward(DS, caches)
f = lambda: np.sum(DS * rnn_forward(X, S0, P)[0])
print("== sequence, L = sum_t sum(ds[:,:,t] * S_t) ==")
rep("rnn_backward dWx (line 284)", G['dWx'], num_grad(f, P['Wx']))
rep("rnn_backward dWs (line 285)", G['dWs'], num_grad(f, P['Ws']))
rep("rnn_backward dbs (line 286)", G['dbs'], num_grad(f, P['bs']))
rep("rnn_backward dX (line 283)", G['dX'], num_grad(f, X))
rep("rnn_backward ds_0 (line 289)", G['ds_0'], num_grad(f, S0))
