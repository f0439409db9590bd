"""FD check of jryking_11785_hw3p1_rnn_gru.md (numpy only, float64).

The five fenced files are exec'd verbatim from the .md (local 'from X import *' lines dropped,
they live in one namespace), then every annotated line is checked against central finite
differences, using TRUE upstream values for intermediate lines.
RNN classifier: row layout (batch, features); loss only at the last step through Linear;
delta = dL_sum/dlogits with L_sum = sum_b CE_b (softmax - onehot, as the HW3 autograder passes);
Linear/RNNCell weight gradients divide by batch_size = gradients of L_mean = L_sum / B;
dh_0 = dh / batch_size = dL_mean/dh_0.
GRU cell: one step, unbatched vectors; L = w . h_t so delta = w (dL/dh_t); gradients step-local.
"""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = 'jryking_11785_hw3p1_rnn_gru.md'
EXP = json.load(open(os.path.join(HERE, 'expected.json')))[MD]
src = open(os.path.join(HERE, MD)).read()
blocks = re.findall(r'```python\n(.*?)```', src, re.S)
ns = {}
for b in blocks:
    code = '\n'.join(l for l in b.split('\n') if not re.match(r'\s*from (activation|rnn_cell|linear) import', l))
    exec(code, ns)

rng = np.random.default_rng(11785)
res = {}
rel = lambda a, b: np.max(np.abs(np.asarray(a, float) - np.asarray(b, float))) / max(1e-8, np.max(np.abs(b)), np.max(np.abs(a)))


def check(ln, val, true, note=''):
    e = rel(val, true); res[ln] = ('pass' if e < 1e-5 else 'fail', e, note)


def defn(ln, note='forward definition / initialisation'):
    res[ln] = ('pass', 0.0, note)


def fdgrad(fun, shape, eps=1e-6):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = eps
        G[idx] = (fun(E) - fun(-E)) / (2 * eps)
    return G


# ---------------- activation.py
xs = np.linspace(-6, 6, 25); e = 1e-6
s_ = ns['Sigmoid'](); y = s_(xs)
check(38, y, 1 / (1 + np.exp(-xs)))
check(42, s_.derivative(), (1 / (1 + np.exp(-xs - e)) - 1 / (1 + np.exp(-xs + e))) / (2 * e), 'sigma\' from the stored output')
t_ = ns['Tanh'](); y = t_(xs)
check(62, y, np.tanh(xs))
fd_t = (np.tanh(xs + e) - np.tanh(xs - e)) / (2 * e)
check(67, t_.derivative(state=np.tanh(xs)), fd_t, 'state = stored tanh output')
check(69, t_.derivative(), fd_t)

# ---------------- RNN classifier (2 layers)
B, T, D, H, O, NL = 2, 3, 3, 4, 5, 2
Wts = [[rng.normal(0, .6, (H, D if l == 0 else H)), rng.normal(0, .6, (H, H)), rng.normal(0, .3, H), rng.normal(0, .3, H)] for l in range(NL)]
Wl, bl = rng.normal(0, .6, (O, H)), rng.normal(0, .3, O)
X = rng.normal(0, 1, (B, T, D)); lab = rng.integers(0, O, B); Yoh = np.eye(O)[lab]
h0 = rng.normal(0, .5, (NL, B, H))


def ref(Wts=Wts, Wl=Wl, bl=bl, h0=h0, inj=None):
    """reference forward; inj keys: ('pre',i,j) cell pre-activation, ('in',i,j) input of cell j at step i,
    ('hp',i,j) h_prev consumed by cell j at step i, ('out',i,j) output of cell j at step i (all uses),
    'top' the linear input."""
    inj = inj or {}
    g = lambda k: inj.get(k, 0.0)
    hid = [h0[l].copy() for l in range(NL)]
    for i in range(T):
        new = []
        for j in range(NL):
            inp = (X[:, i] if j == 0 else new[j - 1]) + g(('in', i, j))
            hp = hid[j] + g(('hp', i, j))
            W_ih, W_hh, b_ih, b_hh = Wts[j]
            hn = np.tanh(inp @ W_ih.T + b_ih + hp @ W_hh.T + b_hh + g(('pre', i, j))) + g(('out', i, j))
            new.append(hn)
        hid = new
    logits = (hid[-1] + g('top')) @ Wl.T + bl
    p = np.exp(logits - logits.max(1, keepdims=True)); p /= p.sum(1, keepdims=True)
    return -np.sum(np.log(p[np.arange(B), lab])), p, hid


Lsum, p, _ = ref()
delta = p - Yoh
inj_fd = lambda key: fdgrad(lambda E: ref(inj={key: E})[0], (B, H))

# run the verbatim code
model = ns['RNNPhonemeClassifier'](D, H, O, NL)
model.init_weights(Wts, [Wl, bl])
logits = model(X, h0)
check(330, logits, ref()[2][-1] @ Wl.T + bl, 'logits of the last top-layer state')
for ln in [302, 306, 326, 327, 328, 97, 179]:
    defn(ln)
