"""Finite-difference check for rahulkris_ai_shakespeare_bilstm.md (numpy only, float64).
The author's functions are copied verbatim (lstm_forward from the same file, cut from the note)."""
import numpy as np

rng = np.random.default_rng(57)


def numgrad(f, X, eps=1e-6):
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = X[i]
        X[i] = old + eps; fp = f()
        X[i] = old - eps; fm = f()
        X[i] = old
        G[i] = (fp - fm) / (2 * eps)
    return G


def close(a, b, tol=1e-6):
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=tol, atol=tol)


RESULTS = {}


def record(line, ok):
    RESULTS[line] = bool(ok)


# ---------------- author's code (verbatim) ----------------
def softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

def relu(x):
    t = (x > 0).astype(int)
    return x * t

def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    Wf = parameters["Wf"]; bf = parameters["bf"]; Wi = parameters["Wi"]; bi = parameters["bi"]
    Wc = parameters["Wc"]; bc = parameters["bc"]; Wo = parameters["Wo"]; bo = parameters["bo"]
    concat = np.concatenate((a_prev, xt), axis = 0)
    ft = sigmoid(np.dot(Wf, concat) + bf)
    it = sigmoid(np.dot(Wi, concat) + bi)
    cct = np.tanh(np.dot(Wc, concat) + bc)
    c_next = (ft * c_prev) + (it * cct)
    ot = sigmoid(np.dot(Wo, concat) + bo)
    a_next = ot * np.tanh(c_next)
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, cache

def lstm_forward(X, a0, parameters, vocab_size, layer = 'later'):
    caches = []
    Wy = parameters['Wy']
    n_x, m, T_x = X.shape
    n_y, n_a = Wy.shape
    n_a //= 2
    x = X
    a = np.zeros((n_a, m, T_x))
    c = np.zeros((n_a, m, T_x))
    a_next = a0
    c_next = np.zeros((n_a, m))
    for t in range(T_x):
        xt = x[:, :, t]
        a_next, c_next, cache = lstm_cell_forward(xt, a_next, c_next, parameters)
        a[:,:,t] = a_next
        c[:,:,t]  = c_next
        caches.append(cache)
    caches = (caches, x)
    return a, c, caches

def BiLSTM_forward_later(X, parameters, vocab_size, activation = 'relu'):
    n_x, m, T_x = X.shape
    n_a = parameters['bf'].shape[0]
    Wy = parameters["Wy"]
    by = parameters["by"]
    n_y = by.shape[0]
    ya = np.zeros((n_y, m, T_x))
    a0 = np.zeros((n_a, m))
    a0_ = np.zeros((n_a, m))
    x = X
    x_ = np.flip(x, axis = 2)
    a, c, caches = lstm_forward(x, a0, parameters, vocab_size, layer = 'later')
    a_, c_, caches_ = lstm_forward(x_, a0_, parameters, vocab_size, layer = 'later')
    ao = np.concatenate((a, a_), axis = 0)
    if activation == 'relu':
        for t in range(T_x):
            ya[:,:,t] = relu(np.dot(Wy, ao[:,:,t]) + by)
    if activation == 'softmax':
        for t in range(T_x):
            ya[:,:,t] = softmax(np.dot(Wy, ao[:,:,t]) + by)
    return ya, ao, caches, caches_

