# Finite-difference check of gru_reset_after_es.py (search-index file id 25285596890), class GRU.
# Row-vector batched layout (xt @ W). The sibling module .activations is not available; we assume
# Tanh/Sigmoid.backward(grad, x=a) returns grad * f'(pre-activation) computed from the stored OUTPUT a
# (tanh: 1-a^2, sigmoid: a(1-a)), which is what the call sites backward(dh_tilde, x=h_tilde) suggest.
# Loss: L = sum(G * outputs) with return_sequences=True, so x_grad = G. Nonzero biases are used.
import numpy as np
rng = np.random.default_rng(3)
B, T, Din, U = 2, 3, 3, 4
sig = lambda v: 1 / (1 + np.exp(-v))
act_b = lambda grad, a: grad * (1 - a**2)
ract_b = lambda grad, a: grad * a * (1 - a)
X = rng.normal(size=(B, T, Din)); G = rng.normal(size=(B, T, U))

def forward(W, Uw, bias, reset_after, inj=None):
    inj = inj or {}
    W_z, W_r, W_h = np.hsplit(W, 3); U_z, U_r, U_h = np.hsplit(Uw, 3)
    if reset_after:
        b_in, b_rec = bias[0], bias[1]
        b_z = b_in[:U] + b_rec[:U]; b_r = b_in[U:2*U] + b_rec[U:2*U]; b_h = b_in[2*U:] + b_rec[2*U:]
    else:
        b_z, b_r, b_h = np.split(bias, 3)
    h = np.zeros((B, U)); outs = []; cache = []
    for t in range(T):
        xt = X[:, t]; h_prev = h
        z = sig(xt @ W_z + h_prev @ U_z + b_z + inj.get((t, 'az'), 0))
        r = sig(xt @ W_r + h_prev @ U_r + b_r + inj.get((t, 'ar'), 0))
        if reset_after:
            h_tilde = np.tanh(xt @ W_h + r * (h_prev @ U_h) + b_h + inj.get((t, 'ah'), 0))
        else:
            h_tilde = np.tanh(xt @ W_h + (r * h_prev) @ U_h + b_h + inj.get((t, 'ah'), 0))
        h = z * h_prev + (1 - z) * h_tilde
        outs.append(h.copy()); cache.append((h_prev, z, r, h_tilde))
    outs = np.stack(outs, axis=1)
    return np.sum(G * outs), cache

def author_backward(W, Uw, bias, reset_after):
    _, cache = forward(W, Uw, bias, reset_after)
    W_z, W_r, W_h = np.hsplit(W, 3); U_z, U_r, U_h = np.hsplit(Uw, 3); b_rec = bias[1]
    dY_list = [G[:, t, :] for t in range(T)]
    dh_next = np.zeros((B, U)); data_grads = [None] * T
    dW_z, dW_r, dW_h = (np.zeros((Din, U)) for _ in range(3)); dU_z, dU_r, dU_h = (np.zeros((U, U)) for _ in range(3))
    db_in = np.zeros(3 * U) if reset_after else None; db_rec = np.zeros(3 * U) if reset_after else None
    bias_grads = np.zeros_like(bias); rec = {}
    for t in reversed(range(T)):
        dh = dY_list[t] + dh_next
        h_prev, z, r, h_tilde = cache[t]; x_t = X[:, t]
        dh_tilde = dh * (1 - z)
        dh_tilde_pre = act_b(dh_tilde, h_tilde); rec[(t, 'ah')] = dh_tilde_pre
        if reset_after:
            dr = dh_tilde_pre * (h_prev @ U_h + b_rec[2*U:])
        else:
            dr = (dh_tilde_pre @ U_h.T) * h_prev
        dr_pre = ract_b(dr, r); rec[(t, 'ar')] = dr_pre
        dz = dh * (h_prev - h_tilde)
        dz_pre = ract_b(dz, z); rec[(t, 'az')] = dz_pre
        dW_h += x_t.T @ dh_tilde_pre; dW_r += x_t.T @ dr_pre; dW_z += x_t.T @ dz_pre
        if reset_after:
            dU_h += h_prev.T @ (dh_tilde_pre * r)
        else:
            dU_h += (r * h_prev).T @ dh_tilde_pre
        dU_r += h_prev.T @ dr_pre; dU_z += h_prev.T @ dz_pre
        if reset_after:
            db_in[2*U:] += np.sum(dh_tilde_pre, axis=0); db_in[U:2*U] += np.sum(dr_pre, axis=0); db_in[:U] += np.sum(dz_pre, axis=0)
            db_rec[2*U:] += np.sum(dh_tilde_pre * r, axis=0); db_rec[U:2*U] += np.sum(dr_pre, axis=0); db_rec[:U] += np.sum(dz_pre, axis=0)
        else:
            bias_grads[2*U:] += np.sum(dh_tilde_pre, axis=0); bias_grads[U:2*U] += np.sum(dr_pre, axis=0); bias_grads[:U] += np.sum(dz_pre, axis=0)
        dh_prev = dh * z
        if reset_after:
            dh_prev += (dz_pre @ U_z.T + dr_pre @ U_r.T + (dh_tilde_pre * r) @ U_h.T)
        else:
            dh_prev += (dz_pre @ U_z.T + dr_pre @ U_r.T + (dh_tilde_pre @ U_h.T) * r)
        dh_next = dh_prev; rec[(t, 'hprev')] = dh_prev
        data_grads[t] = dz_pre @ W_z.T + dr_pre @ W_r.T + dh_tilde_pre @ W_h.T
    if reset_after:
        bias_grads = np.array([db_in, db_rec])
    return rec, np.hstack([dW_z, dW_r, dW_h]), np.hstack([dU_z, dU_r, dU_h]), bias_grads, np.stack(data_grads, axis=1)