dh0_code = model.backward(delta)
# per-line checks with true upstream values
check(104, delta @ Wl, inj_fd('top'), 'dx = delta W = dL_sum/dh_T(top)')
check(353, delta @ Wl, inj_fd('top'))
check(352, 0.0, 0.0, 'zero init'); check(378, 0.0, 0.0, 'zero init')
fdW = lambda f, shape: fdgrad(f, shape)
check(102, model.output_layer.db, fdgrad(lambda E: ref(bl=bl + E)[0] / B, (O,)), 'db vs FD of L_mean')
check(103, model.output_layer.dW, fdgrad(lambda E: ref(Wl=Wl + E)[0] / B, (O, H)), 'dW vs FD of L_mean')
# cell-level lines at step i = 1, layer j = 1 (upper) and j = 0, with true dh
for (i, j) in [(1, 1), (1, 0)]:
    dh_true = inj_fd(('out', i, j))
    # hidden state value of cell j at step i
    hid = [h0[l].copy() for l in range(NL)]
    for ii in range(i + 1):
        new = []
        for jj in range(NL):
            inp = X[:, ii] if jj == 0 else new[jj - 1]
            W_ih, W_hh, b_ih, b_hh = Wts[jj]
            new.append(np.tanh(inp @ W_ih.T + b_ih + hid[jj] @ W_hh.T + b_hh))
        if ii < i:
            hid = new
    h_ij = new[j]
    dz = (1 - h_ij ** 2) * dh_true                                   # line 213
    if j == 1:
        check(213, dz, inj_fd(('pre', i, j)), f'step {i} layer {j}')
        check(222, np.dot(Wts[j][0].T, dz.T).T, inj_fd(('in', i, j)), 'dx to the layer below, same step')
        check(223, np.dot(Wts[j][1].T, dz.T).T, inj_fd(('hp', i, j)), 'dh to the same layer, previous step')
        cell = ns['RNNCell'](H, H); cell.init_weights(*Wts[j])
        dx_out, dh_out = cell.backward(dh_true, h_ij, new[j - 1], hid[j])
        check(380, np.concatenate([dx_out.ravel(), dh_out.ravel()]),
              np.concatenate([inj_fd(('in', i, j)).ravel(), inj_fd(('hp', i, j)).ravel()]), 'cell backward call (verbatim code)')
        check(382, dh_out, inj_fd(('hp', i, j)), 'dh_prev[j] = dL/dh^{j}_{i-1} through step i')
        # line 384: dh[j-1] (gradient via step i+1 of layer j-1) + dx_out = total dL/d(output of layer j-1 at step i)
        via_next = inj_fd(('hp', i + 1, j - 1)) if i + 1 < T else 0.0
        check(384, via_next + dx_out, inj_fd(('out', i, j - 1)), 'total gradient of the lower layer output')
        check(385, dh_out, inj_fd(('out', i - 1, j)), 'top layer: dh_prev is already the total gradient of h^{top}_{i-1}')
# accumulated weight gradients (+= over steps, /batch_size) from the verbatim run vs FD of L_mean
for ln, (l, k) in [(216, (0, 0)), (217, (0, 1)), (218, (0, 2)), (219, (0, 3))]:
    names = ['dW_ih', 'dW_hh', 'db_ih', 'db_hh']
    vals, trues = [], []
    for layer in range(NL):
        got = getattr(model.rnn[layer], names[k])
        def f(E, layer=layer, k=k):
            W2 = [[w.copy() for w in ws] for ws in Wts]; W2[layer][k] = W2[layer][k] + E
            return ref(Wts=W2)[0] / B
        vals.append(got.ravel()); trues.append(fdgrad(f, Wts[layer][k].shape).ravel())
    check(ln, np.concatenate(vals), np.concatenate(trues), 'summed over steps, both layers (verbatim run) vs FD of L_mean')
check(386, dh0_code, fdgrad(lambda E: ref(h0=h0 + E)[0] / B, (NL, B, H)), 'dh_0 / batch_size vs FD of L_mean wrt h_0 (verbatim run)')

# ---------------- GRU cell (one step)
d, h = 3, 4
gw = dict(Wrx=rng.normal(0, .7, (h, d)), Wzx=rng.normal(0, .7, (h, d)), Wnx=rng.normal(0, .7, (h, d)),
          Wrh=rng.normal(0, .7, (h, h)), Wzh=rng.normal(0, .7, (h, h)), Wnh=rng.normal(0, .7, (h, h)),
          bir=rng.normal(0, .3, h), biz=rng.normal(0, .3, h), bin=rng.normal(0, .3, h),
          bhr=rng.normal(0, .3, h), bhz=rng.normal(0, .3, h), bhn=rng.normal(0, .3, h))
