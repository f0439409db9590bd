"""Finite-difference check of musyoku_sru_backward.md (musyoku.github.io @ 589cf9d, SRU backward, Japanese).

Model (batch layout of the post): X (b, d, l), W (3d, d) = [W_z; W_f; W_r], U = W X (b, 3d, l),
z_t = U^(z)_t, f_t = sigmoid(U^(f)_t + b_f), r_t = sigmoid(U^(r)_t + b_r), c_t = f_t*(c_{t-1}-z_t)+z_t,
h_t = r_t*(g(c_t)-x_t)+x_t with g = tanh (use_tanh=1) or identity (use_tanh=0); c_0 = initial cell.
Loss L = sum(Gh*H) + sum(Gc*c_l): incoming_grad_h = Gh, incoming_grad_ct (initial) = Gc.
The CUDA kernel is translated line by line to numpy over all (batch, feature) columns at once.
chainer's conv_nd.im2col_nd with ksize (1,), stride (1,), pad (0,) returns X[:, :, None, :] (b, d, 1, l).
"""
import numpy as np

rng = np.random.RandomState(5703)
bs, d, l = 2, 3, 4
Wm = rng.randn(3 * d, d) * 0.6
Bv = rng.randn(2 * d) * 0.3            # (b_f, b_r)
X0 = rng.randn(bs, d, l)
C0 = rng.randn(bs, d) * 0.5
Gh = rng.randn(bs, d, l)
Gc = rng.randn(bs, d)
sig = lambda v: 1 / (1 + np.exp(-v))
im2col = lambda A: A[:, :, None, :]
results = {}


def check(line, got, ref, expect, tol=1e-6):
    got = np.asarray(got, float); ref = np.asarray(ref, float)
    err = np.max(np.abs(got - ref)) / max(1e-12, np.max(np.abs(ref)))
    verdict = "pass" if err < tol else "fail"
    print(f"line {line}: rel.err {err:.2e} -> {verdict} (expected {expect})")
    assert verdict == expect, line
    results.setdefault(line, verdict)


def forward(Wm, Bv, X, C0, use_tanh, dU=None, dXh=None, dCh=None, dC=None):
    """dU: additive perturbation of U; dXh: perturbation of the highway x only;
    dCh: perturbation of c_t where it enters h_t only; dC: perturbation of c_t everywhere (list index t)."""
    U = np.matmul(Wm, X)
    if dU is not None:
        U = U + dU
    bf, br = Bv[:d], Bv[d:]
    ct = C0.copy(); Hs = np.zeros((bs, d, l)); Cs = np.zeros((bs, d, l))
    for t in range(l):
        zt = U[:, :d, t]; ft = sig(U[:, d:2 * d, t] + bf); rt = sig(U[:, 2 * d:, t] + br)
        xt = X[:, :, t] + (dXh[:, :, t] if dXh is not None else 0)
        ct = ft * (ct - zt) + zt
        if dC is not None:
            ct = ct + dC[t]
        cth = ct + (dCh[t] if dCh is not None else 0)
        g = np.tanh(cth) if use_tanh else cth
        Hs[:, :, t] = rt * (g - xt) + xt
        Cs[:, :, t] = ct
    L = np.sum(Gh * Hs) + np.sum(Gc * ct)
    return L, Hs, Cs, U


eps = 1e-6


