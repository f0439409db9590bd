"""Finite-difference check of gru_seq2seq_encdec.py (numpy only).

The author's forward and backward are re-implemented line by line.  Each
published error can be switched to its corrected form; with all corrections
on, the remaining (author's) lines must agree with finite differences, which
confirms the 'pass' rows.  Switching one correction off at a time must break
the agreement, which confirms each 'fail' row.
"""
import numpy as np

rng = np.random.default_rng(0)
E, H, V = 3, 4, 5
sig = lambda a: 1 / (1 + np.exp(-a))


def softmax(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


# ------------------------------------------------------------------ encoder
def enc_forward(P, xs):
    h = np.zeros(H)
    hl = []
    for x_t in xs:
        xh = np.concatenate([x_t, h])                      # line 26
        z = sig(xh @ P['W_z'] + P['b_z'])                  # line 27
        r = sig(xh @ P['W_r'] + P['b_r'])                  # line 28
        rh = r * h                                         # line 29
        xrh = np.concatenate([x_t, rh])                    # line 30
        h_hat = np.tanh(xrh @ P['W_h'] + P['b_h'])         # line 31
        h = (1 - z) * h + z * h_hat                        # line 32
        hl.append(h.copy())
    return hl


def enc_backward(P, xs, hl, dhs, fix_dhs=False, fix_dz0=False, fix_dhnext=False):
    G = {k: np.zeros_like(v) for k, v in P.items()}
    dh_next = np.zeros(H)
    T = len(xs)
    for t in reversed(range(T)):
        x = xs[t]
        h = hl[t]
        hp = hl[t - 1] if t > 0 else np.zeros_like(h)
        xh = np.concatenate([x, hp])                       # line 52
        z = sig(xh @ P['W_z'] + P['b_z'])                  # line 53
        r = sig(xh @ P['W_r'] + P['b_r'])                  # line 54
        rh = r * hp                                        # line 55
        xrh = np.concatenate([x, rh])                      # line 56
        h_hat = np.tanh(xrh @ P['W_h'] + P['b_h'])         # line 57
        if fix_dhs:
            dh = (dhs if t == T - 1 else 0) + dh_next
        else:
            dh = dhs + dh_next                             # line 59 (author)
        if fix_dz0:
            dz = dh * (h_hat - hp)
        else:
            dz = dh * (h_hat - hl[t - 1] if t > 0 else 0)  # line 60 (author)
        dh_hat = dh * z                                    # 61
        dh_hat_raw = (1 - h_hat ** 2) * dh_hat             # 62
        dxrh = dh_hat_raw @ P['W_h'].T                     # 63
        G['W_h'] += np.outer(xrh, dh_hat_raw)              # 64-65
        G['b_h'] += dh_hat_raw                             # 66
        drh = dxrh[len(x):]                                # 68
        dr = drh * (hl[t - 1] if t > 0 else 0)             # 69
        dr_raw = dr * r * (1 - r)                          # 70
        G['W_r'] += np.outer(xh, dr_raw)                   # 71-72
        G['b_r'] += dr_raw                                 # 73
        dz_raw = dz * z * (1 - z)                          # 75
        G['W_z'] += np.outer(xh, dz_raw)                   # 76-77
        G['b_z'] += dz_raw                                 # 78
        dh_next = dh * (1 - z) + drh * r                   # 80 (author)
        if fix_dhnext:
            dh_next = dh_next + (P['W_z'] @ dz_raw)[len(x):] + (P['W_r'] @ dr_raw)[len(x):]
    return G


def fd(f, P, eps=1e-6):
    G = {}
    for k, v in P.items():
        g = np.zeros_like(v)
        it = np.nditer(v, flags=['multi_index'])
        for _ in it:
            i = it.multi_index
            old = v[i]
            v[i] = old + eps; lp = f()
            v[i] = old - eps; lm = f()
            v[i] = old
            g[i] = (lp - lm) / (2 * eps)
        G[k] = g
    return G


def rel(a, b):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b)))


def report(name, G, N, keys):
    worst = max(rel(G[k], N[k]) for k in keys)
    print(f"  {name:58s} max rel err {worst:.2e}  -> {'AGREE' if worst < 1e-6 else 'DISAGREE'}")
    return worst


