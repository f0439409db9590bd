# FD check of yashlondhe/ai-programming-java GRUCell (Java, transcribed to numpy, same index layout).
# concat = [x ; h_prev] (length I+H); W[j][i] indexed (I+H, H): pre_i = b_i + sum_j W[j,i] concat[j].
# Loss used for the check: L = sum_t <G_t, h_t> with fixed random G_t, so hiddenGradients[t] = G_t.
import numpy as np
rng = np.random.default_rng(1)
I, H, T = 3, 4, 5
Wz, Wr, Wh = (rng.normal(0, .6, (I + H, H)) for _ in range(3))
bz, br, bh = (rng.normal(0, .3, H) for _ in range(3))
xs = [rng.normal(0, 1, I) for _ in range(T)]
G = [rng.normal(0, 1, H) for _ in range(T)]
sig = lambda a: 1 / (1 + np.exp(-a))                                   # line 27

def forward(Wz, Wr, Wh, bz, br, bh, xs):
    h = np.zeros(H); cache = []
    for x in xs:
        concat = np.concatenate([x, h])                                 # lines 60-61
        z = sig(bz + concat @ Wz)                                       # lines 64, 116-121
        r = sig(br + concat @ Wr)                                       # line 67
        cc = np.concatenate([x, r * h])                                 # lines 71, 75
        ht = np.tanh(bh + cc @ Wh)                                      # lines 80-84
        hn = (1 - z) * h + z * ht                                       # line 90
        cache.append((x, h.copy(), z, r, ht)); h = hn                   # line 94 stores h_{t-1}
    return cache, h

def loss(Wz, Wr, Wh, bz, br, bh, xs):
    cache, _ = forward(Wz, Wr, Wh, bz, br, bh, xs)
    hs = [ (1 - z) * hp + z * ht for (x, hp, z, r, ht) in cache ]
    return sum(g @ h for g, h in zip(G, hs))

def backward(cache, with_missing_term=False):
    dWz, dWr, dWh = (np.zeros((I + H, H)) for _ in range(3)); dbz, dbr, dbh = (np.zeros(H) for _ in range(3))
    dh_next = np.zeros(H); dhprev0 = None
    for t in reversed(range(T)):
        x, hp, z, r, ht = cache[t]
        dh = G[t] + dh_next                                             # line 151
        dz = dh * (ht - hp) * z * (1 - z)                               # line 157
        dht = dh * z * (1 - ht**2)                                      # line 164
        s = Wh[I:, :] @ dht                                             # line 173
        dr = s * hp * r * (1 - r)                                       # line 175
        concat = np.concatenate([x, hp]); cc = np.concatenate([x, r * hp])   # lines 181-188
        dWz += np.outer(concat, dz); dWr += np.outer(concat, dr); dWh += np.outer(cc, dht)  # 194-196
        dbz += dz; dbr += dr; dbh += dht                                # 201-203
        nxt = dh * (1 - z)                                              # line 212
        nxt = nxt + Wr[I:, :] @ dr                                      # line 216
        nxt = nxt + (Wh[I:, :] @ dht) * r                               # line 221
        if with_missing_term: nxt = nxt + Wz[I:, :] @ dz                # the update-gate path
        if t > 0: dh_next = nxt
        else: dhprev0 = nxt
        # true dL/dx_t for reference
    dx_author = np.array([(dWz[i] + dWr[i] + dWh[i]).sum() for i in range(I)])  # line 241 (same for all t)
    return dict(Wz=dWz, Wr=dWr, Wh=dWh, bz=dbz, br=dbr, bh=dbh, dx=dx_author, dh0=dhprev0)

P = dict(Wz=Wz, Wr=Wr, Wh=Wh, bz=bz, br=br, bh=bh)
L = lambda: loss(P['Wz'], P['Wr'], P['Wh'], P['bz'], P['br'], P['bh'], xs)
def num_grad(A, eps=1e-6):
    g = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        o = A[i]; A[i] = o + eps; lp = L(); A[i] = o - eps; lm = L(); A[i] = o; g[i] = (lp - lm) / (2 * eps)
    return g
fd = {k: num_grad(v) for k, v in P.items()}
fd_x = [num_grad(x) for x in xs]
def rep(name, a, ref):
    err = np.max(np.abs(a - ref)) / max(1e-12, np.max(np.abs(ref)))
    print(f"{name:60s} rel.err={err:9.2e}  {'AGREE' if err < 1e-5 else 'DISAGREE'}")

cache, _ = forward(Wz, Wr, Wh, bz, br, bh, xs)
A = backward(cache)                      # as written
B = backward(cache, with_missing_term=True)
# Single step check (T steps but only the last step's local formulas): use G only at last step
print("--- as written (lines 151-221, recursion without the W_z path) ---")
for k in ['Wz', 'Wr', 'Wh', 'bz', 'br', 'bh']: rep(f"d{k}", A[k], fd[k])
rep("line 241 dx (same vector returned for every t) vs FD dL/dx_0", A['dx'], fd_x[0])
rep("line 241 dx vs FD dL/dx_{T-1}", A['dx'], fd_x[-1])
print("--- with the missing update-gate term  W_z[h-rows] @ dz_t  added to dh_next ---")
for k in ['Wz', 'Wr', 'Wh', 'bz', 'br', 'bh']: rep(f"d{k}", B[k], fd[k])
# one-step check: last step only (dh_next=0 there), local formulas 157/164/175 + 194-203
G_save = [g.copy() for g in G]; xs_save = list(xs)
T = 1; xs[:] = xs_save[:1]; G[:] = G_save[:1]
fd1 = {k: num_grad(v) for k, v in P.items()}
cache1, _ = forward(Wz, Wr, Wh, bz, br, bh, xs)
A1 = backward(cache1)
print("--- one-step sequence (T=1): local formulas of one step ---")
for k in ['Wz', 'Wr', 'Wh', 'bz', 'br', 'bh']: rep(f"d{k} (lines 157,164,173,175,194-203)", A1[k], fd1[k])
T = 5; xs[:] = xs_save; G[:] = G_save
# recursion check on dL/dh_{t-1}: perturb h_{T-2} through the last step only
x, hp, z, r, ht = cache[-1]
def Lh(hv):
    c = np.concatenate([x, hv]); zz = sig(bz + c @ Wz); rr = sig(br + c @ Wr)
    hh = np.tanh(bh + np.concatenate([x, rr * hv]) @ Wh); return G[-1] @ ((1 - zz) * hv + zz * hh)
hv = hp.copy(); g_fd = np.zeros(H)
for i in range(H):
    o = hv[i]; hv[i] = o + 1e-6; lp = Lh(hv); hv[i] = o - 1e-6; lm = Lh(hv); hv[i] = o; g_fd[i] = (lp - lm) / 2e-6
dh = G[-1]; dz = dh * (ht - hp) * z * (1 - z); dht = dh * z * (1 - ht**2); dr = (Wh[I:] @ dht) * hp * r * (1 - r)
written = dh * (1 - z) + Wr[I:] @ dr + (Wh[I:] @ dht) * r
rep("lines 212-221 dh_next as written vs FD dL/dh_{t-1}", written, g_fd)
rep("lines 212-221 + W_z[h-rows] @ dz vs FD dL/dh_{t-1}", written + Wz[I:] @ dz, g_fd)