def fd(fun, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (fun(e) - fun(-e)) / (2 * eps)
    return g


for use_tanh in (1, 0):
    print(f"--- use_tanh = {use_tanh}")
    L0, Hs, Cs, U = forward(Wm, Bv, X0, C0, use_tanh)
    bf, br = Bv[:d], Bv[d:]
    # forward rows: paper form (x~ = W x), redefinition, U computation
    Wz, Wf, Wr = Wm[:d], Wm[d:2 * d], Wm[2 * d:]
    t = 2; xt = X0[:, :, t]; cprev = Cs[:, :, t - 1]
    xtil = xt @ Wz.T; ft_ = sig(xt @ Wf.T + bf); rt_ = sig(xt @ Wr.T + br)
    check(8, xtil, U[:, :d, t], "pass")
    check(9, ft_, sig(U[:, d:2 * d, t] + bf), "pass")
    check(10, rt_, sig(U[:, 2 * d:, t] + br), "pass")
    check(11, ft_ * cprev + (1 - ft_) * xtil, Cs[:, :, t], "pass")
    g_c = np.tanh(Cs[:, :, t]) if use_tanh else Cs[:, :, t]
    check(12, rt_ * g_c + (1 - rt_) * xt, Hs[:, :, t], "pass")
    U_def = np.einsum('kj,bjt->bkt', Wm, X0)          # U = W X, column t = W x_t
    check(49, U_def, U, "pass"); check(54, np.matmul(Wm, X0), U_def, "pass")
    check(59, xt @ Wz.T, U_def[:, :d, t], "pass"); check(60, xt @ Wf.T, U_def[:, d:2 * d, t], "pass")
    check(61, xt @ Wr.T, U_def[:, 2 * d:, t], "pass"); check(62, U_def[:, :d, t], xtil, "pass")
    check(63, sig(U_def[:, d:2 * d, t] + bf), ft_, "pass"); check(64, sig(U_def[:, 2 * d:, t] + br), rt_, "pass")
    zt = U_def[:, :d, t]
    check(65, ft_ * cprev + (1 - ft_) * zt, Cs[:, :, t], "pass")
    check(66, ft_ * (cprev - zt) + zt, Cs[:, :, t], "pass")
    check(67, rt_ * g_c + (1 - rt_) * xt, Hs[:, :, t], "pass")
    check(68, rt_ * (g_c - xt) + xt, Hs[:, :, t], "pass")
    col = im2col(X0)
    check(86, np.tensordot(col, Wm[..., None], ((1, 2), (1, 2))).transpose((0, 2, 1)), U_def, "pass")
    check(92, np.matmul(Wm, X0), U_def, "pass")
    vv = np.linspace(-2, 2, 9)
    check(110, (1 - sig(vv)) * sig(vv), (sig(vv + eps) - sig(vv - eps)) / (2 * eps), "pass")
    check(111, 1 - np.tanh(vv) ** 2, (np.tanh(vv + eps) - np.tanh(vv - eps)) / (2 * eps), "pass")

    # ---- CUDA backward kernel, translated row by row (all columns at once)
    grad_b = np.zeros((bs, 2 * d, l)); grad_u = np.zeros((bs, 3 * d, l)); grad_highway_x = np.zeros((bs, d, l))
    incoming_grad_ct = Gc.copy()
    rows = {k: {} for k in (210, 211, 217, 221, 224, 225, 226, 229, 232, 233, 234, 237)}
    for t in range(l - 1, -1, -1):
        zt = U[:, :d, t]
        ft = sig(U[:, d:2 * d, t] + bf)                                    # 210
        rt = sig(U[:, 2 * d:, t] + br)                                     # 211
        xt = X0[:, :, t]; incoming_grad_ht = Gh[:, :, t]; ct = Cs[:, :, t]
        prev_ct = C0 if t == 0 else Cs[:, :, t - 1]
        g_ct = np.tanh(ct) if use_tanh else ct                            # 217
        grad_brt = incoming_grad_ht * (g_ct - xt) * (1.0 - rt) * rt        # 221
        grad_tanh = (1.0 - g_ct * g_ct) if use_tanh else np.ones_like(ct)  # 224
        grad_ct = incoming_grad_ht * rt * grad_tanh                        # 225
        grad_bft = (grad_ct + incoming_grad_ct) * (prev_ct - zt) * (1 - ft) * ft   # 226
        grad_highway_xt = incoming_grad_ht * (1.0 - rt)                    # 229
        grad_uzt = (incoming_grad_ht * rt * grad_tanh + incoming_grad_ct) * (1.0 - ft)   # 232
        grad_uft = grad_bft                                                # 233
        grad_urt = grad_brt                                                # 234
        rows[210][t] = ft; rows[211][t] = rt; rows[217][t] = g_ct; rows[221][t] = grad_brt
        rows[224][t] = grad_tanh; rows[225][t] = grad_ct; rows[226][t] = grad_bft; rows[229][t] = grad_highway_xt
        rows[232][t] = grad_uzt; rows[233][t] = grad_uft; rows[234][t] = grad_urt
        rows[237][t] = (grad_ct + incoming_grad_ct) * ft                   # 237 (value handed to step t-1)
        grad_b[:, :d, t] = grad_bft; grad_b[:, d:, t] = grad_brt
        grad_u[:, :d, t] = grad_uzt; grad_u[:, d:2 * d, t] = grad_uft; grad_u[:, 2 * d:, t] = grad_urt
        grad_highway_x[:, :, t] = grad_highway_xt
        incoming_grad_ct = (grad_ct + incoming_grad_ct) * ft               # 237
    grad_init_ct = incoming_grad_ct                                        # 253

    # references by finite differences
    dLdU = fd(lambda e: forward(Wm, Bv, X0, C0, use_tanh, dU=e)[0], (bs, 3 * d, l))
    dLdXh = fd(lambda e: forward(Wm, Bv, X0, C0, use_tanh, dXh=e)[0], (bs, d, l))
    dLdX = fd(lambda e: forward(Wm, Bv, X0 + e, C0, use_tanh)[0], (bs, d, l))
    dLdW = fd(lambda e: forward(Wm + e, Bv, X0, C0, use_tanh)[0], Wm.shape)
    dLdB = fd(lambda e: forward(Wm, Bv + e, X0, C0, use_tanh)[0], Bv.shape)
    dLdC0 = fd(lambda e: forward(Wm, Bv, X0, C0 + e, use_tanh)[0], C0.shape)

    def part_c_h(t):      # dL/dc_t through h_t only
        def f_(e):
            z = [np.zeros((bs, d)) for _ in range(l)]; z[t] = e
            return forward(Wm, Bv, X0, C0, use_tanh, dCh=z)[0]
        return fd(f_, (bs, d))

    def total_c(t):       # total dL/dc_t
        def f_(e):
            z = [np.zeros((bs, d)) for _ in range(l)]; z[t] = e
            return forward(Wm, Bv, X0, C0, use_tanh, dC=z)[0]
        return fd(f_, (bs, d))

    for t in range(l):
        check(210, rows[210][t], sig(U[:, d:2 * d, t] + bf), "pass")
        check(211, rows[211][t], sig(U[:, 2 * d:, t] + br), "pass")
        check(217, rows[217][t], (np.tanh(Cs[:, :, t]) if use_tanh else Cs[:, :, t]), "pass")
        cc = Cs[:, :, t]
        gfun = (np.tanh if use_tanh else (lambda v: v))
        check(224, rows[224][t], (gfun(cc + eps) - gfun(cc - eps)) / (2 * eps), "pass")
        check(221, rows[221][t], dLdU[:, 2 * d:, t], "pass")
        check(234, rows[234][t], dLdU[:, 2 * d:, t], "pass")
        check(225, rows[225][t], part_c_h(t), "pass")
        check(226, rows[226][t], dLdU[:, d:2 * d, t], "pass")
        check(233, rows[233][t], dLdU[:, d:2 * d, t], "pass")
        check(229, rows[229][t], dLdXh[:, :, t], "pass")
        check(232, rows[232][t], dLdU[:, :d, t], "pass")
        # 237: the value handed back is the c_{t-1} gradient arriving through c_t
        ref = (total_c(t - 1) - part_c_h(t - 1)) if t > 0 else dLdC0
        check(237, rows[237][t], ref, "pass")
    check(253, grad_init_ct, dLdC0, "pass")
    check(262, grad_u[:, d:2 * d], dLdU[:, d:2 * d], "pass")
    check(263, grad_u[:, 2 * d:], dLdU[:, 2 * d:], "pass")
    check(280, rows[237][1], total_c(0) - part_c_h(0), "pass")

    # Chainer-side code after the kernel (fast version)
    grad_x_col = im2col(grad_u)
    check(286, grad_x_col[:, :, 0, :], grad_u, "pass")
    grad_x = np.tensordot(grad_x_col, Wm.T[..., None], ((1, 2), (1, 2))).transpose((0, 2, 1)) + grad_highway_x
    check(287, grad_x, dLdX, "pass")
    gb = np.sum(grad_b, axis=(0, 2))
    check(289, gb, dLdB, "pass")
    grad_w = np.tensordot(grad_u, col, ((0, 2), (0, 3))).reshape((d * 3, d))
    check(292, grad_w, dLdW, "pass")
    # slow version
    check(298, np.dot(grad_u.transpose((0, 2, 1)), Wm).transpose((0, 2, 1)) + grad_highway_x, dLdX, "pass")
    check(300, np.sum(grad_b, axis=(0, 2)), dLdB, "pass")
    gw = np.broadcast_to(grad_u[..., None, :], (bs,) + Wm.shape + (l,))
    check(302, gw[:, :, 0, :], grad_u, "pass")
    gw = np.sum(gw * X0[:, None, ...], axis=(0, 3))
    check(303, gw, dLdW, "pass")

print("all verdicts as expected:", sorted(results.items()))
