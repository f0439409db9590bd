"""FD check of sharkovsky.github.io, post 2017-06-12 'A naive explanation of backprop through time'.

Scalar part: two stacked scalar recurrent layers with sigmoid, no biases,
    z^1_n = Sw1 x_n + Tw1 h^1_{n-1},  h^1_n = sig(z^1_n)
    z^2_n = Sw2 h^1_n + Tw2 h^2_{n-1}, h^2_n = sig(z^2_n),  y_n = h^2_n
with arbitrary h^1_0, h^2_0 and cost C(y_N) = 0.5 (y_N - target)^2, N = 4.
Ellipses in the nested expressions are read as continuing the written pattern down to
timestep 1 (N = 4 makes every written term exist).  d/dw are total derivatives.
Vector part: L = 2 recurrent layers (sizes 3 -> 4 -> 3), sigmoid, no biases, per-step cost
C = sum_n g_n . h^L_n, so S-delta^{L+1}_n = g_n and T-delta^l_{N+1} = 0.
Line numbers are those of sharkovsky_naive_bptt_blog.md (= post line + 1).
"""
import numpy as np

rng = np.random.default_rng(5)
N = 4
sig = lambda a: 1 / (1 + np.exp(-a))
ds = lambda a: sig(a) * (1 - sig(a))
P0 = dict(Sw1=0.9, Tw1=-0.7, Sw2=1.1, Tw2=0.8)
x = np.concatenate([[0.0], rng.normal(size=N)])
h10, h20, tgt = 0.3, -0.4, 0.2
EPS = 1e-6


def fwd(Sw1=P0['Sw1'], Tw1=P0['Tw1'], Sw2=P0['Sw2'], Tw2=P0['Tw2']):
    h1 = np.zeros(N + 1); h2 = np.zeros(N + 1); z1 = np.zeros(N + 1); z2 = np.zeros(N + 1)
    h1[0], h2[0] = h10, h20
    for n in range(1, N + 1):
        z1[n] = Sw1 * x[n] + Tw1 * h1[n - 1]; h1[n] = sig(z1[n])
        z2[n] = Sw2 * h1[n] + Tw2 * h2[n - 1]; h2[n] = sig(z2[n])
    return dict(h1=h1, h2=h2, z1=z1, z2=z2, y=h2[N], C=0.5 * (h2[N] - tgt) ** 2)


def D(q, p):
    return (q(fwd(**{p: P0[p] + EPS})) - q(fwd(**{p: P0[p] - EPS}))) / (2 * EPS)


close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, atol=1e-7, rtol=1e-6)


def rep(line, ok, note=''):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}" + (f"   ({note})" if note else ''))


F = fwd(); h1, h2, z1, z2 = F['h1'], F['h2'], F['z1'], F['z2']
Sw1, Tw1, Sw2, Tw2 = P0['Sw1'], P0['Tw1'], P0['Sw2'], P0['Tw2']
dCdy = F['y'] - tgt

# ---------------- forward ----------------
rep(115, close(h1[1], sig(Sw1 * x[1] + Tw1 * h10)))
rep(116, close(h2[1], sig(Sw2 * h1[1] + Tw2 * h20)))
rep(117, True, 'definition y_1 = h^2_1')
rep(125, close(h1[2], sig(Sw1 * x[2] + Tw1 * h1[1])))
rep(126, close(h2[2], sig(Sw2 * h1[2] + Tw2 * h2[1])))
rep(127, True, 'definition y_2 = h^2_2')
rep(135, close(h1[2], sig(Sw1 * x[2] + Tw1 * sig(Sw1 * x[1] + Tw1 * h10))))
r136a = sig(Sw2 * sig(h1[2]) + Tw2 * sig(Sw2 * h1[1] + Tw2 * h20))   # "sigma h^1_2" read as sigma(h^1_2)
r136b = sig(Sw2 * h1[2] + Tw2 * sig(Sw2 * h1[1] + Tw2 * h20))        # without the stray sigma
rep(136, close(h2[2], r136a), f'stray sigma: {r136a:.6g} vs h^2_2 = {h2[2]:.6g}; without it {r136b:.6g}')
rep(137, True, 'y_2 = h^2_2')