print("== Encoder (L = g . h_T, so the incoming gradient dhs = g belongs to the last step only)")
P = {'W_z': rng.normal(0, .6, (E + H, H)), 'W_r': rng.normal(0, .6, (E + H, H)),
     'W_h': rng.normal(0, .6, (E + H, H)), 'b_z': rng.normal(0, .3, H),
     'b_r': rng.normal(0, .3, H), 'b_h': rng.normal(0, .3, H)}
xs = [rng.normal(size=E) for _ in range(4)]
g = rng.normal(size=H)
N = fd(lambda: g @ enc_forward(P, xs)[-1], P)
hl = enc_forward(P, xs)
keys = list(P)
report("all three corrections (checks the pass rows 52-78)", enc_backward(P, xs, hl, g, True, True, True), N, keys)
report("author line 59 (dhs added at every step)", enc_backward(P, xs, hl, g, False, True, True), N, keys)
report("author line 60 (precedence: dz = 0 at t = 0)", enc_backward(P, xs, hl, g, True, False, True), N, keys)
report("author line 80 (dh_next without the gate terms)", enc_backward(P, xs, hl, g, True, True, False), N, keys)
report("author's code as written", enc_backward(P, xs, hl, g), N, keys)
Gt = enc_backward(P, xs, hl, g, True, False, True)
print("  line 60 alone: dW_z rows of x_0 differ? ",
      not np.allclose(Gt['W_z'], N['W_z'], atol=1e-7), "(b_z err %.2e)" % rel(Gt['b_z'], N['b_z']))
# one-step check of the line 80 Jacobian: T = 1 with nonzero h_prev is not reachable (h_0 = 0),
# so check dL/dh_{T-1} through the last step with the full sequence instead:
def loss_from_hprev(hp, x_t):
    xh = np.concatenate([x_t, hp]); z = sig(xh @ P['W_z'] + P['b_z']); r = sig(xh @ P['W_r'] + P['b_r'])
    hh = np.tanh(np.concatenate([x_t, r * hp]) @ P['W_h'] + P['b_h'])
    return g @ ((1 - z) * hp + z * hh)
hp = hl[-2]; x_t = xs[-1]
num = np.array([(loss_from_hprev(hp + e, x_t) - loss_from_hprev(hp - e, x_t)) / 2e-6 for e in np.eye(H) * 1e-6])
xh = np.concatenate([x_t, hp]); z = sig(xh @ P['W_z'] + P['b_z']); r = sig(xh @ P['W_r'] + P['b_r'])
hh = np.tanh(np.concatenate([x_t, r * hp]) @ P['W_h'] + P['b_h'])
dh = g; dz = dh * (hh - hp); dhr = (1 - hh ** 2) * dh * z; drh = (dhr @ P['W_h'].T)[E:]
dr_raw = drh * hp * r * (1 - r); dz_raw = dz * z * (1 - z)
auth = dh * (1 - z) + drh * r
full = auth + (P['W_z'] @ dz_raw)[E:] + (P['W_r'] @ dr_raw)[E:]
print(f"  line 80 one step: author rel err {rel(auth, num):.2e}, with gate terms {rel(full, num):.2e}")

print("\n== Decoder (W_q = 0 so that attention does not depend on h; context is then a constant)")
E = H  # xc = x + context @ W_ah needs embed_size == hidden_size
D = {'W_z': rng.normal(0, .6, (E + H, H)), 'W_r': rng.normal(0, .6, (E + H, H)),
     'W_h': rng.normal(0, .6, (E + H, H)), 'b_z': rng.normal(0, .3, H),
     'b_r': rng.normal(0, .3, H), 'b_h': rng.normal(0, .3, H),
     'W_ah': rng.normal(0, .6, (H, H)), 'W_hy': rng.normal(0, .6, (H, V)), 'b_y': rng.normal(0, .3, V),
     'h0': rng.normal(0, .5, H)}
W_q = np.zeros((H, H)); W_k = rng.normal(size=(H, H)); W_v = rng.normal(size=(H, H))
emb = rng.normal(size=(V, E))
enc_out = np.array([rng.normal(size=H) for _ in range(3)])
y_seq = [0, 3, 1, 4, 2]


def attention(h):
    Q = h @ W_q; Ks = enc_out @ W_k.T; Vs = enc_out @ W_v.T                       # 115-117
    w = softmax(Ks @ Q / np.sqrt(Ks.shape[1]))                                  # 118-119
    return np.sum(w[:, None] * Vs, axis=0)                                      # 120


