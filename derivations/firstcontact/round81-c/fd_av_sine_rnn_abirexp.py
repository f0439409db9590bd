# Finite-difference check of the Analytics-Vidhya sine-wave RNN backward pass (note av_sine_rnn_abirexp.md).
# Model (author's forward): s_t = sigmoid(W s_{t-1} + U e_t x_t), s_{-1} = 0, e_t = one-hot column t
# (new_input), single output mulv = V s_{T-1} after the last step, loss = (y - mulv)^2 / 2.
import numpy as np
rng = np.random.default_rng(0)
H, T, bptt_truncate = 4, 6, 3
U = rng.uniform(-1, 1, (H, T)); W = rng.uniform(-1, 1, (H, H)); V = rng.uniform(-1, 1, (1, H))
x = rng.uniform(-1, 1, (T, 1)); y = np.array([0.3])
def sigmoid(z): return 1/(1+np.exp(-z))

def forward(U, W, V, s_override=None, add_override=None):
    prev_s = np.zeros((H, 1)); layers = []; adds = []
    for t in range(T):
        new_input = np.zeros(x.shape); new_input[t] = x[t]
        mulu = U @ new_input; mulw = W @ prev_s; add = mulw + mulu
        if add_override is not None and add_override[0] == t: add = add + add_override[1]
        s = sigmoid(add)
        if s_override is not None and s_override[0] == t: s = s + s_override[1]
        mulv = V @ s
        layers.append({'s': s, 'prev_s': prev_s, 'new_input': new_input}); adds.append(add)
        prev_s = s
    return mulv, layers, adds
def loss(*a, **k):
    mulv = forward(*a, **k)[0]; return float(((y - mulv)**2 / 2).sum())
eps = 1e-6
def fd_param(P, name):
    G = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        d = np.zeros_like(P); d[idx] = eps
        args = {'U': U, 'W': W, 'V': V}; args[name] = P + d; lp = loss(args['U'], args['W'], args['V'])
        args[name] = P - d; lm = loss(args['U'], args['W'], args['V'])
        G[idx] = (lp - lm) / (2*eps)
    return G
def fd_state(t, kind):  # dL/ds_t or dL/dadd_t
    G = np.zeros((H, 1))
    for j in range(H):
        d = np.zeros((H, 1)); d[j] = eps
        key = 's_override' if kind == 's' else 'add_override'
        G[j] = (loss(U, W, V, **{key: (t, d)}) - loss(U, W, V, **{key: (t, -d)})) / (2*eps)
    return G
def rep(line, ok, msg): print(f"line {line:3d}: {'AGREE   ' if ok else 'DISAGREE'} {msg}")
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)

mulv, layers, adds = forward(U, W, V)
add = adds[-1]          # the author's `add` after the forward loop = last step's pre-activation
# true quantities
dL_ds = {t: fd_state(t, 's') for t in range(T)}; dL_dadd = {t: fd_state(t, 'add') for t in range(T)}
gU, gW, gV = fd_param(U, 'U'), fd_param(W, 'W'), fd_param(V, 'V')

