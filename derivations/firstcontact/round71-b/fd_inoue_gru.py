# Finite-difference check of inoue_gru.py (GRUCell / GRUTime), numpy only.
import numpy as np
rng = np.random.default_rng(1)
sigmoid = lambda x: 1 / (1 + np.exp(-x))
N, D, H, T = 2, 3, 4, 3

def split(Wx, Wh, b):
    return (Wx[:, :H], Wx[:, H:2*H], Wx[:, 2*H:]), (Wh[:, :H], Wh[:, H:2*H], Wh[:, 2*H:]), (b[:, :H], b[:, H:2*H], b[:, 2*H:])

def cell_forward(x, h_prev, Wx, Wh, b):                         # lines 30-42
    (Wxz, Wxr, Wxh), (Whz, Whr, Whh), (bz, br, bh) = split(Wx, Wh, b)
    z = sigmoid(x @ Wxz + h_prev @ Whz + bz)                      # 37
    r = sigmoid(x @ Wxr + h_prev @ Whr + br)                      # 38
    h_hat = np.tanh(x @ Wxh + (r * h_prev) @ Whh + bh)            # 39
    h_next = (1 - z) * h_prev + z * h_hat                         # 40
    return h_next, (x, h_prev, r, z, h_hat)

def cell_backward(dh_next, cache, Wx, Wh, fix_dz=False):        # lines 47-89 as written
    (Wxz, Wxr, Wxh), (Whz, Whr, Whh), _ = split(Wx, Wh, np.zeros((1, 3*H)))
    x, h_prev, r, z, h_hat = cache
    dh_hat = dh_next * z                                          # 53
    dh_prev = dh_next * (1 - z)                                   # 54
    dt = dh_hat * (1 - h_hat ** 2)                                # 57
    dbh = np.sum(dt, axis=0); dWhh = (r * h_prev).T @ dt; dWxh = x.T @ dt   # 58-60
    dx = dt @ Wxh.T; dhr = dt @ Whh.T; dr = dhr * h_prev          # 61-63
    dh_prev += r * dhr                                            # 64
    if fix_dz:
        dz = dh_next * h_hat - dh_next * h_prev                   # reference
    else:
        dz = dh_next * dh_hat - dh_prev * dh_next                 # 67 as written
    dt = dz * z * (1 - z)                                         # 68
    dbz = np.sum(dt, axis=0); dWhz = h_prev.T @ dt                # 69-70
    dh_prev += dt @ Whz.T; dWxz = x.T @ dt; dx += dt @ Wxz.T      # 71-73
    dt = dr * r * (1 - r)                                         # 76
    dbr = np.sum(dt, axis=0); dWhr = h_prev.T @ dt                # 77-78
    dh_prev += dt @ Whr.T; dWxr = x.T @ dt; dx += dt @ Wxr.T      # 79-81
    dWx = np.hstack((dWxz, dWxr, dWxh)); dWh = np.hstack((dWhz, dWhr, dWhh)); db = np.hstack((dbz, dbr, dbh))  # 83-85
    return dx, dh_prev, dWx, dWh, db

Wx = rng.normal(size=(D, 3*H)) * .6; Wh = rng.normal(size=(H, 3*H)) * .6; b = rng.normal(size=(1, 3*H)) * .3
xs = rng.normal(size=(N, T, D)); h0 = rng.normal(size=(N, H)) * .5
G = rng.normal(size=(N, T, H))      # upstream dL/dhs ; L = sum(G * hs)

def seq_loss(Wx, Wh, b, xs, h0):
    h = h0; L = 0
    for t in range(T):
        h, _ = cell_forward(xs[:, t, :], h, Wx, Wh, b); L += np.sum(G[:, t, :] * h)   # GRUTime.forward line 120
    return L

def seq_backward(fix_dz=False):                                   # GRUTime.backward lines 127-147
    h = h0; caches = []
    for t in range(T):
        h, c = cell_forward(xs[:, t, :], h, Wx, Wh, b); caches.append(c)
    dh = 0; grads = [0, 0, 0]; dxs = np.empty_like(xs)
    for t in reversed(range(T)):
        dx, dh, gWx, gWh, gb = cell_backward(G[:, t, :] + dh, caches[t], Wx, Wh, fix_dz)   # 136
        dxs[:, t, :] = dx
        for i, g in enumerate((gWx, gWh, gb)): grads[i] = grads[i] + g                    # 142
    return grads, dxs, dh

def fd(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(*A.shape):
        old = A[idx]; A[idx] = old + eps; fp = f(); A[idx] = old - eps; fm = f(); A[idx] = old; g[idx] = (fp - fm) / (2*eps)
    return g

def report(name, a, b_, tol=1e-5):
    err = np.max(np.abs(a - b_)) / max(1e-12, np.max(np.abs(b_)))
    print(f"{name:60s} {'AGREE' if err < tol else 'DIFFER'} (rel.err {err:.2e})")

L = lambda: seq_loss(Wx, Wh, b, xs, h0)
num = {'Wx': fd(L, Wx), 'Wh': fd(L, Wh), 'b': fd(L, b), 'xs': fd(L, xs), 'h0': fd(L, h0)}
for fix in (False, True):
    tag = "reference dz = dh_next*(h_hat - h_prev)" if fix else "as written (line 67)"
    print(f"== GRUTime over T={T} steps, dz {tag}")
    (gWx, gWh, gb), dxs, dh0 = seq_backward(fix)
    for blk, sl in (('z', slice(0, H)), ('r', slice(H, 2*H)), ('h', slice(2*H, 3*H))):
        report(f"dWx[{blk} block]", gWx[:, sl], num['Wx'][:, sl])
        report(f"dWh[{blk} block]", gWh[:, sl], num['Wh'][:, sl])
        report(f"db [{blk} block]", gb[sl], num['b'][0, sl])
    report("dxs", dxs, num['xs']); report("dh (into h0)", dh0, num['h0'])

print("== single cell, the quantity of line 67: dL/dz vs FD (L = sum(dh_next * h_next))")
x = xs[:, 0, :]; dhn = G[:, 0, :]
_, cache = cell_forward(x, h0, Wx, Wh, b)
_, h_prev, r, z, h_hat = cache
# dL/dz elementwise: h_next = (1-z) h_prev + z h_hat with z treated as a free variable
fz = lambda zz: np.sum(dhn * ((1 - zz) * h_prev + zz * h_hat))
zz = z.copy(); num_dz = fd(lambda: fz(zz), zz)
dh_hat = dhn * z; dh_prev = dhn * (1 - z) + r * ((dh_hat * (1 - h_hat**2)) @ split(Wx, Wh, b)[1][2].T)
report("line 67: dh_next*dh_hat - dh_prev*dh_next", dhn * dh_hat - dh_prev * dhn, num_dz)
report("reference: dh_next*h_hat - dh_next*h_prev", dhn * h_hat - dhn * h_prev, num_dz)