eps = 1e-6
def fd_arr(f, A):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o + eps; lp = f(); A[idx] = o - eps; lm = f(); A[idx] = o; g[idx] = (lp - lm) / (2 * eps)
    return g
ok_all = True; fails = []
def rep(lab, a, b):
    global ok_all
    ok = np.allclose(a, b, atol=1e-6); print(f'  {lab:62s} {"agree" if ok else "DISAGREE  max|diff|=%.3e" % np.abs(a - b).max()}')
    return ok
for reset_after in (True, False):
    print(f'--- reset_after={reset_after}')
    W = rng.normal(0, 0.6, (Din, 3 * U)); Uw = rng.normal(0, 0.6, (U, 3 * U))
    bias = rng.normal(0, 0.5, (2, 3 * U)) if reset_after else rng.normal(0, 0.5, 3 * U)
    rec, dW, dUw, db, dX = author_backward(W, Uw, bias, reset_after)
    f = lambda: forward(W, Uw, bias, reset_after)[0]
    for t in range(T):
        for n, lab in (('ah', 'L233 dh_tilde_pre (dL/d pre-tanh)'), ('ar', 'L236/238+239 dr_pre (dL/d pre-sigmoid r)'), ('az', 'L241-242 dz_pre')):
            inj0 = np.zeros((B, U))
            fd = fd_arr(lambda: forward(W, Uw, bias, reset_after, {(t, n): inj0})[0], inj0)
            rep(f't={t} {lab}', rec[(t, n)], fd)
    fdW = fd_arr(f, W); fdU = fd_arr(f, Uw); fdb = fd_arr(f, bias); fdX = fd_arr(f, X)
    for k, (a, b) in dict(W_z=(dW[:, :U], fdW[:, :U]), W_r=(dW[:, U:2*U], fdW[:, U:2*U]), W_h=(dW[:, 2*U:], fdW[:, 2*U:]),
                          U_z=(dUw[:, :U], fdU[:, :U]), U_r=(dUw[:, U:2*U], fdU[:, U:2*U]), U_h=(dUw[:, 2*U:], fdU[:, 2*U:])).items():
        rep(f'param {k} (summed over t)', a, b)
    if reset_after:
        for row, nm in ((0, 'db_in'), (1, 'db_rec')):
            for sl, g in ((slice(0, U), 'z'), (slice(U, 2*U), 'r'), (slice(2*U, 3*U), 'h')):
                rep(f'{nm}[{g}]', db[row, sl], fdb[row, sl])
    else:
        for sl, g in ((slice(0, U), 'z'), (slice(U, 2*U), 'r'), (slice(2*U, 3*U), 'h')):
            rep(f'bias_grads[{g}]', db[sl], fdb[sl])
    rep('data_grads dx_t (L284-289) and dh_prev chain', dX, fdX)
    # control: with b_rec[h] = 0 the reset_after error in dr (L236) vanishes, so every other row can be
    # judged on its own; db_rec[h] (L261) stays wrong because of its spurious factor r.
    if reset_after:
        bias[1, 2*U:] = 0.0
        rec, dW, dUw, db, dX = author_backward(W, Uw, bias, reset_after)
        fdW = fd_arr(f, W); fdU = fd_arr(f, Uw); fdb = fd_arr(f, bias); fdX = fd_arr(f, X)
        print('  control run with b_rec[h] = 0:')
        for t in range(T):
            for n, lab in (('ah', 'L233 dh_tilde_pre'), ('ar', 'L236+239 dr_pre'), ('az', 'L241-242 dz_pre')):
                inj0 = np.zeros((B, U))
                fd = fd_arr(lambda: forward(W, Uw, bias, reset_after, {(t, n): inj0})[0], inj0)
                rep(f'control t={t} {lab}', rec[(t, n)], fd)
        rep('control W (L244-246)', dW, fdW)
        rep('control U_z, U_r (L252-253)', dUw[:, :2*U], fdU[:, :2*U])
        rep('control U_h (L249 reset_after)', dUw[:, 2*U:], fdU[:, 2*U:])
        rep('control db_in (L257-259)', db[0], fdb[0])
        rep('control db_rec[z], db_rec[r] (L262-263)', db[1, :2*U], fdb[1, :2*U])
        rep('control db_rec[h] (L261)', db[1, 2*U:], fdb[1, 2*U:])
        rep('control data_grads (L284-289) via dh_prev (L269-275)', dX, fdX)