def nest1(n):   # h^1_n = sig(Sw1 x_n + Tw1 sig(Sw1 x_{n-1} + ... Tw1 h^1_0))
    return h10 if n == 0 else sig(Sw1 * x[n] + Tw1 * nest1(n - 1))


def nest2(n):   # h^2_n = sig(Sw2 h^1_n + Tw2 sig(Sw2 h^1_{n-1} + ... Tw2 h^2_0))
    return h20 if n == 0 else sig(Sw2 * h1[n] + Tw2 * nest2(n - 1))


rep(148, close(h1[N], nest1(N)))
rep(149, close(h2[N], nest2(N)))
rep(150, True, 'y_N = h^2_N')

rep(161, close(F['C'], 0.5 * (F['y'] - tgt) ** 2), 'cost C = C(y) (here 0.5 (y - target)^2)')

# ---------------- dC/dTw2 ----------------
fdC_Tw2 = D(lambda r: r['C'], 'Tw2')
rep(166, close(fdC_Tw2, dCdy * D(lambda r: r['y'], 'Tw2')))
dz2N_Tw2 = D(lambda r: r['z2'][N], 'Tw2')
rep(167, close(fdC_Tw2, dCdy * ds(z2[N]) * dz2N_Tw2))
rep(180, close(dz2N_Tw2, D(lambda r: r['z2'][N] - Sw2 * r['h1'][N], 'Tw2')), 'Sw2 h^1_N does not depend on Tw2')
# 190: d[Tw2 sigma(z2_{N-1})]/dTw2 = sigma(z2_{N-1}) + Tw2 d sigma(z2_{N-1})/dTw2
lhs = (fwd(Tw2=Tw2 + EPS)['h2'][N - 1] * (Tw2 + EPS) - fwd(Tw2=Tw2 - EPS)['h2'][N - 1] * (Tw2 - EPS)) / (2 * EPS)
rep(190, close(lhs, h2[N - 1] + Tw2 * D(lambda r: r['h2'][N - 1], 'Tw2')), 'product rule')


def a2(k):   # dz^2_k/dTw2 by the written pattern: sigma(z^2_{k-1}) + Tw2 sigma'(z^2_{k-1}) ( ... )
    return h20 if k == 1 else h2[k - 1] + Tw2 * ds(z2[k - 1]) * a2(k - 1)


r202 = dCdy * ds(z2[N]) * a2(N)
lit = dCdy * ds(z2[N]) * (h2[N - 1] + Tw2 * ds(z2[N - 1]) * (h2[N - 2] + Tw2 * ds(z2[N - 2]) * (h2[N - 3] + ds(z2[1]) * h20)))
rep(202, close(fdC_Tw2, r202), f'ellipses read as the pattern; literal last term without Tw2 would give {lit:.6g} vs {fdC_Tw2:.6g}')


def a2shift(k):   # the author's 'substituted back' form: h^2_k where h^2_{k-1} is meant
    return h20 if k == 1 else h2[k] + Tw2 * ds(z2[k - 1]) * a2shift(k - 1)


r213 = dCdy * ds(z2[N]) * a2shift(N)
rep(213, close(fdC_Tw2, r213), f'h^2_N (and h^2_(N-1), ...) should be h^2_(N-1) (h^2_(N-2), ...): {r213:.6g} vs {fdC_Tw2:.6g}')

# ---------------- dC/dTw1 ----------------
fdC_Tw1 = D(lambda r: r['C'], 'Tw1')
rep(221, close(fdC_Tw1, dCdy * D(lambda r: r['y'], 'Tw1')))
dz2N_Tw1 = D(lambda r: r['z2'][N], 'Tw1')
rep(222, close(fdC_Tw1, dCdy * ds(z2[N]) * dz2N_Tw1))
rep(228, close(dz2N_Tw1, D(lambda r: Sw2 * r['h1'][N] + Tw2 * r['h2'][N - 1], 'Tw1')), 'restates z^2_N')
dh1 = lambda k: D(lambda r: r['h1'][k], 'Tw1')
dh2 = lambda k: D(lambda r: r['h2'][k], 'Tw1')
rep(235, close(dz2N_Tw1, Sw2 * dh1(N) + Tw2 * dh2(N - 1)))
rep(246, close(dh1(N), D(lambda r: r['h1'][N], 'Tw1')), 'restates h^1_N')
rep(247, close(dh1(N), ds(z1[N]) * (h1[N - 1] + Tw1 * dh1(N - 1))))
rep(255, close(fdC_Tw1, dCdy * ds(z2[N]) * (Sw2 * ds(z1[N]) * (h1[N - 1] + Tw1 * dh1(N - 1)) + Tw2 * dh2(N - 1))))