# line 22 sigmoid definition / 40,75 forward: compare derivative of sigmoid with s(1-s)
z = 0.37; rep(22, close((sigmoid(z+eps)-sigmoid(z-eps))/(2*eps), sigmoid(z)*(1-sigmoid(z))), "sigmoid definition (derivative s(1-s) holds)")
dmulv = (mulv - y)
# dL/dmulv by FD on the loss formula
m = mulv.item(); rep(80, close(((y-(m+eps))**2/2 - (y-(m-eps))**2/2)/(2*eps), dmulv.ravel()), "dmulv = mulv - y  (dL/dmulv)")
dsv = V.T @ dmulv
rep(85, close(dsv, dL_ds[T-1]), "dsv = V^T dmulv equals dL/ds_{T-1} (last step)")
# line 87: ds = dsv used as dL/ds_t for EVERY t; check at t = 0
rep(87, close(dsv, dL_ds[0]), "ds = dsv as dL/ds_t for t=0 (author uses it for every t)")
# line 88: dadd = add*(1-add)*ds at t = T-1 (where ds = dsv is right)
dadd_author = add*(1-add)*dsv
rep(88, close(dadd_author, dL_dadd[T-1]), "dadd = add*(1-add)*ds vs dL/dadd_{T-1}")
s_last = layers[-1]['s']
rep(88, close(s_last*(1-s_last)*dsv, dL_dadd[T-1]), "(reference) s*(1-s)*ds would be right")
# line 90/99: dmulw = dadd*1 (local rule, with true dadd)
rep(90, close(dL_dadd[T-1]*np.ones((H,1)), dL_dadd[T-1]), "dmulw = dadd * ones (local rule, true upstream)")
# line 92/103: dprev_s = W^T dmulw with true dmulw
rep(92, close(W.T @ dL_dadd[T-1], dL_ds[T-2]), "dprev_s = W^T dmulw gives dL/ds_{T-2} (true upstream)")
# line 96: ds = dsv + dprev_s as dL/ds_{T-2}
rep(96, close(dsv + W.T @ dL_dadd[T-1], dL_ds[T-2]), "ds = dsv + dprev_s vs dL/ds_{T-2}")
# line 100: dmulu = dadd*1 local
rep(100, True, "dmulu = dadd * ones (d add/d mulu = I; local rule)")
# line 102: dW_i = W @ prev_s vs true per-step contribution dL/dadd_i prev_s^T
i = T-2
rep(102, close(np.broadcast_to(W @ layers[i]['prev_s'], (H, H)), dL_dadd[i] @ layers[i]['prev_s'].T), "dW_i = W . prev_s vs dadd_i prev_s_i^T")
# line 106/107: dU_i = U @ new_input (with new_input at t, not i) vs dL/dadd_i new_input_i^T
rep(107, close(np.broadcast_to(U @ layers[i]['new_input'], (H, T)), dL_dadd[i] @ layers[i]['new_input'].T), "dU_i = U . new_input vs dadd_i new_input_i^T")
t_outer = T-1
rep(106, np.array_equal(layers[t_outer]['new_input'], layers[i]['new_input']), "new_input[t] = x[t] inside the i-loop is the input of step i?")
# line 108: dx = U^T dmulu vs dL/dnew_input_{T-1} (FD)
Gx = np.zeros((T,1))
for j in range(T):
    # perturb new_input of the last step only: equivalent to perturbing U @ new_input by U[:, j]*d
    d = np.zeros((H,1)); d[:, 0] = U[:, j]*eps
    Gx[j] = (loss(U, W, V, add_override=(T-1, d)) - loss(U, W, V, add_override=(T-1, -d)))/(2*eps)
rep(108, close(U.T @ dL_dadd[T-1], Gx), "dx = U^T dmulu (true dmulu) = dL/dnew_input_{T-1}")
# author's totals, as written
dU = np.zeros(U.shape); dV = np.zeros(V.shape); dW = np.zeros(W.shape)
dU_t = np.zeros(U.shape); dV_t = np.zeros(V.shape); dW_t = np.zeros(W.shape)
for t in range(T):
    dV_t = np.dot(dmulv.reshape(1,1), np.transpose(layers[t]['s']))
    dsv = np.dot(np.transpose(V), dmulv.reshape(1,1)); ds = dsv
    dadd = add * (1 - add) * ds; dmulw = dadd * np.ones_like(dadd)
    dprev_s = np.dot(np.transpose(W), dmulw)
    for i in range(t-1, max(-1, t-bptt_truncate-1), -1):
        ds = dsv + dprev_s; dadd = add * (1 - add) * ds
        dmulw = dadd * np.ones_like(dadd); dmulu = dadd * np.ones_like(dadd)
        dW_i = np.dot(W, layers[t]['prev_s']); dprev_s = np.dot(np.transpose(W), dmulw)
        new_input = np.zeros(x.shape); new_input[t] = x[t]
        dU_i = np.dot(U, new_input); dx = np.dot(np.transpose(U), dmulu)
        dU_t += dU_i; dW_t += dW_i
    dV += dV_t; dU += dU_t; dW += dW_t
rep(84, close(dmulv.reshape(1,1) @ layers[0]['s'].T, np.zeros((1,H))), "dV_t for t=0 should contribute nothing (no output at t=0)")
rep(113, close(dV, gV), "dV (sum of dV_t over t) vs FD dL/dV")
rep(114, close(dU, gU), "dU vs FD dL/dU")
rep(115, close(dW, gW), "dW vs FD dL/dW")
# reference: correct BPTT with a single output
dh = V.T @ dmulv.reshape(1,1); rU = np.zeros_like(U); rW = np.zeros_like(W)
for t in reversed(range(T)):
    da = layers[t]['s']*(1-layers[t]['s'])*dh
    rU += da @ layers[t]['new_input'].T; rW += da @ layers[t]['prev_s'].T; dh = W.T @ da
print("reference correct BPTT agrees with FD:", close(rU, gU) and close(rW, gW) and close(dmulv.reshape(1,1) @ layers[-1]['s'].T, gV))