def dec_forward(D):
    h = D['h0'].copy(); loss = 0; outs = []
    for t in range(len(y_seq) - 1):
        x = emb[y_seq[t]]; tgt = y_seq[t + 1]
        context = attention(h)                                                  # 134
        xc = x + context @ D['W_ah']                                            # 135
        xh = np.concatenate([xc, h])                                            # 137
        z = sig(xh @ D['W_z'] + D['b_z']); r = sig(xh @ D['W_r'] + D['b_r'])    # 138-139
        rh = r * h; xrh = np.concatenate([xc, rh])                              # 140-141
        h_hat = np.tanh(xrh @ D['W_h'] + D['b_h'])                              # 142
        hprev = h
        h = (1 - z) * h + z * h_hat                                             # 143
        y_pred = h @ D['W_hy'] + D['b_y']                                       # 145
        loss += -np.log(softmax(y_pred)[tgt])                                   # 146-147 (1e-8 dropped)
        outs.append((x, context, xc, xh, r, rh, xrh, z, h_hat, h.copy(), y_pred, tgt, hprev))
    return loss, outs


def dec_backward(D, outs, fix_dz=False, fix_dr=False, fix_dhnext=False, fix_dWah=False):
    G = {k: np.zeros_like(v) for k, v in D.items()}
    dh_next = np.zeros(H)
    for t in reversed(range(len(outs))):
        x, context, xc, xh, r, rh, xrh, z, h_hat, h, y_pred, tgt, hprev = outs[t]
        dy = softmax(y_pred); dy[tgt] -= 1                                      # 173-174
        G['W_hy'] += np.outer(h, dy); G['b_y'] += dy                            # 175-176
        dh = dy @ D['W_hy'].T + dh_next                                         # 177
        dz = dh * (h_hat - (hprev if fix_dz else h))                            # 179
        dh_hat = dh * z                                                         # 180
        dh_hat_raw = (1 - h_hat ** 2) * dh_hat                                  # 181
        G['W_h'] += np.outer(xrh, dh_hat_raw); G['b_h'] += dh_hat_raw           # 182-183
        dxrh = dh_hat_raw @ D['W_h'].T                                          # 184
        drh = dxrh[len(x):]                                                     # 185
        dr = drh * (hprev if fix_dr else h)                                     # 186
        dr_raw = dr * r * (1 - r)                                               # 187
        G['W_r'] += np.outer(xh, dr_raw); G['b_r'] += dr_raw                    # 188-189
        dz_raw = dz * z * (1 - z)                                               # 190
        G['W_z'] += np.outer(xh, dz_raw); G['b_z'] += dz_raw                    # 191-192
        dh_next = dh * (1 - z) + drh * r                                        # 193
        if fix_dhnext:
            dh_next = dh_next + (D['W_z'] @ dz_raw)[len(x):] + (D['W_r'] @ dr_raw)[len(x):]
        if fix_dWah:
            dxc = dxrh[:len(x)] + (D['W_z'] @ dz_raw)[:len(x)] + (D['W_r'] @ dr_raw)[:len(x)]
            G['W_ah'] += np.outer(context, dxc)
        else:
            G['W_ah'] += np.outer(context, xc - x)                              # 196
    G['h0'] = dh_next                                                           # returned dh_next
    return G


N = fd(lambda: dec_forward(D)[0], D)
_, outs = dec_forward(D)
gk = ['W_z', 'W_r', 'W_h', 'b_z', 'b_r', 'b_h', 'W_hy', 'b_y', 'h0']
report("W_hy, b_y (rows 173-176)", dec_backward(D, outs), N, ['W_hy', 'b_y'])
report("all corrections (checks pass rows 177-192)", dec_backward(D, outs, True, True, True, True), N, gk + ['W_ah'])
report("author line 179 (dz uses h_t instead of h_{t-1})", dec_backward(D, outs, False, True, True, True), N, gk)
report("author line 186 (dr uses h_t instead of h_{t-1})", dec_backward(D, outs, True, False, True, True), N, gk)
report("author line 193 (dh_next without the gate terms)", dec_backward(D, outs, True, True, False, True), N, gk)
report("author line 196 (dW_ah += outer(context, xc - x))", dec_backward(D, outs, True, True, True, False), N, ['W_ah'])
report("author's decoder as written", dec_backward(D, outs), N, gk + ['W_ah'])
