"""Finite-difference check of numpy_tutorial_nlp_lstm.md (NumPy tutorials, "Sentiment Analysis on notable
speeches of the last decade", LSTM forward/backward in numpy).

Execs the author's ```python fences (the functions are used exactly as written), runs the author's
forward_prop on a short random sequence (H=3 hidden, D=2 embedding, T=4 words, one sequence, label y),
and compares every annotated line with central differences of an independent numpy re-implementation of
the same model: concat=[h_{t-1}; x_t], f,i,o = sigmoid(W concat + b), g = tanh(Wcm concat + bcm),
c_t = f*c_{t-1} + i*g, h_t = o*tanh(c_t), a2 = sigmoid(W2 h_T + b2), L = -y log a2 - (1-y) log(1-a2)
(the eps-free version of the author's loss_f; the author's dZ2 = a2 - target is its exact gradient).

'Local' checks call the author's bp_* functions (and evaluate the author's two update statements of
backprop) with reference upstream values: dh_prev = total dL/dh_t, dc_prev = dL/dc_t through c_{t+1} only,
which is what the names mean in the author's loop.  The whole author backprop() is also run once: its
LSTM weight gradients differ from the finite differences because of the dc_prev update (line 329).
Prints, per annotated line, the expected verdict and the verdict the numbers give; exit 0 iff all agree."""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'numpy_tutorial_nlp_lstm.md'
text = open(os.path.join(HERE, NAME)).read()
lines = text.split('\n')
expected = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]

H, D, T = 3, 2, 4
rng_setup = np.random.default_rng(7)
words = ['life', 'is', 'a', 'box']
emb = {w: rng_setup.normal(size=(D,)) for w in words}

ns = {'np': np, 'rng': np.random.default_rng(0), 'emb_matrix': emb}
for block in re.findall(r'```python\n(.*?)```', text, re.S):
    exec(block, ns)

def line_of(snippet, start=1):
    for i in range(start - 1, len(lines)):
        if snippet in lines[i]:
            return i + 1
    raise KeyError(snippet)

def statement_at(ln):
    """source text of the (possibly multi-line) statement starting at line ln, dedented"""
    src = lines[ln - 1].strip()
    k = ln
    while src.count('(') != src.count(')'):
        src += ' ' + lines[k].strip()
        k += 1
    return src

results = {}
def record(ln, ok):
    results.setdefault(ln, []).append(bool(ok))

def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)

# ---------------------------------------------------------------- parameters, data
params = ns['initialise_params'](H, D)
prm = np.random.default_rng(3)
for k in params:                              # moderate random values (the author's init is N(0,1))
    params[k] = prm.normal(size=params[k].shape) * 0.6
y = 1.0
X_vec = words

# ---------------------------------------------------------------- independent reference
def sig(z):
    return 1.0 / (1.0 + np.exp(-z))

def ref_forward(p, hooks=None):
    hooks = hooks or {}
    def hk(key, v):
        return v + hooks[key] if key in hooks else v
    h = hk(('h', -1), np.zeros((H, 1)))
    c = np.zeros((H, 1))
    st = []
    for t in range(T):
        x = emb[X_vec[t]].reshape(D, 1)
        z = np.vstack((h, x))
        af = hk(('af', t), p['Wf'] @ z + p['bf'])
        ai = hk(('ai', t), p['Wi'] @ z + p['bi'])
        ag = hk(('ag', t), p['Wcm'] @ z + p['bcm'])
        ao = hk(('ao', t), p['Wo'] @ z + p['bo'])
        f, i, g, o = sig(af), sig(ai), np.tanh(ag), sig(ao)
        c_new = f * c + i * g
        h_new = hk(('h', t), o * np.tanh(c_new))
        st.append(dict(z=z, f=f, i=i, g=g, o=o, c=c_new, c_prev=c, h=h_new, h_prev=h))
        h = h_new
        c = hk(('cfut', t), c_new)            # perturbs c_t only where step t+1 reads it
    z2 = hk(('z2',), p['W2'] @ h + p['b2'])
    a2 = sig(z2)
    L = float(-(y * np.log(a2) + (1 - y) * np.log(1 - a2)).sum())
    return L, st, a2, z2

