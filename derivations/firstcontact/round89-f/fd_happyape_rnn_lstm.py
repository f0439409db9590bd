# Finite-difference check of happyape_rnn_lstm.md (numpy only).
# Conventions of the source: column vectors, batch in columns: x (n_x, m, T_x), a (n_a, m, T_x).
# The backward functions take upstream gradients da (n_a, m, T_x) = dL/da^<t> coming from outside the
# recurrence, so the scalar used here is L = sum_t sum(da[:,:,t] * a[:,:,t]).  For the one-step LSTM cell,
# L = sum(da_next * a_next) + sum(dc_next * c_next).
import numpy as np

def sigmoid(x):                      # rnn_utils.py
    return 1 / (1 + np.exp(-x))
def softmax(x):                      # rnn_utils.py
    ex = np.exp(x - np.max(x)); return ex / (ex.sum(axis=0))

# ---------------- the author's code, copied from the note ----------------
def rnn_cell_forward(xt, a_prev, params):
    Wax = params['Wax']; Waa = params['Waa']; Wya = params['Wya']; ba = params['ba']; by = params['by']
    a_next = np.tanh(np.dot(Waa, a_prev) + np.dot(Wax, xt) + ba)          # line 44
    yt_pred = softmax(np.dot(Wya, a_next) + by)                           # line 45
    return a_next, yt_pred, (a_next, a_prev, xt, params)

def rnn_forward(x, a0, params):
    caches = []; n_x, m, T_x = x.shape; n_y, n_a = params['Wya'].shape
    a = np.zeros([n_a, m, T_x]); y_pred = np.zeros([n_y, m, T_x]); a_next = a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, params)   # line 83
        a[:, :, t] = a_next; y_pred[:, :, t] = yt_pred; caches.append(cache)
    return a, y_pred, (caches, x)

def rnn_cell_backward(da_next, cache):
    (a_next, a_prev, xt, params) = cache
    Wax = params['Wax']; Waa = params['Waa']
    dtanh = (1 - a_next * a_next) * da_next                               # line 128
    dxt = np.dot(Wax.T, dtanh)                                            # line 131
    dWax = np.dot(dtanh, xt.T)                                            # line 132
    da_prev = np.dot(Waa.T, dtanh)                                        # line 135
    dWaa = np.dot(dtanh, a_prev.T)                                        # line 136
    dba = np.sum(dtanh, keepdims=True, axis=-1)                           # line 139
    return {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}

def rnn_backward(da, caches):
    caches, x = caches; a1, a0, x1, params = caches[0]
    n_a, m, T_x = da.shape; n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x)); dWax = np.zeros((n_a, n_x)); dWaa = np.zeros((n_a, n_a))
    dba = np.zeros((n_a, 1)); da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])                   # line 184
        dxt, da_prevt, dWaxt, dWaat, dbat = gradients["dxt"], gradients["da_prev"], gradients["dWax"], gradients["dWaa"], gradients["dba"]  # line 187
        dx[:, :, t] = dxt; dWax += dWaxt; dWaa += dWaat; dba += dbat                       # lines 190-193
    da0 = da_prevt                                                                         # line 197
    return {"dx": dx, "da0": da0, "dWax": dWax, "dWaa": dWaa, "dba": dba}

def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    Wf = parameters["Wf"]; bf = parameters["bf"]; Wi = parameters["Wi"]; bi = parameters["bi"]
    Wc = parameters["Wc"]; bc = parameters["bc"]; Wo = parameters["Wo"]; bo = parameters["bo"]
    Wy = parameters["Wy"]; by = parameters["by"]
    n_x, m = xt.shape; n_y, n_a = Wy.shape
    concat = np.zeros([n_x + n_a, m]); concat[:n_a, :] = a_prev; concat[n_a:, :] = xt
    ft = sigmoid(np.dot(Wf, concat) + bf)          # line 345
    it = sigmoid(np.dot(Wi, concat) + bi)          # line 346
    cct = np.tanh(np.dot(Wc, concat) + bc)         # line 347
    c_next = ft * c_prev + it * cct                # line 348
    ot = sigmoid(np.dot(Wo, concat) + bo)          # line 349
    a_next = ot * np.tanh(c_next)                  # line 350
    yt_pred = softmax(np.dot(Wy, a_next) + by)     # line 353
    return a_next, c_next, yt_pred, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)