def A1(k):    # dh^1_k/dTw1 = sigma'(z^1_k)(h^1_{k-1} + Tw1 A1(k-1)),  A1(0) = 0
    return 0.0 if k == 0 else ds(z1[k]) * (h1[k - 1] + Tw1 * A1(k - 1))


def B2(k):    # dh^2_k/dTw1 = sigma'(z^2_k)(Sw2 A1(k) + Tw2 B2(k-1)),  B2(0) = 0
    return 0.0 if k == 0 else ds(z2[k]) * (Sw2 * A1(k) + Tw2 * B2(k - 1))


r256 = dCdy * ds(z2[N]) * (Sw2 * A1(N) + Tw2 * B2(N - 1))
rep(256, close(fdC_Tw1, r256), 'fully expanded form, ellipses read as the pattern')
# 267-271: grouped by h^1_*; true coefficient of h^1_{k-1} is dy_N/dz^1_k
def dy_dz1(k):
    eps = 1e-6
    def run(delta):
        hh1, hh2 = h10, h20
        for n in range(1, N + 1):
            zz1 = Sw1 * x[n] + Tw1 * hh1 + (delta if n == k else 0); hh1 = sig(zz1)
            hh2 = sig(Sw2 * hh1 + Tw2 * hh2)
        return hh2
    return (run(eps) - run(-eps)) / (2 * eps)
d2, d1 = ds(z2), ds(z1)
cA1 = d2[N] * Sw2 * d1[N]
cA2 = d2[N] * Sw2 * d1[N] * Tw1 * d1[N - 1] + d2[N] * Tw2 * d2[N - 1] * Sw2 * d1[N - 1]
cA3 = (d2[N] * Sw2 * d1[N] * Tw1 * d1[N - 1] * Tw1 * d1[N - 2]
       + d2[N] * Tw2 * d2[N - 1] * Sw2 * d1[N - 1] * Tw1 * d1[N - 2]
       + d2[N] * Tw2 * d2[N - 2] * Sw2 * d1[N - 2])
cT3 = dy_dz1(N - 2)
print(f'  (info) coefficient of h^1_(N-1): {cA1:.6g} vs {dy_dz1(N):.6g}; of h^1_(N-2): {cA2:.6g} vs {dy_dz1(N - 1):.6g}; of h^1_(N-3): {cA3:.6g} vs {cT3:.6g}')
missing = d2[N] * Tw2 * d2[N - 1] * Tw2 * d2[N - 2] * Sw2 * d1[N - 2]
print('  (info) with the third term multiplied by Tw2 sigma\'(z^2_(N-1)) the coefficient matches:',
      close(cA3 - d2[N] * Tw2 * d2[N - 2] * Sw2 * d1[N - 2] + missing, cT3))
ok267 = close(cA1, dy_dz1(N)) and close(cA2, dy_dz1(N - 1)) and close(cA3, cT3)
rep(267, ok267, 'third term of the h^1_(N-3) coefficient lacks Tw2 sigma\'(z^2_(N-1))')

# ---------------- vector notation (lines 295-299) ----------------
sizes = [3, 4, 3]; Lyr = 2
SW = [None] + [rng.normal(size=(sizes[l], sizes[l - 1])) * 0.8 for l in range(1, Lyr + 1)]
TW = [None] + [rng.normal(size=(sizes[l], sizes[l])) * 0.8 for l in range(1, Lyr + 1)]
X = rng.normal(size=(N + 1, sizes[0])); H0 = [None] + [rng.normal(size=sizes[l]) * 0.5 for l in range(1, Lyr + 1)]
g = rng.normal(size=(N + 1, sizes[Lyr]))