EPS = 1e-6
def fd_hook(key, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        g[idx] = (ref_forward(params, {key: d})[0] - ref_forward(params, {key: -d})[0]) / (2 * EPS)
    return g

def fd_param(name):
    g = np.zeros(params[name].shape)
    for idx in np.ndindex(*params[name].shape):
        old = params[name][idx]
        params[name][idx] = old + EPS; Lp = ref_forward(params)[0]
        params[name][idx] = old - EPS; Lm = ref_forward(params)[0]
        params[name][idx] = old
        g[idx] = (Lp - Lm) / (2 * EPS)
    return g

L0, st, a2_ref, z2_ref = ref_forward(params)
dA = {k: [fd_hook((k, t), (H, 1)) for t in range(T)] for k in ['af', 'ai', 'ag', 'ao']}
dh_tot = {t: fd_hook(('h', t), (H, 1)) for t in range(-1, T)}
dc_fut = {t: fd_hook(('cfut', t), (H, 1)) for t in range(T)}
dz2 = fd_hook(('z2',), (1, 1))
pgrad = {k: fd_param(k) for k in params}

# ---------------------------------------------------------------- forward lines
xs = np.linspace(-30, 30, 13).reshape(-1, 1)
record(line_of('return n / d'), close(ns['sigmoid'](xs), sig(xs), 1e-12))
caches = ns['forward_prop'](X_vec, params, D)
lv = caches['lstm_values']
z0 = st[0]['z']
record(line_of("ft = sigmoid(np.dot(parameters['Wf'], concat)"), close(ns['fp_forget_gate'](z0, params), st[0]['f']))
it_a, cmt_a = ns['fp_input_gate'](z0, params)
record(line_of("it = sigmoid(np.dot(parameters['Wi'], concat)"), close(it_a, st[0]['i']))
record(line_of("cmt = np.tanh(np.dot(parameters['Wcm'], concat)"), close(cmt_a, st[0]['g']))
ot_a, hs_a = ns['fp_output_gate'](z0, st[0]['c'], params)
record(line_of("ot = sigmoid(np.dot(parameters['Wo'], concat)"), close(ot_a, st[0]['o']))
record(line_of('next_hs = ot * np.tanh(next_cs)'), close(hs_a, st[0]['h']))
L_z2 = line_of("z2 = (np.dot(parameters['W2'], last_hs)")
record(L_z2, close(np.log(ns['fp_fc_layer'](st[-1]['h'], params) / (1 - ns['fp_fc_layer'](st[-1]['h'], params))), z2_ref))
record(line_of('a2 = sigmoid(z2)'), close(ns['fp_fc_layer'](st[-1]['h'], params), a2_ref))
ok_f = all(close(lv[t]['ft'], st[t]['f']) and close(lv[t]['prev_hs'], st[t]['h_prev']) for t in range(T))
record(line_of('concat = np.vstack((prev_hs, xt))'), ok_f)
ok_c = all(close(lv[t]['next_cs'], st[t]['c']) for t in range(T))
record(line_of('io = it * cmt'), ok_c)
record(line_of('next_cs = (ft * prev_cs) + io'), ok_c)
record(line_of('loss = (- Y * np.log(A + epsilon)'), abs(float(ns['loss_f'](a2_ref, y)) - L0) < 1e-4)

# ---------------------------------------------------------------- fully connected layer (author's bp_fc_layer)
g_fc = ns['initialize_grads'](params)
dh_last, g_fc = ns['bp_fc_layer'](y, caches, g_fc)
record(line_of('dZ2 = predicted - target'), close(np.array(caches['fc_values'][0]['a2']) - y, dz2))
record(line_of("gradients['dW2'] = np.dot(dZ2, last_hs.T)"), close(g_fc['dW2'], pgrad['W2']))
record(line_of("gradients['db2'] = np.sum(dZ2)"), close(np.reshape(g_fc['db2'], (1, 1)), pgrad['b2']))
record(line_of('dh_last = np.dot(W2.T, dZ2)'), close(dh_last, dh_tot[T - 1]))
# backprop's initialisation: dh_prev = dh_last is dL/dh_T; dc_prev = 0 is dL/dc_T through c_{T+1}
record(line_of('dh_prev = dh_last'), close(dh_last, dh_tot[T - 1]))
record(line_of('dc_prev = np.zeros((dh_prev.shape))'), close(np.zeros((H, 1)), dc_fut[T - 1]))

# ---------------------------------------------------------------- gates, local (reference upstream values)
L_dft = line_of('dft = ((dc_prev * cache["prev_cs"]')
L_dit = line_of('dit = ((dc_prev * cache["cmt"]')
L_dcmt = line_of('dcmt = ((dc_prev * cache["it"]')
L_dot = line_of('dot = (dh_prev * np.tanh(cache["next_cs"])')
L_dhsum = line_of('dh_prev = dh_f + dh_i + dh_cm + dh_o')
L_dcupd = line_of('dc_prev = (dc_prev * cache["ft"] + cache["ot"]')
L_cat2 = line_of('concat = np.concatenate((cache["prev_hs"], cache["xt"]), axis=0)')
upd_h = statement_at(L_dhsum)
upd_c = statement_at(L_dcupd)
cat2 = statement_at(L_cat2)

g_loc = ns['initialize_grads'](params)
local = {'dft': [], 'dit': [], 'dcmt': [], 'dot': [], 'dhf': [], 'dhi': [], 'dhcm': [], 'dho': [], 'sum': [], 'cupd': [], 'cat': []}

for t in reversed(range(T)):
    cache = lv[t]
    env = {'np': np, 'cache': cache}
    exec(cat2, env)
    concat = env['concat']
    local['cat'].append(close(concat, st[t]['z']))
    dhp, dcp = dh_tot[t], dc_fut[t]
    # the author's gate functions, as written
    dh_f, g_loc = ns['bp_forget_gate'](H, concat, dhp, dcp, cache, g_loc, params)
    dh_i, dh_cm, g_loc = ns['bp_input_gate'](H, concat, dhp, dcp, cache, g_loc, params)
    dh_o, g_loc = ns['bp_output_gate'](H, concat, dhp, dcp, cache, g_loc, params)
    # the gate-gradient lines themselves (same expressions, evaluated with the author's names)
    genv = {'np': np, 'cache': cache, 'dh_prev': dhp, 'dc_prev': dcp}
    for L_, key, ref in [(L_dft, 'dft', dA['af'][t]), (L_dit, 'dit', dA['ai'][t]),
                         (L_dcmt, 'dcmt', dA['ag'][t]), (L_dot, 'dot', dA['ao'][t])]:
        exec(statement_at(L_), genv)
        local[key].append(close(genv[key], ref))
    # dh_x lines: the part of dL/dh_{t-1} through each gate's pre-activation
    local['dhf'].append(close(dh_f, params['Wf'][:, :H].T @ dA['af'][t]))
    local['dhi'].append(close(dh_i, params['Wi'][:, :H].T @ dA['ai'][t]))
    local['dhcm'].append(close(dh_cm, params['Wcm'][:, :H].T @ dA['ag'][t]))
    local['dho'].append(close(dh_o, params['Wo'][:, :H].T @ dA['ao'][t]))
    # backprop's two update statements, evaluated as written
    uenv = {'np': np, 'cache': cache, 'dh_f': dh_f, 'dh_i': dh_i, 'dh_cm': dh_cm, 'dh_o': dh_o,
            'dh_prev': dhp, 'dc_prev': dcp}
    exec(upd_h, uenv)
    local['sum'].append(close(uenv['dh_prev'], dh_tot[t - 1]))
    exec(upd_c, uenv)                          # uses the dh_prev just overwritten, as in the source
    if t >= 1:
        local['cupd'].append(close(uenv['dc_prev'], dc_fut[t - 1]))

record(L_cat2, all(local['cat']))
record(L_dft, all(local['dft']))
record(L_dit, all(local['dit']))
record(L_dcmt, all(local['dcmt']))
record(L_dot, all(local['dot']))
record(line_of('dh_f = np.dot(parameters["Wf"][:, :hidden_dim].T, dft)'), all(local['dhf']))
record(line_of('dh_i = np.dot(parameters["Wi"][:, :hidden_dim].T, dit)'), all(local['dhi']))
record(line_of('dh_cm = np.dot(parameters["Wcm"][:, :hidden_dim].T, dcmt)'), all(local['dhcm']))
record(line_of('dh_o = np.dot(parameters["Wo"][:, :hidden_dim].T, dot)'), all(local['dho']))
record(L_dhsum, all(local['sum']))
record(L_dcupd, all(local['cupd']))
# weight/bias accumulation lines: summed over t with reference upstream values = finite differences
for key, snip in [('Wf', "gradients['dWf'] += np.dot(dft, concat.T)"),
                  ('bf', "gradients['dbf'] += np.sum(dft, axis=1, keepdims=True)"),
                  ('Wi', "gradients['dWi'] += np.dot(dit, concat.T)"),
                  ('Wcm', "gradients['dWcm'] += np.dot(dcmt, concat.T)"),
                  ('bi', "gradients['dbi'] += np.sum(dit, axis=1, keepdims=True)"),
                  ('bcm', "gradients['dbcm'] += np.sum(dcmt, axis=1, keepdims=True)"),
                  ('Wo', "gradients['dWo'] += np.dot(dot, concat.T)"),
                  ('bo', "gradients['dbo'] += np.sum(dot, axis=1, keepdims=True)")]:
    record(line_of(snip), close(g_loc['d' + key], pgrad[key]))

# ---------------------------------------------------------------- the author's whole backprop (evidence for line 329)
ns['target'] = y                               # backprop reads the global `target`, as the training loop sets it
g_auth = ns['backprop'](y, caches, H, D, T, params)
lstm_keys = ['Wf', 'bf', 'Wi', 'bi', 'Wcm', 'bcm', 'Wo', 'bo']
whole_ok = all(close(g_auth['d' + k], pgrad[k]) for k in lstm_keys)
record(L_dcupd, whole_ok)                      # False expected: the wrong dc_prev corrupts steps t < T-1
fc_ok = close(g_auth['dW2'], pgrad['W2'])
print('whole author backprop: LSTM weight gradients match FD: %s; dW2 matches: %s' % (whole_ok, fc_ok))
print('  max |author dWf - FD dWf| = %.3e' % np.abs(g_auth['dWf'] - pgrad['Wf']).max())

# ---------------------------------------------------------------- report
bad = 0
for ln in sorted(set(int(k) for k in expected)):
    exp = expected[str(ln)]['expected']
    if ln not in results:
        print('line %d: expected %s, numeric MISSING' % (ln, exp)); bad += 1; continue
    num = 'pass' if all(results[ln]) else 'fail'
    flag = '' if num == exp else '   <-- MISMATCH'
    print('line %d: expected %s, numeric %s%s' % (ln, exp, num, flag))
    bad += num != exp
for ln in sorted(results):
    if str(ln) not in expected:
        print('line %d checked but not annotated' % ln); bad += 1
print('%d annotated lines, %d disagreements' % (len(expected), bad))
sys.exit(1 if bad else 0)
