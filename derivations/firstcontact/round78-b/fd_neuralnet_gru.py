"""Finite-difference check of neuralnet_gru.py (search-index file id 44765072819).

Author's conventions: rows = samples, X (n, T, D), z = s(x W_z + h U_z + b_z), r likewise,
h~ = tanh(x W_h + (r*h) U_h + b_h), h = (1-z)*h_prev + z*h~ ; activation = tanh, activation_d = derivative of
tanh as a function of its argument (autograd elementwise_grad), i.e. activation_d(a) = 1 - tanh(a)^2.
Test loss: L = sum(C * Y) with Y the layer's returned output (so delta = C).
n_samples == hidden_dim is used because lines 111 and 139 only broadcast in that case.
The final division by n_samples (line 142) is left out (framework scaling).
"""
import numpy as np

rng = np.random.default_rng(3)
n, D, H, T = 3, 2, 3, 4
sig = lambda a: 1 / (1 + np.exp(-a))
act = np.tanh
act_d = lambda a: 1 - np.tanh(a) ** 2                                        # elementwise_grad(tanh), line 16
P = {k: rng.normal(size=s) * 0.8 for k, s in dict(
    W_z=(D, H), W_r=(D, H), W_h=(D, H), U_z=(H, H), U_r=(H, H), U_h=(H, H),
    b_z=(H,), b_r=(H,), b_h=(H,)).items()}


def forward(P, X, hprev0, pert=None):
    Tn = X.shape[1]
    outputs = np.zeros((n, Tn, H)); gates = {k: np.zeros((n, Tn, H)) for k in 'zrh'}
    hprev = hprev0
    for i in range(Tn):
        x_t = X[:, i, :]
        h_prev = outputs[:, i - 1, :] if i > 0 else hprev                     # line 72
        z = sig(x_t @ P['W_z'] + h_prev @ P['U_z'] + P['b_z'])                # line 74
        r = sig(x_t @ P['W_r'] + h_prev @ P['U_r'] + P['b_r'])                # line 75
        if pert is not None and i == 0:
            z = z + pert.get('z', 0); r = r + pert.get('r', 0)
        hc = act(x_t @ P['W_h'] + (r * h_prev) @ P['U_h'] + P['b_h'])        # line 76
        h = (1 - z) * h_prev + z * hc                                         # line 78
        outputs[:, i, :] = h; gates['z'][:, i, :] = z; gates['r'][:, i, :] = r; gates['h'][:, i, :] = hc
    hprev_after = outputs[:, -1, :].copy()                                    # line 84
    ret = outputs[:, :-1, :]                                                  # line 85 (return_sequences=True)
    return ret, outputs, gates, hprev_after


def num_grad(f, A, eps=1e-6):
    g = np.zeros_like(A)
    it = np.nditer(A, flags=['multi_index'])
    for _ in it:
        i = it.multi_index
        old = A[i]
        A[i] = old + eps; fp = f()
        A[i] = old - eps; fm = f()
        A[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g


def cmp(name, a, b):
    ok = a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-8)
    d = np.max(np.abs(a - b)) if a.shape == b.shape else float('nan')
    print(f"  {name:66s} {'AGREE' if ok else 'DIFFER'}  max|diff|={d:.2e}")


