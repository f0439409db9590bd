# Finite-difference check of cmu_gru_cell.md (yijing-sie/RNN-and-LSTM, CMU 11-785 HW3P1 GRUCell).
# numpy only. Re-implements the author's forward (md L163-179) and backward (md L225-252) line by line.
# Test loss: L = sum(w * h_t) for a fixed random w, so delta = dL/dh_t = w (shape (1, h) as the handout passes it).
import numpy as np
np.random.seed(3)
d, h = 4, 5
P = {k: np.random.randn(h, d) for k in ['Wrx', 'Wzx', 'Wnx']}
P.update({k: np.random.randn(h, h) for k in ['Wrh', 'Wzh', 'Wnh']})
P.update({k: np.random.randn(h) for k in ['bir', 'biz', 'bin', 'bhr', 'bhz', 'bhn']})
x0 = np.random.randn(d); h0 = np.random.randn(h); w = np.random.randn(1, h)
sig = lambda v: 1 / (1 + np.exp(-v))                                    # md L35

def forward(P, x, hh):
    r = sig(P['Wrx'] @ x + P['Wrh'] @ hh + P['bir'] + P['bhr'])         # L163-166
    z = sig(P['Wzx'] @ x + P['Wzh'] @ hh + P['bhz'] + P['biz'])         # L167-170
    n11 = P['Wnh'] @ hh + P['bhn']                                      # L172-173
    n = np.tanh(r * n11 + P['Wnx'] @ x + P['bin'])                      # L171, L174-176
    return (1 - z) * n + z * hh, dict(r=r, z=z, n=n, n11=n11)           # L177-179

def backward(P, x, hidden, c, delta):                                   # as written, L225-252
    sder = lambda s: s * (1 - s)                                        # Sigmoid.derivative (md L39)
    tder = lambda s: 1 - s**2                                           # Tanh.derivative (md L64/L66)
    G = {}
    dz = delta * hidden; dh = delta * c['z']; dn = delta * (1 - c['z']); dz = dz - delta * c['n']
    dn_sum = dn * tder(c['n']); G['bin'] = dn_sum
    dr = dn_sum * c['n11']; dn11 = dn_sum * c['r']; G['bhn'] = dn11
    dh = dh + dn11 @ P['Wnh']
    G['Wnh'] = dn11.reshape(h, 1) @ hidden.reshape(1, h); G['Wnx'] = dn_sum.reshape(h, 1) @ x.reshape(1, d)
    dx = dn_sum @ P['Wnx']
    dz_sum = dz * sder(c['z']); G['bhz'] = dz_sum; G['biz'] = dz_sum
    G['Wzh'] = dz_sum.reshape(h, 1) @ hidden.reshape(1, h); dh += dz_sum @ P['Wzh']
    G['Wzx'] = dz_sum.reshape(h, 1) @ x.reshape(1, d); dx += dz_sum @ P['Wzx']
    dr_sum = dr * sder(c['r']); G['bhr'] = dr_sum; G['bir'] = dr_sum
    G['Wrh'] = dr_sum.reshape(h, 1) @ hidden.reshape(1, h); dh += dr_sum @ P['Wrh']
    G['Wrx'] = dr_sum.reshape(h, 1) @ x.reshape(1, d); dx += dr_sum @ P['Wrx']
    return dx.reshape(1, d), dh, G

def L(P, x, hh): return float(np.sum(w * forward(P, x, hh)[0]))
def rel(a, b): a, b = np.ravel(a), np.ravel(b); return np.max(np.abs(a-b)) / max(1e-12, np.max(np.abs(a))+np.max(np.abs(b)))
def ok(r): return 'AGREE' if r < 1e-7 else 'DISAGREE'
ht, c = forward(P, x0, h0)
dx, dh, G = backward(P, x0, h0, c, w)
eps = 1e-6
for k in P:
    g = np.zeros_like(P[k])
    for idx in np.ndindex(g.shape):
        old = P[k][idx]; P[k][idx] = old+eps; lp = L(P, x0, h0); P[k][idx] = old-eps; lm = L(P, x0, h0); P[k][idx] = old
        g[idx] = (lp-lm)/(2*eps)
    print(f'd{k}: {ok(rel(G[k], g))}')
gx = np.array([(L(P, x0+eps*np.eye(d)[i], h0) - L(P, x0-eps*np.eye(d)[i], h0))/(2*eps) for i in range(d)])
gh = np.array([(L(P, x0, h0+eps*np.eye(h)[i]) - L(P, x0, h0-eps*np.eye(h)[i]))/(2*eps) for i in range(h)])
print('dx (L237, L244, L251):', ok(rel(dx, gx)))
print('dh (L226, L234, L242, L249):', ok(rel(dh, gh)))
# intermediate rows: FD w.r.t. the gate values / pre-activations by perturbing them inside the forward
def L_from(r=None, z=None, nsum_shift=None):
    r_ = c['r'] if r is None else r; z_ = c['z'] if z is None else z
    nsum = r_ * c['n11'] + P['Wnx'] @ x0 + P['bin'] + (0 if nsum_shift is None else nsum_shift)
    return float(np.sum(w * ((1 - z_) * np.tanh(nsum) + z_ * h0)))
E = np.eye(h)
dz_fd = np.array([(L_from(z=c['z']+eps*E[i]) - L_from(z=c['z']-eps*E[i]))/(2*eps) for i in range(h)])
dr_fd = np.array([(L_from(r=c['r']+eps*E[i]) - L_from(r=c['r']-eps*E[i]))/(2*eps) for i in range(h)])
dns_fd = np.array([(L_from(nsum_shift=eps*E[i]) - L_from(nsum_shift=-eps*E[i]))/(2*eps) for i in range(h)])
dz_a = w*h0 - w*c['n']; dn_sum_a = w*(1-c['z'])*(1-c['n']**2); dr_a = dn_sum_a*c['n11']
print('dz (L225, L228) = dL/dz:', ok(rel(dz_a, dz_fd)))
print('dn_sum (L227, L229) = dL/dnsum:', ok(rel(dn_sum_a, dns_fd)))
print('dr (L231) = dL/dr:', ok(rel(dr_a, dr_fd)))