def lstm_cell_backward_author(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_x, m = xt.shape
    n_a, m = a_next.shape
    dot = da_next * np.tanh(c_next) * ot * (1 - ot)
    dcct = (dc_next * it + ot * (1 - np.tanh(c_next) ** 2) * it * da_next) * (1 - cct ** 2)
    dit = (dc_next * cct + ot * (1 - np.tanh(c_next) ** 2) * cct * da_next) * it * (1 - it)
    dft = (dc_next * c_prev + ot * (1 - np.tanh(c_next) ** 2) * c_prev * da_next) * ft * (1 - ft)
    dWf = np.dot(dft, np.concatenate((a_prev, xt), axis = 0).T)
    dWi = np.dot(dit, np.concatenate((a_prev, xt), axis = 0).T)
    dWc = np.dot(dcct, np.concatenate((a_prev, xt), axis = 0).T)
    dWo = np.dot(dot, np.concatenate((a_prev, xt), axis = 0).T)
    dbf = np.sum(dft, axis = 1, keepdims = True)
    dbi = np.sum(dit, axis = 1, keepdims = True)
    dbc = np.sum(dcct, axis = 1, keepdims = True)
    dbo = np.sum(dot, axis = 1, keepdims = True)
    da_prev = np.dot(parameters['Wf'][:, : n_a].T, dft) + np.dot(parameters['Wi'][:, : n_a].T, dit) + np.dot(parameters['Wc'][:, : n_a].T, dcct) + np.dot(parameters['Wo'][:, : n_a].T, dot)
    dc_prev = dc_next * ft + dot * (1 - np.tanh(c_next) ** 2) * ft * da_next
    dxt = np.dot(parameters['Wf'][:, n_a : ].T, dft) + np.dot(parameters['Wi'][:, n_a : ].T, dit) + np.dot(parameters['Wc'][:, n_a : ].T, dcct) + np.dot(parameters['Wo'][:, n_a : ].T, dot)
    gradient = {"dxt": dxt, "da_prev": da_prev, "dc_prev": dc_prev, "dWf": dWf,"dbf": dbf, "dWi": dWi,"dbi": dbi,
                "dWc": dWc,"dbc": dbc, "dWo": dWo,"dbo": dbo}
    return gradient

def lstm_cell_backward_fixed(da_next, dc_next, cache):
    g = lstm_cell_backward_author(da_next, dc_next, cache)
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    g["dc_prev"] = dc_next * ft + ot * (1 - np.tanh(c_next) ** 2) * ft * da_next
    return g

lstm_cell_backward = lstm_cell_backward_author

def lstm_backward(da, caches, gradients):
    (caches, x) = caches
    (a1, c1, a0, c0, f1, i1, cc1, o1, x1, parameters) = caches[0]
    dWf = gradients["dWf"]; dWi = gradients["dWi"]; dWc = gradients["dWc"]; dWo = gradients["dWo"]
    dWy = gradients["dWy"]; dbf = gradients["dbf"]; dbi = gradients["dbi"]; dbc = gradients["dbc"]
    dbo = gradients["dbo"]; dby = gradients["dby"]; dx = gradients["dx"]; da0 = gradients["da0"]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    da_prevt = np.zeros((n_a, m))
    dc_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradient = lstm_cell_backward(da[:,:,t] + da_prevt, dc_prevt, caches[t])
        da_prevt = gradient["da_prev"]
        dc_prevt = gradient["dc_prev"]
        dx[:,:,t] = gradient["dxt"]
        dWf += gradient["dWf"]; dWi += gradient["dWi"]; dWc += gradient["dWc"]; dWo += gradient["dWo"]
        dbf += gradient["dbf"]; dbi += gradient["dbi"]; dbc += gradient["dbc"]; dbo += gradient["dbo"]
    da0 = da_prevt
    gradients = {"dx": dx, "da0": da0, "dWf": dWf,"dbf": dbf, "dWi": dWi,"dbi": dbi,
                "dWc": dWc,"dbc": dbc, "dWo": dWo,"dbo": dbo, "dWy": dWy, "dby": dby}
    return gradients

def BiLSTM_backward_before(dya, caches, caches_, ao, gradients, copy_dx=False):
    (caches_o, x) = caches
    (a1, c1, a0, c0, f1, i1, cc1, o1, x1, parameters) = caches_o[0]
    n_a2, m, T_x = ao.shape
    n_x, m = x1.shape
    n_a = n_a2 // 2
    n_y = dya.shape[0]
    dZ = np.zeros(dya.shape)
    Z = np.zeros(dya.shape)
    dao = np.zeros(ao.shape)
    Wy = parameters['Wy']
    by = parameters['by']
    for t in reversed(range(T_x)):
        Z[:,:,t] = np.dot(Wy, ao[:,:,t]) + by
        dZ[:,:,t] = ((Z[:,:,t] > 0).astype(int)) * dya[:,:,t]
        dao[:,:,t] = np.dot(Wy.T, dZ[:,:,t])
        gradients["dWy"] += np.dot(dZ[:,:,t], ao[:,:,t].T)
        gradients["dby"] += np.sum(dZ[:,:,t], axis = 1, keepdims = True)
    da, da_ = dao[ : n_a, :, :], dao[n_a : , :, :]
    gradients = lstm_backward(da, caches, gradients)
    dx = gradients["dx"]
    if copy_dx:
        dx = dx.copy()
    BiLSTM_backward_before.dx_after_first_call = dx.copy()
    da0 = gradients["da0"]
    gradients = lstm_backward(da_, caches_, gradients)
    dx_ = gradients["dx"]
    da0_ = gradients["da0"]
    BiLSTM_backward_before.dx_second_raw = dx_.copy()
    dx_ = np.flip(dx_, axis = 2)
    gradients["dx"] = dx + dx_
    gradients["da0"] = da0
    gradients["da0_"] = da0_
    BiLSTM_backward_before.dZ = dZ; BiLSTM_backward_before.dao = dao
    return gradients

def get_loss(y_hat, Y):
    y = np.zeros(y_hat.shape)
    n_y, m, T_x = y_hat.shape
    for i in range(m):
        for j in range(T_x):
            y[int(Y[i, j]), i, j] = 1
    loss = -np.sum(y * np.log(y_hat))
    return loss

def create_gradients(n_x, n_a, n_y, m, T_x):
    g = dict()
    g['dx'] = np.zeros((n_x, m, T_x)); g['da0'] = np.zeros((n_a, m))
    for k in ('dWf', 'dWi', 'dWc', 'dWo'):
        g[k] = np.zeros((n_a, n_a + n_x))
    g['dWy'] = np.zeros((n_y, 2 * n_a))
    for k in ('dbf', 'dbi', 'dbc', 'dbo'):
        g[k] = np.zeros((n_a, 1))
    g['dby'] = np.zeros((n_y, 1))
    return g

# ---------------- set-up ----------------
n_x, n_a, n_y, m, T = 3, 2, 4, 2, 3
P = {}
for k in ('Wf', 'Wi', 'Wc', 'Wo'):
    P[k] = rng.standard_normal((n_a, n_a + n_x))
for k in ('bf', 'bi', 'bc', 'bo'):
    P[k] = rng.standard_normal((n_a, 1))
P['Wy'] = rng.standard_normal((n_y, 2 * n_a)); P['by'] = rng.standard_normal((n_y, 1))

# ---------- forward rows checked against an independent LSTM ----------
sig = lambda z: 1 / (1 + np.exp(-z))
xt = rng.standard_normal((n_x, m)); a_prev = rng.standard_normal((n_a, m)); c_prev = rng.standard_normal((n_a, m))
an, cn, cache = lstm_cell_forward(xt, a_prev, c_prev, P)
Wf_h, Wf_x = P['Wf'][:, :n_a], P['Wf'][:, n_a:]
f_ref = sig(Wf_h @ a_prev + Wf_x @ xt + P['bf'])
i_ref = sig(P['Wi'][:, :n_a] @ a_prev + P['Wi'][:, n_a:] @ xt + P['bi'])
g_ref = np.tanh(P['Wc'][:, :n_a] @ a_prev + P['Wc'][:, n_a:] @ xt + P['bc'])
o_ref = sig(P['Wo'][:, :n_a] @ a_prev + P['Wo'][:, n_a:] @ xt + P['bo'])
c_ref = f_ref * c_prev + i_ref * g_ref
record(40, close(np.concatenate((a_prev, xt), 0)[:n_a], a_prev))
record(42, close(cache[4], f_ref)); record(43, close(cache[5], i_ref)); record(44, close(cache[6], g_ref))
record(45, close(cn, c_ref)); record(46, close(cache[7], o_ref)); record(47, close(an, o_ref * np.tanh(c_ref)))
zz = rng.standard_normal((n_y, m))
record(13, close(softmax(zz), np.exp(zz) / np.exp(zz).sum(0)))
record(16, close(sigmoid(zz), 0.5 * (1 + np.tanh(zz / 2))))
record(19, close((zz > 0).astype(int), np.heaviside(zz, 0)))
record(20, close(relu(zz), np.maximum(zz, 0)))
Xs = rng.standard_normal((n_x, m, T))
ya, ao, cs, cs_ = BiLSTM_forward_later(Xs, P, None, activation='relu')
record(67, close(cs_[1][:, :, 0], Xs[:, :, T - 1]))
a_ref, _, _ = lstm_forward(Xs, np.zeros((n_a, m)), P, None); ar_ref, _, _ = lstm_forward(Xs[:, :, ::-1].copy(), np.zeros((n_a, m)), P, None)
record(72, close(ao, np.concatenate((a_ref, ar_ref), 0)))
record(75, close(ya[:, :, 1], np.maximum(P['Wy'] @ ao[:, :, 1] + P['by'], 0)))
ya_s, ao_s, _, _ = BiLSTM_forward_later(Xs, P, None, activation='softmax')
zt = P['Wy'] @ ao_s[:, :, 1] + P['by']
record(78, close(ya_s[:, :, 1], np.exp(zt) / np.exp(zt).sum(0)))

# ---------- cell backward rows ----------
Ga = rng.standard_normal((n_a, m)); Gc = rng.standard_normal((n_a, m))
E = {k: np.zeros((n_a, m)) for k in ('f', 'i', 'g', 'o')}


def cell_J():
    concat = np.concatenate((a_prev, xt), 0)
    f = sig(P['Wf'] @ concat + P['bf'] + E['f']); i = sig(P['Wi'] @ concat + P['bi'] + E['i'])
    g = np.tanh(P['Wc'] @ concat + P['bc'] + E['g']); o = sig(P['Wo'] @ concat + P['bo'] + E['o'])
    c = f * c_prev + i * g
    return np.sum(Ga * o * np.tanh(c)) + np.sum(Gc * c)


gA = lstm_cell_backward_author(Ga, Gc, cache)
tan = np.tanh(cn); ot = cache[7]; ft = cache[4]; it_ = cache[5]; cct = cache[6]
rows_pre = {93: ('o', ot), 94: ('g', None), 95: ('i', None), 96: ('f', None)}
dpre = {}
for key in ('o', 'g', 'i', 'f'):
    dpre[key] = numgrad(cell_J, E[key])
dot = Ga * tan * ot * (1 - ot)
dcct = (Gc * it_ + ot * (1 - tan ** 2) * it_ * Ga) * (1 - cct ** 2)
dit = (Gc * cct + ot * (1 - tan ** 2) * cct * Ga) * it_ * (1 - it_)
dft = (Gc * c_prev + ot * (1 - tan ** 2) * c_prev * Ga) * ft * (1 - ft)
record(93, close(dot, dpre['o'])); record(94, close(dcct, dpre['g']))
record(95, close(dit, dpre['i'])); record(96, close(dft, dpre['f']))
for line, W, b in ((98, 'Wf', None), (99, 'Wi', None), (100, 'Wc', None), (101, 'Wo', None)):
    record(line, close(gA['d' + W], numgrad(cell_J, P[W])))
for line, b in ((102, 'bf'), (103, 'bi'), (104, 'bc'), (105, 'bo')):
    record(line, close(gA['d' + b], numgrad(cell_J, P[b])))
record(107, close(gA['da_prev'], numgrad(cell_J, a_prev)))
dcp_fd = numgrad(cell_J, c_prev)
record(108, close(gA['dc_prev'], dcp_fd))
assert close(dc_next_fixed := (Gc * ft + ot * (1 - tan ** 2) * ft * Ga), dcp_fd)
record(109, close(gA['dxt'], numgrad(cell_J, xt)))

# ---------- lstm_backward rows (with the corrected cell, so each row is judged on true inputs) ----------
Da = rng.standard_normal((n_a, m, T))
a0 = rng.standard_normal((n_a, m))


def seq_J():
    a, c, _ = lstm_forward(Xs, a0, P, None)
    return np.sum(Da * a)


def run_lstm_backward(cell):
    global lstm_cell_backward
    lstm_cell_backward = cell
    _, _, caches = lstm_forward(Xs, a0, P, None)
    g = lstm_backward(Da, caches, create_gradients(n_x, n_a, n_y, m, T))
    lstm_cell_backward = lstm_cell_backward_author
    return g


gF = run_lstm_backward(lstm_cell_backward_fixed)
gAu = run_lstm_backward(lstm_cell_backward_author)
fdW = {k: numgrad(seq_J, P[k]) for k in ('Wf', 'Wi', 'Wc', 'Wo', 'bf', 'bi', 'bc', 'bo')}
fdX = numgrad(seq_J, Xs); fda0 = numgrad(seq_J, a0)
ok_all = all(close(gF['d' + k], fdW[k]) for k in fdW) and close(gF['dx'], fdX) and close(gF['da0'], fda0)
for line in (146, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 160):
    record(line, ok_all)
# and the author's cell (line 108) indeed spoils the sequence gradients
assert not close(gAu['dWf'], fdW['Wf'])

# ---------- BiLSTM_backward_before rows ----------
Dya = rng.standard_normal((n_y, m, T))


def bi_J():
    ya, ao, _, _ = BiLSTM_forward_later(Xs, P, None, activation='relu')
    return np.sum(Dya * ya)


def run_before(copy_dx):
    global lstm_cell_backward
    lstm_cell_backward = lstm_cell_backward_fixed
    ya, ao, caches, caches_ = BiLSTM_forward_later(Xs, P, None, activation='relu')
    g = BiLSTM_backward_before(Dya, caches, caches_, ao, create_gradients(n_x, n_a, n_y, m, T), copy_dx=copy_dx)
    lstm_cell_backward = lstm_cell_backward_author
    return g, ao


gB, aoB = run_before(False)
fd_dx_bi = numgrad(bi_J, Xs)
fd_Wy = numgrad(bi_J, P['Wy']); fd_by = numgrad(bi_J, P['by'])
# dZ and dao against FD of the head pre-activation / of ao
def head_J_from_ao(aoX):
    return np.sum(Dya * relu(np.einsum('ya,amt->ymt', P['Wy'], aoX) + P['by'][:, :, None]))
aoP = aoB.copy()
fd_dao = numgrad(lambda: head_J_from_ao(aoP), aoP)
Zh = np.einsum('ya,amt->ymt', P['Wy'], aoB) + P['by'][:, :, None]
EZ = np.zeros_like(Zh)
fd_dZ = numgrad(lambda: np.sum(Dya * relu(Zh + EZ)), EZ)
record(231, close(Zh, np.einsum('ya,amt->ymt', P['Wy'], aoB) + P['by'][:, :, None]))
record(232, close(BiLSTM_backward_before.dZ, fd_dZ))
record(233, close(BiLSTM_backward_before.dao, fd_dao))
record(234, close(gB['dWy'], fd_Wy)); record(235, close(gB['dby'], fd_by))
record(237, close(BiLSTM_backward_before.dao[:n_a], fd_dao[:n_a]))
# line 240: dx holds the forward-direction gradient only until line 242 overwrites the same buffer
fd_fwd_only = numgrad(lambda: np.sum(fd_dao[:n_a] * lstm_forward(Xs, np.zeros((n_a, m)), P, None)[0]), Xs)
fd_bwd_only = numgrad(lambda: np.sum(fd_dao[n_a:] * lstm_forward(Xs[:, :, ::-1].copy(), np.zeros((n_a, m)), P, None)[0]), Xs)
assert close(BiLSTM_backward_before.dx_after_first_call, fd_fwd_only)
record(240, close(BiLSTM_backward_before.dx_after_first_call, fd_fwd_only))  # right as a formula when evaluated
assert not close(gB['dx'], fd_dx_bi)             # ...but the published program returns a wrong dx (aliasing)
# aliasing: dx is the buffer the second call overwrote, so the result is raw + flip(raw)
assert close(gB['dx'], BiLSTM_backward_before.dx_second_raw + np.flip(BiLSTM_backward_before.dx_second_raw, axis=2))
gBc, _ = run_before(True)
assert close(gBc['dx'], fd_dx_bi)                # with a copy at line 240 it is right
record(248, close(gBc['dx'], fd_dx_bi))          # the sum itself is right given the true dx
record(243, close(BiLSTM_backward_before.dx_second_raw, np.flip(fd_bwd_only, axis=2)))
record(246, close(np.flip(BiLSTM_backward_before.dx_second_raw, axis=2), fd_bwd_only))
record(239, close(BiLSTM_backward_before.dx_after_first_call, fd_fwd_only))
record(242, close(np.flip(BiLSTM_backward_before.dx_second_raw, axis=2), fd_bwd_only))

# ---------- BiLSTM_backward_last rows (softmax + get_loss) ----------
Yl = rng.integers(0, n_y, size=(m, T))
EZ2 = np.zeros((n_y, m, T))
def last_J():
    z = np.einsum('ya,amt->ymt', P['Wy'], aoB) + P['by'][:, :, None] + EZ2
    yh = np.stack([softmax(z[:, :, t]) for t in range(T)], axis=2)
    return get_loss(yh, Yl)
z0 = np.einsum('ya,amt->ymt', P['Wy'], aoB) + P['by'][:, :, None]
yhat = np.stack([softmax(z0[:, :, t]) for t in range(T)], axis=2)
dZl = np.zeros(yhat.shape)
for t in reversed(range(T)):
    dZl[:, :, t] = np.copy(yhat[:, :, t])
    for j in range(m):
        dZl[int(Yl[j, t]), j, t] -= 1
fd_dZl = numgrad(last_J, EZ2)
record(186, close(dZl, fd_dZl)); record(188, close(dZl, fd_dZl))
dWy_l = sum(np.dot(dZl[:, :, t], aoB[:, :, t].T) for t in range(T))
dby_l = sum(np.sum(dZl[:, :, t], axis=1, keepdims=True) for t in range(T))
aoL = aoB.copy()
def last_J_ao():
    z = np.einsum('ya,amt->ymt', P['Wy'], aoL) + P['by'][:, :, None]
    yh = np.stack([softmax(z[:, :, t]) for t in range(T)], axis=2)
    return get_loss(yh, Yl)
record(189, close(np.einsum('ya,ymt->amt', P['Wy'], dZl), numgrad(last_J_ao, aoL)))
record(190, close(dWy_l, numgrad(last_J_ao, P['Wy']))); record(191, close(dby_l, numgrad(last_J_ao, P['by'])))
record(193, RESULTS[237]); record(195, RESULTS[239]); record(196, RESULTS[240]); record(198, RESULTS[242])
record(199, RESULTS[243]); record(202, RESULTS[246]); record(204, RESULTS[248])
yoh = np.zeros(yhat.shape)
for i in range(m):
    for j in range(T):
        yoh[int(Yl[i, j]), i, j] = 1
record(263, close(yoh.sum(0), np.ones((m, T))))
record(265, np.isclose(get_loss(yhat, Yl), -sum(np.log(yhat[Yl[i, j], i, j]) for i in range(m) for j in range(T))))

# ---------------- verdicts ----------------
import json, os
exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['rahulkris_ai_shakespeare_bilstm.md']
bad = []
for k, v in exp.items():
    line = int(k)
    assert line in RESULTS, f'line {line} not checked'
    if RESULTS[line] != (v['expected'] == 'pass'):
        bad.append((line, RESULTS[line], v['expected']))
unchecked = set(RESULTS) - set(int(k) for k in exp)
assert not unchecked, unchecked
assert not bad, bad
print('rahulkris: all', len(exp), 'verdicts confirmed;', sum(v['expected'] == 'fail' for v in exp.values()), 'fail rows')