def author_backward(P, X, outputs, gates, hprev_attr, delta):
    n_samples, n_timesteps, input_shape = delta.shape
    grad = {k: np.zeros_like(P[k]) for k in P}
    dh_next = np.zeros((n_samples, input_shape))
    for t in reversed(range(n_timesteps)):
        x_t = X[:, t, :]
        h_prev = outputs[:, t - 1, :] if t > 0 else hprev_attr                # line 99
        z = gates['z'][:, t, :]; r = gates['r'][:, t, :]; h_candidate = gates['h'][:, t, :]
        dh = delta[:, t, :] + dh_next                                         # line 106
        dh_candidate = dh * z                                                 # line 107
        dh_prev = dh * (1 - z)                                                # line 108
        dz = dh * (h_candidate - h_prev)                                      # line 110
        dr = dh_candidate * (P['U_h'].T @ (r * (1 - r)))                      # line 111
        dW_z = x_t.T @ dz; dU_z = h_prev.T @ dz; db_z = dz.sum(axis=0)        # lines 113-115
        dW_r = x_t.T @ dr; dU_r = h_prev.T @ dr; db_r = dr.sum(axis=0)        # lines 117-119
        dh_candidate_d = dh_candidate * act_d(h_candidate)                    # line 121
        dW_h = x_t.T @ (dh_candidate_d * r)                                   # line 122
        dU_h = (r * h_prev).T @ dh_candidate_d                                # line 123
        db_h = (dh_candidate_d * r).sum(axis=0)                               # line 124
        for k, v in dict(W_z=dW_z, U_z=dU_z, b_z=db_z, W_r=dW_r, U_r=dU_r, b_r=db_r,
                         W_h=dW_h, U_h=dU_h, b_h=db_h).items():
            grad[k] += v                                                      # lines 127-137
        dh_next = dh_prev + (dh_candidate_d * P['U_h']).sum(axis=1)           # line 139
    return grad, dh_next


X = rng.normal(size=(n, T, D))
h0 = rng.normal(size=(n, H)) * 0.7             # state carried in self.hprev from the previous batch
ret, outputs, gates, hprev_after = forward(P, X, h0)
C = rng.normal(size=ret.shape)
L = lambda: np.sum(C * forward(P, X, h0)[0])

print("== forward return (line 85)")
print(f"  layer output has {ret.shape[1]} steps for T={T} inputs (shape() promises {T}); last returned state is h_{T-1},"
      f" h_T is never output")

print("== whole sequence: author's backward (lines 97-139) vs finite differences")
g, _ = author_backward(P, X, outputs, gates, hprev_after, C)
for k in P:
    cmp(f"d{k}", g[k], num_grad(L, P[k]))

print("== one step in isolation (T=2, so the layer outputs h_1 only and the loop runs t=0 once)")
X2 = X[:, :2, :]
ret2, out2, gates2, hprev_after2 = forward(P, X2, h0)
C2 = rng.normal(size=ret2.shape)
L2 = lambda: np.sum(C2 * forward(P, X2, h0)[0])
dh = C2[:, 0, :]
z, r, hc = gates2['z'][:, 0], gates2['r'][:, 0], gates2['h'][:, 0]
x0 = X2[:, 0, :]
pz = np.zeros((n, H)); dz_num = num_grad(lambda: np.sum(C2 * forward(P, X2, h0, pert={'z': pz})[0]), pz)
cmp("line 99 h_prev at t=0 = self.hprev (overwritten by line 84) vs the h0 used", hprev_after2, h0)
cmp("line 110 dz = dh*(h~ - h_prev) with the author's h_prev (line 99)", dh * (hc - hprev_after2), dz_num)
cmp("line 110 dz with the true h_prev = h0  [dL/dz]", dh * (hc - h0), dz_num)
dzt = dh * (hc - h0)
cmp("line 113 dW_z = x^T dz (true dz)", x0.T @ dzt, num_grad(L2, P['W_z']))
cmp("  (reference) x^T (dz * z(1-z))", x0.T @ (dzt * z * (1 - z)), num_grad(L2, P['W_z']))
cmp("line 114 dU_z = h_prev^T dz (true h_prev, dz)", h0.T @ dzt, num_grad(L2, P['U_z']))
cmp("line 115 db_z = sum dz (true dz)", dzt.sum(axis=0), num_grad(L2, P['b_z']))
cmp("line 107 dh_candidate = dh*z vs dL/dh~ (via dL/db_h / tanh')", (dh * z * (1 - hc ** 2)).sum(0), num_grad(L2, P['b_h']))
cmp("line 121 dh_candidate_d = dh_candidate*activation_d(h~), batch-summed, vs dL/db_h",
    (dh * z * act_d(hc)).sum(axis=0), num_grad(L2, P['b_h']))
