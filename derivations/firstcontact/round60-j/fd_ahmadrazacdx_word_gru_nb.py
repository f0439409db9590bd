"""FD check for ahmadrazacdx_word_gru_nb.md (word-level GRU notebook, PyTorch-style interpolation,
reset gate applied after W_hh h_{t-1}). numpy only, float64, deterministic."""
import numpy as np

rng = np.random.default_rng(60)
H, E, V, T = 4, 3, 6, 4
hidden_size = H
epsilon = 1e-8
P0 = dict(Wemb=rng.normal(0, .8, (V, E)), Wu=rng.normal(0, .6, (H, H + E)), Wr=rng.normal(0, .6, (H, H + E)),
          Wh=rng.normal(0, .6, (H, H + E)), Wy=rng.normal(0, .6, (V, H)), bu=rng.normal(0, .3, (H, 1)),
          br=rng.normal(0, .3, (H, 1)), bh=rng.normal(0, .3, (H, 1)), by=rng.normal(0, .3, (V, 1)))
inputs = [1, 3, 1, 4]          # repeated word 1 -> embedding accumulation
targets = [3, 1, 4, 2]
h0 = rng.normal(0, .5, (H, 1))
sig = lambda z: 1 / (1 + np.exp(-z))
def softmax(z):
    e = np.exp(z - np.max(z)); return e / e.sum(axis=0, keepdims=True)

def run(P, pert=None, tmin=0):
    """Reference forward (the model of the LaTeX forward rows). pert[(name,t)] is added to a node.
    'h_in_zu','h_in_zr','h_in_zh','h_in_dir' perturb h_{t-1} only where it enters that path of step t.
    Loss counts only steps t >= tmin."""
    pert = pert or {}
    g = lambda k, t, shape: pert.get((k, t), np.zeros(shape))
    Whh, Whx = P['Wh'][:, :H], P['Wh'][:, H:]
    h = h0.copy(); L = 0.0; c = {'h': {-1: h0.copy()}}
    for t in range(T):
        h = h + g('h', t - 1, (H, 1)) if t > 0 else h + g('h', -1, (H, 1))
        e = P['Wemb'][inputs[t]].reshape(-1, 1)
        zu = P['Wu'] @ np.vstack([h + g('h_in_zu', t, (H, 1)), e]) + P['bu'] + g('zu', t, (H, 1))
        u = sig(zu) + g('u', t, (H, 1))
        zr = P['Wr'] @ np.vstack([h + g('h_in_zr', t, (H, 1)), e]) + P['br'] + g('zr', t, (H, 1))
        r = sig(zr) + g('r', t, (H, 1))
        zh = Whx @ e + r * (Whh @ (h + g('h_in_zh', t, (H, 1)))) + P['bh'] + g('zh', t, (H, 1))
        ht_ = np.tanh(zh) + g('cht', t, (H, 1))
        hn = (1 - u) * ht_ + u * (h + g('h_in_dir', t, (H, 1)))
        y = P['Wy'] @ (hn + g('h', t, (H, 1))) + P['by'] + g('y', t, (V, 1))
        p = softmax(y)
        if t >= tmin:
            L += -np.log(p[targets[t], 0] + epsilon)
        for k, v in dict(e=e, zu=zu, u=u, zr=zr, r=r, zh=zh, cht=ht_, p=p, y=y).items():
            c.setdefault(k, {})[t] = v
        c['h'][t] = hn
        h = hn
    return L, c

def fd_node(name, t, shape, tmin=0, P=P0, eps=1e-6):
    gr = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = eps
        gr[idx] = (run(P, {(name, t): d}, tmin)[0] - run(P, {(name, t): -d}, tmin)[0]) / (2 * eps)
    return gr