def lstm_forward(x, a0, parameters):
    caches = []; Wy = parameters['Wy']; n_x, m, T_x = x.shape; n_y, n_a = Wy.shape
    a = np.zeros([n_a, m, T_x]); c = np.zeros([n_a, m, T_x]); y = np.zeros([n_y, m, T_x])
    a_next = a0; c_next = np.zeros([n_a, m])
    for t in range(T_x):
        a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)  # line 384
        a[:, :, t] = a_next; y[:, :, t] = yt; c[:, :, t] = c_next; caches.append(cache)
    return a, y, c, (caches, x)

def lstm_cell_backward(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_x, m = xt.shape; n_a, m = a_next.shape
    dit = (da_next * ot * (1 - np.tanh(c_next) ** 2) + dc_next) * cct * (1 - it) * it       # line 438
    dft = (da_next * ot * (1 - np.tanh(c_next) ** 2) + dc_next) * c_prev * ft * (1 - ft)    # line 439
    dot = da_next * np.tanh(c_next) * ot * (1 - ot)                                          # line 440
    dcct = (da_next * ot * (1 - np.tanh(c_next) ** 2) + dc_next) * it * (1 - cct ** 2)       # line 441
    cat = np.concatenate((a_prev, xt), axis=0)
    dWf = np.dot(dft, cat.T); dWi = np.dot(dit, cat.T); dWc = np.dot(dcct, cat.T); dWo = np.dot(dot, cat.T)   # 444-447
    dbf = np.sum(dft, axis=1, keepdims=True); dbi = np.sum(dit, axis=1, keepdims=True)
    dbc = np.sum(dcct, axis=1, keepdims=True); dbo = np.sum(dot, axis=1, keepdims=True)                      # 448-451
    P = parameters
    da_prev = np.dot(P['Wf'][:, :n_a].T, dft) + np.dot(P['Wi'][:, :n_a].T, dit) + np.dot(P['Wc'][:, :n_a].T, dcct) + np.dot(P['Wo'][:, :n_a].T, dot)  # 454
    dc_prev = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next                                                                        # 455
    dxt = np.dot(P['Wf'][:, n_a:].T, dft) + np.dot(P['Wi'][:, n_a:].T, dit) + np.dot(P['Wc'][:, n_a:].T, dcct) + np.dot(P['Wo'][:, n_a:].T, dot)     # 456
    return {"dxt": dxt, "da_prev": da_prev, "dc_prev": dc_prev, "dWf": dWf, "dbf": dbf, "dWi": dWi, "dbi": dbi,
            "dWc": dWc, "dbc": dbc, "dWo": dWo, "dbo": dbo}

def lstm_backward(da, caches):
    (caches, x) = caches
    (a1, c1, a0, c0, f1, i1, cc1, o1, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape; n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x)); da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m))
    g = {k: np.zeros((n_a, n_a + n_x)) for k in ["dWf", "dWi", "dWc", "dWo"]}
    g.update({k: np.zeros((n_a, 1)) for k in ["dbf", "dbi", "dbc", "dbo"]})
    for t in reversed(range(T_x)):
        gradients = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, caches[t])    # line 507 (da_prevt, dc_prevt never updated)
        dx[:, :, t] = gradients["dxt"]                                                 # line 509
        for k in g: g[k] += gradients[k]                                               # lines 510-517
    da0 = gradients["da_prev"]                                                         # line 519
    out = {"dx": dx, "da0": da0}; out.update(g); return out

# ---------------- helpers ----------------
def numgrad(f, X, eps=1e-6):
    G = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        old = X[idx]; X[idx] = old + eps; fp = f(); X[idx] = old - eps; fm = f(); X[idx] = old
        G[idx] = (fp - fm) / (2 * eps)
    return G