cmp("  (reference) dh_candidate*(1 - h~^2)", (dh * z * (1 - hc ** 2)).sum(axis=0), num_grad(L2, P['b_h']))
dcd = dh * z * (1 - hc ** 2)    # correct dL/d(pre-activation of h~)
cmp("line 122 dW_h = x^T (dh_candidate_d * r) (correct dh_candidate_d)", x0.T @ (dcd * r), num_grad(L2, P['W_h']))
cmp("  (reference) x^T dh_candidate_d", x0.T @ dcd, num_grad(L2, P['W_h']))
cmp("line 123 dU_h = (r*h_prev)^T dh_candidate_d (true h_prev, correct dcd)", (r * h0).T @ dcd, num_grad(L2, P['U_h']))
cmp("line 124 db_h = sum(dh_candidate_d * r)", (dcd * r).sum(axis=0), num_grad(L2, P['b_h']))
pr = np.zeros((n, H)); dr_num = num_grad(lambda: np.sum(C2 * forward(P, X2, h0, pert={'r': pr})[0]), pr)
dr_pre_true = dr_num * r * (1 - r)
cmp("line 111 dr = dh_candidate*(U_h^T @ r(1-r)) vs dL/d(pre-r)", (dh * z) * (P['U_h'].T @ (r * (1 - r))), dr_pre_true)
cmp("  (reference) ((dh_candidate*(1-h~^2)) U_h^T) * h_prev * r(1-r)", ((dcd @ P['U_h'].T) * h0) * r * (1 - r), dr_pre_true)
cmp("line 117 dW_r = x^T dr (fed with the true dL/d(pre-r))", x0.T @ dr_pre_true, num_grad(L2, P['W_r']))
cmp("line 118 dU_r = h_prev^T dr (true h_prev, true dr)", h0.T @ dr_pre_true, num_grad(L2, P['U_r']))
cmp("line 119 db_r = sum dr (true dr)", dr_pre_true.sum(axis=0), num_grad(L2, P['b_r']))
dh0_num = num_grad(L2, h0)
cmp("line 139 dh_next = dh_prev + (dh_candidate_d*U_h).sum(1) (true h_prev, dcd)",
    dh * (1 - z) + (dcd * P['U_h']).sum(axis=1), dh0_num)
cmp("  (reference) dh(1-z) + r*(dcd U_h^T) + dz_pre U_z^T + dr_pre U_r^T",
    dh * (1 - z) + r * (dcd @ P['U_h'].T) + (dzt * z * (1 - z)) @ P['U_z'].T + dr_pre_true @ P['U_r'].T, dh0_num)

print("== whole sequence with only the failing rows replaced (99 at t=0, 111, 113-115 sigmoid', 121, 122, 124, 139):")
print("   the remaining rows (106, 107, 108, 110, 117-119, 123, accumulation 127-137) then agree")
grad = {k: np.zeros_like(P[k]) for k in P}
dh_next = np.zeros((n, H))
for t in reversed(range(C.shape[1])):
    x_t = X[:, t, :]
    h_prev = outputs[:, t - 1, :] if t > 0 else h0
    z = gates['z'][:, t, :]; r = gates['r'][:, t, :]; hc = gates['h'][:, t, :]
    dh = C[:, t, :] + dh_next
    dh_candidate = dh * z
    dh_prev = dh * (1 - z)
    dz = dh * (hc - h_prev) * z * (1 - z)
    dcd = dh_candidate * (1 - hc ** 2)
    dr = ((dcd @ P['U_h'].T) * h_prev) * r * (1 - r)
    for k, v in dict(W_z=x_t.T @ dz, U_z=h_prev.T @ dz, b_z=dz.sum(0), W_r=x_t.T @ dr, U_r=h_prev.T @ dr,
                     b_r=dr.sum(0), W_h=x_t.T @ dcd, U_h=(r * h_prev).T @ dcd, b_h=dcd.sum(0)).items():
        grad[k] += v
    dh_next = dh_prev + r * (dcd @ P['U_h'].T) + dz @ P['U_z'].T + dr @ P['U_r'].T
for k in P:
    cmp(f"d{k} (corrected rows)", grad[k], num_grad(L, P[k]))