def fd_param(k, eps=1e-6):
    gr = np.zeros_like(P0[k])
    for idx in np.ndindex(*P0[k].shape):
        Pp = {a: b.copy() for a, b in P0.items()}; Pm = {a: b.copy() for a, b in P0.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        gr[idx] = (run(Pp)[0] - run(Pm)[0]) / (2 * eps)
    return gr

ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
L, C = run(P0)

# ---- author's forward code (gru + forward), verbatim formulas ----
Wemb, Wu, Wr, Wh, Wy, bu, br, bh, by = (P0[k] for k in ['Wemb', 'Wu', 'Wr', 'Wh', 'Wy', 'bu', 'br', 'bh', 'by'])
sigmoid = sig
def gru(h_prev, word_idx):
    et = Wemb[word_idx].reshape(-1, 1)
    zt = np.concatenate((h_prev, et), axis=0)
    zu = np.dot(Wu, zt) + bu
    ut = sigmoid(zu)
    zr = np.dot(Wr, zt) + br
    rt = sigmoid(zr)
    Wh_h = Wh[:, :hidden_size]
    Wh_x = Wh[:, hidden_size:]
    zcht = np.dot(Wh_x, et) + rt * np.dot(Wh_h, h_prev) + bh
    cht = np.tanh(zcht)
    ht = (1-ut) * cht + ut * h_prev
    yt = np.dot(Wy, ht) + by
    return et, ut, rt, cht, ht, yt
def forward(inputs, targets, h_prev):
    et, ut, rt, cht, ht, yt, probt = {}, {}, {}, {}, {}, {}, {}
    ht[-1] = np.copy(h_prev)
    loss = 0
    for t in range(len(inputs)):
        word_idx = inputs[t]
        et[t], ut[t], rt[t], cht[t], ht[t], yt[t] = gru(ht[t-1], word_idx)
        probt[t] = softmax(yt[t])
        loss += -np.log(probt[t][targets[t], 0]+ epsilon)
    cache = (h_prev, ut, rt, cht)
    return et, ht, probt, loss, cache
et, ht, probt, loss, cache = forward(inputs, targets, h0)
assert abs(loss - L) < 1e-12
for t in range(T):
    for k, a in [('u', cache[1]), ('r', cache[2]), ('cht', cache[3])]:
        assert np.allclose(a[t], C[k][t])
    assert np.allclose(ht[t], C['h'][t]) and np.allclose(probt[t], C['p'][t])
    # LaTeX forward rows 15-39 are the same model as the reference run(): check z_h form (line 29/160)
    e = C['e'][t]; hp = C['h'][t - 1]
    assert np.allclose(C['zh'][t], Wh[:, H:] @ e + C['r'][t] * (Wh[:, :H] @ hp) + bh)
    assert np.allclose(C['h'][t], (1 - C['u'][t]) * C['cht'][t] + C['u'][t] * hp)   # lines 34, 128, 145
print('forward rows: pass')

# ---- true node gradients by FD ----
G = {k: {t: fd_node(k, t, C[k][t].shape) for t in range(T)} for k in ['y', 'u', 'zu', 'r', 'zr', 'cht', 'zh']}
Gh = {t: fd_node('h', t, (H, 1)) for t in range(-1, T)}                 # total dL/dh_t
Grec = {t: fd_node('h', t, (H, 1), tmin=t + 1) for t in range(-1, T)}   # dL_{>t}/dh_t (what reaches h_t from later steps)
path = {k: {t: fd_node(k, t, (H, 1)) for t in range(T)} for k in ['h_in_zu', 'h_in_zr', 'h_in_zh', 'h_in_dir']}

# ---- author's backward code, with per-row asserts ----
dWemb = np.zeros_like(Wemb); dWu = np.zeros_like(Wu); dWr = np.zeros_like(Wr); dWh = np.zeros_like(Wh); dWy = np.zeros_like(Wy)
dbu = np.zeros_like(bu); dbr = np.zeros_like(br); dbh = np.zeros_like(bh); dby = np.zeros_like(by)
h_prev, ut, rt, cht = cache
dh_next = np.zeros_like(ht[0])
assert ok(dh_next, Grec[T - 1])                                          # line 256
for t in reversed(range(len(inputs))):
    dy = np.copy(probt[t]); dy[targets[t]] -= 1
    assert ok(dy, G['y'][t])                                              # 109, 261-262
    dWy += np.dot(dy, ht[t].T); dby += dy
    dh = np.dot(Wy.T, dy) + dh_next
    assert ok(dh, Gh[t])                                                  # 269
    # line 120 as written: W_y^T dL_t/dy_t + dL/dh_{t+1}  (total gradient at h_{t+1}, no Jacobian)
    if t < T - 1:
        rhs120 = Wy.T @ G['y'][t] + Gh[t + 1]
        assert not ok(rhs120, Gh[t]), 'line 120 unexpectedly right'
        assert ok(Wy.T @ G['y'][t] + Grec[t], Gh[t])                      # correct form
    du = dh * (ht[t-1] - cht[t]);          assert ok(du, G['u'][t])       # 136, 272 (and 133)
    dzu = du * ut[t] * (1 - ut[t]);        assert ok(dzu, G['zu'][t])     # 139, 273
    zt = np.concatenate((ht[t-1], et[t]), axis=0)
    dWu += np.dot(dzu, zt.T); dbu += dzu
    dcht = dh * (1 - ut[t]);               assert ok(dcht, G['cht'][t])   # 148, 281
    dzh = dcht * (1 - cht[t]**2);          assert ok(dzh, G['zh'][t])     # 153, 282
    Wh_h = Wh[:, :hidden_size]; Wh_x = Wh[:, hidden_size:]
    dr = dzh * np.dot(Wh_h, ht[t-1]);      assert ok(dr, G['r'][t])       # 165, 288
    dzr = dr * rt[t] * (1 - rt[t]);        assert ok(dzr, G['zr'][t])     # 170, 289
    dWr += np.dot(dzr, zt.T); dbr += dzr
    dWh_h = np.dot(dzh * rt[t], ht[t-1].T); dWh_x = np.dot(dzh, et[t].T)
    dWh[:, :hidden_size] += dWh_h; dWh[:, hidden_size:] += dWh_x; dbh += dzh
    de_from_zu = np.dot(Wu.T, dzu)[hidden_size:, :]
    de_from_zr = np.dot(Wr.T, dzr)[hidden_size:, :]
    de_from_zh = np.dot(Wh_x.T, dzh)
    de = de_from_zu + de_from_zr + de_from_zh
    dWemb[inputs[t]] += de.ravel()
    dh_from_zu = np.dot(Wu.T, dzu)[:hidden_size, :];  assert ok(dh_from_zu, path['h_in_zu'][t])   # 201, 320
    dh_from_zr = np.dot(Wr.T, dzr)[:hidden_size, :];  assert ok(dh_from_zr, path['h_in_zr'][t])   # 204, 322
    dh_from_zh = np.dot(Wh_h.T, dzh * rt[t]);         assert ok(dh_from_zh, path['h_in_zh'][t])   # 207, 324
    dh_from_ht = dh * ut[t];                          assert ok(dh_from_ht, path['h_in_dir'][t])  # 212, 326
    dh_next = dh_from_zu + dh_from_zr + dh_from_zh + dh_from_ht
    assert ok(dh_next, Grec[t - 1])                                       # 217, 328
    # strict total reading of 217 would also need W_y^T dL_{t-1}/dy_{t-1}: documented, not asserted as fail
for k, a in [('Wy', dWy), ('by', dby), ('Wu', dWu), ('bu', dbu), ('Wr', dWr), ('br', dbr), ('Wh', dWh), ('bh', dbh), ('Wemb', dWemb)]:
    assert ok(a, fd_param(k)), k                                          # 114,116,175-194, code accumulations
# LaTeX 185 / 188 split form equals the blocks of dWh
assert ok(dWh[:, :H], fd_param('Wh')[:, :H]) and ok(dWh[:, H:], fd_param('Wh')[:, H:])
print('all backward rows verified; line 120 fails as written (missing dh_{t+1}/dh_t Jacobian)')
