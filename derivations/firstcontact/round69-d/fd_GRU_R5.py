"""Finite-difference check of the GRU of note GRU_R5.py (search-index file id 69051151377).

Forward as in the source (single sequence, row vectors, x @ W, h @ U; reset applied AFTER U_h:
h_tilde = tanh(x W_h + r * (h U_h) + b_h); h_new = z*h + (1-z)*h_tilde; out_t = h_new W_out + b_out).
Loss L = sum_t g_t * out_t with fixed random g (so dL_dy = g), and the training case g = 0 except the last.
The author's backward is run as written; FIX flags replace single lines by the correct expression.
"""
import numpy as np

rng = np.random.default_rng(1)
T, D, H = 5, 3, 4
names = ['W_r', 'U_r', 'b_r', 'W_z', 'U_z', 'b_z', 'W_h', 'U_h', 'b_h', 'W_out', 'b_out']
P0 = dict(W_r=rng.normal(0, .6, (D, H)), U_r=rng.normal(0, .6, (H, H)), b_r=rng.normal(0, .3, H),
          W_z=rng.normal(0, .6, (D, H)), U_z=rng.normal(0, .6, (H, H)), b_z=rng.normal(0, .3, H),
          W_h=rng.normal(0, .6, (D, H)), U_h=rng.normal(0, .6, (H, H)), b_h=rng.normal(0, .3, H),
          W_out=rng.normal(0, .6, (H, 1)), b_out=np.array(0.3))
X = rng.normal(0, 1, (T, D))
sigmoid = lambda x: 1.0 / (1.0 + np.exp(-x))


def forward(P):
    h = np.zeros(H); outs = np.zeros(T); C = {"r": [], "z": [], "h_tilde": [], "h": []}
    for t in range(T):
        x = X[t]
        r = sigmoid(x @ P['W_r'] + h @ P['U_r'] + P['b_r'])                 # line 45
        z = sigmoid(x @ P['W_z'] + h @ P['U_z'] + P['b_z'])                 # line 46
        ht = np.tanh(x @ P['W_h'] + r * (h @ P['U_h']) + P['b_h'])          # line 47
        hn = z * h + (1 - z) * ht                                           # line 48
        outs[t] = float((hn @ P['W_out']).flatten()[0] + P['b_out'])        # line 49
        C["r"].append(r); C["z"].append(z); C["h_tilde"].append(ht); C["h"].append(hn)
        h = hn
    return outs, C


def backward(P, g, fix):
    _, C = forward(P)
    G = {k: np.zeros_like(P[k], dtype=float) for k in names}
    dh_next = np.zeros(H)
    for t in range(T - 1, -1, -1):
        x = X[t]
        h_prev = C["h"][t-1] if t > 0 else np.zeros(H)                      # line 80
        r, z, ht, hn = C["r"][t], C["z"][t], C["h_tilde"][t], C["h"][t]
        dy = g[t]
        G['W_out'] += np.outer(hn, np.array([dy]))                          # line 87
        G['b_out'] += dy                                                    # line 88
        dh = dy * P['W_out'].flatten() + dh_next                            # line 89
        dz = dh * (h_prev - ht) if fix['dz'] else dh * (ht - h_prev)        # line 91
        dht = dh * (1 - z)                                                  # line 92
        if fix['dr']:
            dr = dht * (1 - ht**2) * (h_prev @ P['U_h'])
        else:                                                               # line 93 as written
            dr = dht * (np.tanh(x @ P['W_h'] + h_prev @ P['U_h'] + P['b_h']) *
                        (1 - np.tanh(x @ P['W_h'] + r * (h_prev @ P['U_h']) + P['b_h'])**2))
        dz_pre = dz * z * (1 - z)                                           # line 95
        dr_pre = dr * r * (1 - r)                                           # line 96
        dht_pre = dht * (1 - np.tanh(x @ P['W_h'] + r * (h_prev @ P['U_h']) + P['b_h'])**2)  # line 97
        G['W_z'] += np.outer(x, dz_pre)                                     # line 100
        G['U_z'] += np.outer(h_prev, dz_pre)                                # line 101
        G['b_z'] += dz_pre                                                  # line 102
        G['W_r'] += np.outer(x, dr_pre)                                     # line 103
        G['U_r'] += np.outer(h_prev, dr_pre)                                # line 104
        G['b_r'] += dr_pre                                                  # line 105
        G['W_h'] += np.outer(x, dht_pre)                                    # line 106
        G['U_h'] += np.outer(h_prev, r * dht_pre) if fix['dUh'] else np.outer(r * h_prev, dht_pre)  # line 107
        G['b_h'] += dht_pre                                                 # line 108
        dh_next = (dz_pre @ P['U_z'].T) + (dr_pre @ P['U_r'].T) + (dht_pre * r) @ P['U_h'].T  # line 110
        if fix['dhz']:
            dh_next = dh_next + dh * z
    return G


def num(g):
    eps = 1e-6; N = {}
    L = lambda P: float(np.sum(g * forward(P)[0]))
    for k in names:
        N[k] = np.zeros_like(P0[k], dtype=float)
        for idx in np.ndindex(np.shape(P0[k])):
            Pp = {a: np.array(b, dtype=float, copy=True) for a, b in P0.items()}
            Pm = {a: np.array(b, dtype=float, copy=True) for a, b in P0.items()}
            Pp[k][idx] += eps; Pm[k][idx] -= eps
            N[k][idx] = (L(Pp) - L(Pm)) / (2 * eps)
    return N


def report(title, g, fix):
    N = num(g); A = backward(P0, g, fix)
    print(f'--- {title}; fixes={[k for k, v in fix.items() if v]}')
    print('  ' + '  '.join(f'{k}:{"OK" if np.allclose(A[k], N[k], rtol=1e-5, atol=1e-8) else "DIFF"}' for k in names))


none = dict(dz=False, dr=False, dUh=False, dhz=False)
for label, g in [('dL_dy random at every t', rng.normal(0, 1, T)),
                 ('training case: only last step', np.r_[np.zeros(T - 1), 1.0])]:
    print('=====', label)
    report('as written', g, none)
    report('line 110 fixed (add dh*z)', g, dict(none, dhz=True))
    report('lines 110 + 91 fixed', g, dict(none, dhz=True, dz=True))
    report('lines 110 + 91 + 93 fixed', g, dict(none, dhz=True, dz=True, dr=True))
    report('all four fixed (110, 91, 93, 107)', g, dict(dz=True, dr=True, dUh=True, dhz=True))
    report('all but 107 fixed', g, dict(dz=True, dr=True, dUh=False, dhz=True))
    report('all but 93 fixed', g, dict(dz=True, dr=False, dUh=True, dhz=True))
    report('all but 91 fixed', g, dict(dz=False, dr=True, dUh=True, dhz=True))
    report('all but 110 fixed', g, dict(dz=True, dr=True, dUh=True, dhz=False))
# single-step check (T=1 effect): with h_prev = 0 at t=0 the wrong dr is still wrong because tanh(x W_h + b_h) != 0