def rep(tag, a, b):
    ok = a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-7)
    d = np.max(np.abs(a - b)) if a.shape == b.shape else float('nan')
    print(f"{'AGREE   ' if ok else 'DISAGREE'} {tag}: max|diff| = {d:.3e}")

rng = np.random.default_rng(1)
n_x, n_a, n_y, m, T = 3, 4, 2, 5, 4

# ================= RNN =================
print("== RNN (cells 4-13): rnn_backward vs FD of L = sum(da * a) ==")
x = rng.normal(size=(n_x, m, T)); a0 = rng.normal(size=(n_a, m))
p = {'Wax': rng.normal(size=(n_a, n_x)), 'Waa': rng.normal(size=(n_a, n_a)) * 0.5, 'Wya': rng.normal(size=(n_y, n_a)),
     'ba': rng.normal(size=(n_a, 1)), 'by': rng.normal(size=(n_y, 1))}
da = rng.normal(size=(n_a, m, T))
L = lambda: float(np.sum(da * rnn_forward(x, a0, p)[0]))
a, _, caches = rnn_forward(x, a0, p); gr = rnn_backward(da, caches)
rep("dWax (lines 132, 191)", gr['dWax'], numgrad(L, p['Wax']))
rep("dWaa (lines 136, 192)", gr['dWaa'], numgrad(L, p['Waa']))
rep("dba  (lines 139, 193)", gr['dba'], numgrad(L, p['ba']))
rep("dx   (lines 131, 190)", gr['dx'], numgrad(L, x))
rep("da0  (lines 135, 187, 197)", gr['da0'], numgrad(L, a0))

# ================= LSTM one step =================
print("\n== LSTM one step (cell 29 = lines 438-456): L = sum(da_next*a_next) + sum(dc_next*c_next) ==")
P = {k: rng.normal(size=(n_a, n_a + n_x)) * 0.7 for k in ['Wf', 'Wi', 'Wc', 'Wo']}
P.update({k: rng.normal(size=(n_a, 1)) * 0.3 for k in ['bf', 'bi', 'bc', 'bo']})
P['Wy'] = rng.normal(size=(n_y, n_a)); P['by'] = rng.normal(size=(n_y, 1))
xt = rng.normal(size=(n_x, m)); ap = rng.normal(size=(n_a, m)); cp = rng.normal(size=(n_a, m))
dan = rng.normal(size=(n_a, m)); dcn = rng.normal(size=(n_a, m))
def L1():
    an, cn, _, _ = lstm_cell_forward(xt, ap, cp, P); return float(np.sum(dan * an) + np.sum(dcn * cn))
_, _, _, cache = lstm_cell_forward(xt, ap, cp, P); g1 = lstm_cell_backward(dan, dcn, cache)
for k in ['Wf', 'Wi', 'Wc', 'Wo', 'bf', 'bi', 'bc', 'bo']:
    rep(f"d{k} (code)", g1['d' + k], numgrad(L1, P[k]))
rep("da_prev (line 454)", g1['da_prev'], numgrad(L1, ap))
rep("dc_prev (line 455)", g1['dc_prev'], numgrad(L1, cp))
rep("dxt (line 456)", g1['dxt'], numgrad(L1, xt))