x = rng.normal(0, 1, d); hp = rng.normal(0, .7, h); w = rng.normal(0, 1, h)
sg = lambda v: 1 / (1 + np.exp(-v))


def gref(P=gw, inj=None):
    inj = inj or {}
    g = lambda k: inj.get(k, 0.0)
    xa = x + g('x'); ha = hp + g('h')
    r = sg(P['Wrx'] @ (xa + g('x_r')) + P['bir'] + P['Wrh'] @ (ha + g('h_r')) + P['bhr'] + g('r_pre')) + g('r')
    z = sg(P['Wzx'] @ (xa + g('x_z')) + P['biz'] + P['Wzh'] @ (ha + g('h_z')) + P['bhz'] + g('z_pre')) + g('z')
    n = np.tanh(P['Wnx'] @ (xa + g('x_n')) + P['bin'] + r * (P['Wnh'] @ (ha + g('h_n')) + P['bhn']) + g('n_pre')) + g('n')
    ht = (1 - z) * n + z * (ha + g('h_mix'))
    return w @ ht, dict(r=r, z=z, n=n)


_, gc = gref()
G = lambda key, shape=(h,): fdgrad(lambda E: gref(inj={key: E})[0], shape)
cell = ns['GRUCell'](d, h); cell.init_weights(*[gw[k] for k in ['Wrx', 'Wzx', 'Wnx', 'Wrh', 'Wzh', 'Wnh', 'bir', 'biz', 'bin', 'bhr', 'bhz', 'bhn']])
ht = cell(x, hp)
for ln in [487, 488, 489, 490]:
    defn(ln)
check(490, ht, (1 - gc['z']) * gc['n'] + gc['z'] * hp, 'h_t = (1-z) n + z h')
dx_code, dh_code = cell.backward(w[None, :])
r, z, n = gc['r'], gc['z'], gc['n']
dn = w * (1 - z); check(539, dn, G('n'), 'dL/dn')
dzp = w * (-n + hp); check(540, dzp, G('z'), 'dL/dz (post-sigmoid)')
check(541, w * z, G('h_mix'), 'direct path to h_{t-1}')
check(542, (w * z)[None], G('h_mix')[None], 'reshape to (1, hidden)')
dnz = dn * (1 - n ** 2); check(544, dnz, G('n_pre'), 'dL/d(n pre-activation)')
check(545, dnz @ gw['Wnx'], G('x_n', (d,)), 'x via the candidate')
fdP = lambda k: fdgrad(lambda E: gref(P={**gw, k: gw[k] + E})[0], gw[k].shape)
check(546, cell.dWnx, fdP('Wnx')); check(547, cell.dbin, fdP('bin'))
dr = dnz * (gw['Wnh'] @ hp + gw['bhn']); check(548, dr, G('r'), 'dL/dr (post-sigmoid)')
check(549, w * z + (dnz * r) @ gw['Wnh'], G('h_mix') + G('h_n'), 'direct + candidate path')
check(550, cell.dWnh, fdP('Wnh')); check(551, cell.dbhn, fdP('bhn'))
dzz = dzp * z * (1 - z); check(553, dzz, G('z_pre'), 'dL/d(z pre-activation)')
check(554, dnz @ gw['Wnx'] + dzz @ gw['Wzx'], G('x_n', (d,)) + G('x_z', (d,)), 'x via candidate + update gate')
check(555, cell.dWzx, fdP('Wzx')); check(556, cell.dbiz, fdP('biz'))
check(557, w * z + (dnz * r) @ gw['Wnh'] + dzz @ gw['Wzh'], G('h_mix') + G('h_n') + G('h_z'), '+ update-gate path')
check(558, cell.dWzh, fdP('Wzh')); check(559, cell.dbhz, fdP('bhz'))
drz = dr * r * (1 - r); check(561, drz, G('r_pre'), 'dL/d(r pre-activation)')
check(562, dx_code.ravel(), G('x', (d,)), 'total dL/dx (verbatim run)')
check(563, cell.dWrx, fdP('Wrx')); check(564, cell.dbir, fdP('bir'))
check(565, dh_code.ravel(), G('h'), 'total dL/dh_{t-1} (verbatim run)')
check(566, cell.dWrh, fdP('Wrh')); check(567, cell.dbhr, fdP('bhr'))

ok = True
for ln in sorted(set(res) | set(int(k) for k in EXP)):
    if ln not in res:
        print(f'line {ln}: expected {EXP[str(ln)]["expected"]}, numeric NOT CHECKED'); ok = False; continue
    if str(ln) not in EXP:
        print(f'line {ln}: checked but not in expected.json'); ok = False; continue
    got, err, note = res[ln]; exp = EXP[str(ln)]['expected']
    print(f'line {ln}: expected {exp}, numeric {got} (rel.err {err:.1e}; {note})' + ('' if got == exp else '   <-- MISMATCH'))
    ok &= got == exp
sys.exit(0 if ok else 1)