def vfwd(SW=SW, TW=TW, X=X, zoff=None):
    Hs = {(0, n): X[n] for n in range(1, N + 1)}; Zs = {}
    for l in range(1, Lyr + 1):
        Hs[(l, 0)] = H0[l]
    for n in range(1, N + 1):
        for l in range(1, Lyr + 1):
            Zs[(l, n)] = SW[l] @ Hs[(l - 1, n)] + TW[l] @ Hs[(l, n - 1)] + (zoff.get((l, n), 0) if zoff else 0)
            Hs[(l, n)] = sig(Zs[(l, n)])
    return Hs, Zs, sum(g[n] @ Hs[(Lyr, n)] for n in range(1, N + 1))


Hs, Zs, Cv = vfwd()
rep(91, all(close(Zs[(l, n)], SW[l] @ Hs[(l - 1, n)] + TW[l] @ Hs[(l, n - 1)]) for l in (1, 2) for n in range(1, N + 1)))
rep(92, all(close(Hs[(l, n)], sig(Zs[(l, n)])) for l in (1, 2) for n in range(1, N + 1)))


def ngv(fun, a0):
    gg = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += EPS; am = a0.copy(); am[idx] -= EPS
        gg[idx] = (fun(ap) - fun(am)) / (2 * EPS)
    return gg


# author's algorithm
dSW = [None] + [np.zeros_like(SW[l]) for l in (1, 2)]; dTW = [None] + [np.zeros_like(TW[l]) for l in (1, 2)]
Sd = {(Lyr + 1, n): g[n] for n in range(1, N + 1)}; Td = {}
delta_at = {}; err_at = {}
for l in range(Lyr, 0, -1):
    Td[(l, N + 1)] = np.zeros(sizes[l])
    for n in range(N, 0, -1):
        delta = Td[(l, n + 1)] + Sd[(l + 1, n)]
        delta_at[(l, n)] = delta
        e = delta * ds(Zs[(l, n)]); err_at[(l, n)] = e
        dSW[l] = dSW[l] + np.outer(e, Hs[(l - 1, n)])
        dTW[l] = dTW[l] + np.outer(e, Hs[(l, n - 1)])
        Sd[(l, n)] = SW[l].T @ e
        Td[(l, n)] = TW[l].T @ e


def dC_dh(l, n):   # total dC/dh^l_n via an additive offset on h (through the next z's)
    def f(v):
        # recompute the network with h^l_n replaced by v
        Hh = {(0, k): X[k] for k in range(1, N + 1)}
        for ll in range(1, Lyr + 1):
            Hh[(ll, 0)] = H0[ll]
        for k in range(1, N + 1):
            for ll in range(1, Lyr + 1):
                Hh[(ll, k)] = v if (ll, k) == (l, n) else sig(SW[ll] @ Hh[(ll - 1, k)] + TW[ll] @ Hh[(ll, k - 1)])
        return sum(g[k] @ Hh[(Lyr, k)] for k in range(1, N + 1))
    return ngv(f, Hs[(l, n)].copy())


rep(295, all(close(delta_at[(l, n)], dC_dh(l, n)) for l in (1, 2) for n in range(1, N + 1)), 'delta = total dC/dh^l_n')
rep(296, all(close(dSW[l], ngv(lambda a: vfwd(SW=[None] + [a if ll == l else SW[ll] for ll in (1, 2)])[2], SW[l])) for l in (1, 2)))
rep(297, all(close(dTW[l], ngv(lambda a: vfwd(TW=[None] + [a if ll == l else TW[ll] for ll in (1, 2)])[2], TW[l])) for l in (1, 2)))
ok298 = all(close(Sd[(1, n)], ngv(lambda a: vfwd(X=np.vstack([X[:n], a[None], X[n + 1:]]))[2], X[n].copy())) for n in range(1, N + 1))
ok298 = ok298 and all(close(err_at[(l, n)], ngv(lambda a: vfwd(zoff={(l, n): a})[2], np.zeros(sizes[l]))) for l in (1, 2) for n in range(1, N + 1))
rep(298, ok298, 'S-delta^1_n = dC/dx_n; bracket = dC/dz^l_n')
rep(299, all(close(Td[(l, n)], TW[l].T @ ngv(lambda a: vfwd(zoff={(l, n): a})[2], np.zeros(sizes[l]))) for l in (1, 2) for n in range(1, N + 1)),
    'T-delta^l_n = part of dC/dh^l_(n-1) through z^l_n')