# ---- markdown equations (7)-(10) as written, fed into (11)-(14) ----
print("\n== markdown line 408, equations (7)-(10) as written, through (11)-(14) ==")
(a_n, c_n, a_p, c_p, ft, it, cct, ot, xt_, _) = cache
cat = np.concatenate((a_p, xt_), axis=0); tc = np.tanh(c_n)
dGo = dan * tc * ot * (1 - ot)                                                        # (7)
dct_md = dcn * it + ot * (1 - tc ** 2) * it * dan * cct * (1 - np.tanh(cct) ** 2)      # (8) as written (Gamma_u = i_t)
dGu_md = dcn * cct + ot * (1 - tc ** 2) * cct * dan * it * (1 - it)                   # (9) as written
dGf_md = dcn * cp + ot * (1 - tc ** 2) * cp * dan * ft * (1 - ft)                      # (10) as written, reading c~_prev as c_prev (most favourable)
rep("(7)+(14): dWo", np.dot(dGo, cat.T), numgrad(L1, P['Wo']))
rep("(8)+(13): dWc", np.dot(dct_md, cat.T), numgrad(L1, P['Wc']))
rep("(9)+(12): dWu=dWi", np.dot(dGu_md, cat.T), numgrad(L1, P['Wi']))
rep("(10)+(11): dWf (c~_prev read as c_prev)", np.dot(dGf_md, cat.T), numgrad(L1, P['Wf']))
dct_par = (dcn + ot * (1 - tc ** 2) * dan) * it * cct * (1 - np.tanh(cct) ** 2)    # (8) with the brackets added but its c~ factor and tanh(c~) kept
rep("(8) brackets fixed, extra c~ and (1-tanh(c~)^2) kept: dWc", np.dot(dct_par, cat.T), numgrad(L1, P['Wc']))
dct_ok = (dcn + ot * (1 - tc ** 2) * dan) * it * (1 - cct ** 2)                       # correct dL/d(pre-activation of c~)
rep("(8) corrected = (dc_next + da_next*Go*(1-tanh^2 c)) * Gu * (1 - c~^2): dWc", np.dot(dct_ok, cat.T), numgrad(L1, P['Wc']))
dft_ok = (dan * ot * (1 - tc ** 2) + dcn) * cp * ft * (1 - ft)
rep("(11) with the correct dGamma_f (as in code line 439): dWf", np.dot(dft_ok, cat.T), numgrad(L1, P['Wf']))
# (15)/(17) with the slices the text prescribes (lines 417, 420)
Wf = P['Wf']
print("line 417: W_f[:n_a,:] has shape", Wf[:n_a, :].shape, "-> W_f^T dGamma_f has shape", np.dot(Wf[:n_a, :].T, dGo).shape, "but da_prev is", ap.shape)
print("line 420: W_f[n_a:,:] has shape", Wf[n_a:, :].shape, "(empty) -> cannot give dx of shape", xt.shape)
print("          the code (lines 454, 456) uses W[:, :n_a] and W[:, n_a:], which agree with FD above")

# ================= LSTM over a sequence =================
print("\n== LSTM sequence (cells 25-31): lstm_backward vs FD of L = sum(da * a) ==")
x = rng.normal(size=(n_x, m, T)); a0 = rng.normal(size=(n_a, m)); da = rng.normal(size=(n_a, m, T))
LS = lambda: float(np.sum(da * lstm_forward(x, a0, P)[0]))
a, y, c, caches = lstm_forward(x, a0, P); gs = lstm_backward(da, caches)
for k in ['Wf', 'Wi', 'Wc', 'Wo', 'bf']:
    rep(f"d{k} (lstm_backward as written)", gs['d' + k], numgrad(LS, P[k]))
rep("dx (lstm_backward as written)", gs['dx'], numgrad(LS, x))
rep("da0 (lstm_backward as written)", gs['da0'], numgrad(LS, a0))
# the same loop with the recursion completed (da_prevt, dc_prevt taken from the step's gradients)
def lstm_backward_fixed(da, caches):
    (cs, x) = caches; n_a, m, T_x = da.shape
    da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m)); acc = {}
    for t in reversed(range(T_x)):
        gr = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, cs[t])
        da_prevt, dc_prevt = gr["da_prev"], gr["dc_prev"]
        for k in ["dWf", "dWi", "dWc", "dWo", "dbf"]: acc[k] = acc.get(k, 0) + gr[k]
    acc["da0"] = da_prevt; return acc
gf = lstm_backward_fixed(da, caches)
for k in ['Wf', 'Wi', 'Wc', 'Wo', 'bf']:
    rep(f"d{k} (recursion completed)", gf['d' + k], numgrad(LS, P[k]))
rep("da0 (recursion completed)", gf['da0'], numgrad(LS, a0))
