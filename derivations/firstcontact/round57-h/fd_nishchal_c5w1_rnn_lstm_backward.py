"""Finite-difference check for nishchal_c5w1_rnn_lstm_backward.md (numpy only, float64).
Markdown equations are evaluated as numpy expressions of what the LaTeX says; code rows as written."""
import json, os
import numpy as np

rng = np.random.default_rng(73)
RESULTS = {}


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


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


n_x, n_a, m, T = 3, 4, 2, 3
# ---------------- RNN ----------------
Wax = rng.standard_normal((n_a, n_x)); Waa = rng.standard_normal((n_a, n_a)); ba = rng.standard_normal((n_a, 1))
xt = rng.standard_normal((n_x, m)); a_prev = rng.standard_normal((n_a, m)); G = rng.standard_normal((n_a, m))
Ez = np.zeros((n_a, m))
rnn_J = lambda: np.sum(G * np.tanh(Wax @ xt + Waa @ a_prev + ba + Ez))
a_next = np.tanh(Wax @ xt + Waa @ a_prev + ba)
RESULTS[25] = close(a_next, np.tanh(np.dot(Waa, a_prev) + np.dot(Wax, xt) + ba))
zz = rng.standard_normal(5); RESULTS[26] = close(1 - np.tanh(zz) ** 2, numgrad(lambda: np.sum(np.tanh(zz)), zz))
dz_fd = numgrad(rnn_J, Ez)
fWax = numgrad(rnn_J, Wax); fWaa = numgrad(rnn_J, Waa); fba = numgrad(rnn_J, ba); fx = numgrad(rnn_J, xt); fap = numgrad(rnn_J, a_prev)
da_next = G
dtanh_md = da_next * (1 - np.tanh(Wax @ xt + Waa @ a_prev + ba) ** 2)
RESULTS[27] = close(dtanh_md, dz_fd)
RESULTS[28] = close(dz_fd @ xt.T, fWax); RESULTS[29] = close(dz_fd @ a_prev.T, fWaa)
RESULTS[30] = close(dz_fd.sum(1, keepdims=True), fba); RESULTS[31] = close(Wax.T @ dz_fd, fx); RESULTS[32] = close(Waa.T @ dz_fd, fap)
dtanh = da_next * (1-(a_next)**2); RESULTS[59] = close(dtanh, dz_fd)
dtanh = dz_fd
RESULTS[62] = close(np.dot(Wax.T, dtanh), fx); RESULTS[63] = close(np.dot(dtanh, xt.T), fWax)
RESULTS[66] = close(np.dot(Waa.T, dtanh), fap); RESULTS[67] = close(np.dot(dtanh, a_prev.T), fWaa)
RESULTS[70] = close(np.sum(dtanh, axis=1, keepdims=True), fba)


def rnn_cell_backward(da_next, cache):
    (a_next, a_prev, xt, parameters) = cache
    Wax = parameters["Wax"]; Waa = parameters["Waa"]
    dtanh = da_next * (1-(a_next)**2)
    dxt = np.dot(Wax.T, dtanh)
    dWax = np.dot(dtanh, xt.T)
    da_prev = np.dot(Waa.T, dtanh)
    dWaa = np.dot(dtanh, a_prev.T)
    dba = np.sum(dtanh, axis=1, keepdims=True)
    return {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}


par = {"Wax": Wax, "Waa": Waa, "ba": ba}
X = rng.standard_normal((n_x, m, T)); a0 = rng.standard_normal((n_a, m)); DA = rng.standard_normal((n_a, m, T))


def rnn_fwd():
    a = a0; caches = []; A = np.zeros((n_a, m, T))
    for t in range(T):
        an = np.tanh(Wax @ X[:, :, t] + Waa @ a + ba)
        caches.append((an, a, X[:, :, t], par)); A[:, :, t] = an; a = an
    return A, (caches, X)


def rnn_backward(da, caches):
    (caches, x) = caches
    (a1, a0_, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x)); dWax = np.zeros((n_a, n_x)); dWaa = np.zeros((n_a, n_a)); dba = np.zeros((n_a, 1))
    da0 = np.zeros((n_a, m)); da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da_prevt + da[:,:,t], caches[t])
        dxt, da_prevt, dWaxt, dWaat, dbat = gradients["dxt"], gradients["da_prev"], gradients["dWax"], gradients["dWaa"], gradients["dba"]
        dx[:, :, t] = dxt
        dWax += dWaxt
        dWaa += dWaat
        dba += dbat
    da0 = da_prevt
    return {"dx": dx, "da0": da0, "dWax": dWax, "dWaa": dWaa,"dba": dba}


seqJ = lambda: np.sum(DA * rnn_fwd()[0])
g = rnn_backward(DA, rnn_fwd()[1])
ok = (close(g['dx'], numgrad(seqJ, X)) and close(g['dWax'], numgrad(seqJ, Wax)) and close(g['dWaa'], numgrad(seqJ, Waa))
      and close(g['dba'], numgrad(seqJ, ba)) and close(g['da0'], numgrad(seqJ, a0)))
for line in (113, 115, 117, 118, 119, 120, 123):
    RESULTS[line] = ok

# ---------------- LSTM ----------------
P = {k: rng.standard_normal((n_a, n_a + n_x)) for k in ('Wf', 'Wi', 'Wc', 'Wo')}
P.update({k: rng.standard_normal((n_a, 1)) for k in ('bf', 'bi', 'bc', 'bo')})
c_prev = rng.standard_normal((n_a, m)); Ga = rng.standard_normal((n_a, m)); Gc = rng.standard_normal((n_a, m))
E = {k: np.zeros((n_a, m)) for k in 'figo'}


def cell(xt, a_prev, c_prev, E=E):
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = sigmoid(P['Wf'] @ concat + P['bf'] + E['f']); it = sigmoid(P['Wi'] @ concat + P['bi'] + E['i'])
    cct = np.tanh(P['Wc'] @ concat + P['bc'] + E['g']); ot = sigmoid(P['Wo'] @ concat + P['bo'] + E['o'])
    c_next = ft * c_prev + it * cct
    return ot * np.tanh(c_next), c_next, (ot * np.tanh(c_next), c_next, a_prev, c_prev, ft, it, cct, ot, xt, P)


# forward rows (student code) vs the figure-4 model
Wf, bf, Wi, bi, Wc, bc, Wo, bo = P['Wf'], P['bf'], P['Wi'], P['bi'], P['Wc'], P['bc'], P['Wo'], P['bo']
concat = np.concatenate([a_prev,xt])
ft = sigmoid(np.dot(Wf,concat) + bf)
it = sigmoid(np.dot(Wi,concat) + bi)
cct = np.tanh(np.dot(Wc,concat) + bc)
c_next = c_prev*ft + cct*it
ot = sigmoid(np.dot(Wo,concat) + bo)
a_next = ot*(np.tanh(c_next))
RESULTS[9] = close(concat[:n_a], a_prev) and close(concat[n_a:], xt)
RESULTS[12] = close(ft, sigmoid(Wf[:, :n_a] @ a_prev + Wf[:, n_a:] @ xt + bf))
RESULTS[13] = close(it, sigmoid(Wi[:, :n_a] @ a_prev + Wi[:, n_a:] @ xt + bi))
RESULTS[14] = close(cct, np.tanh(Wc[:, :n_a] @ a_prev + Wc[:, n_a:] @ xt + bc))
RESULTS[15] = close(c_next, ft * c_prev + it * cct)
RESULTS[16] = close(ot, sigmoid(Wo[:, :n_a] @ a_prev + Wo[:, n_a:] @ xt + bo))
RESULTS[17] = close(a_next, ot * np.tanh(ft * c_prev + it * cct))

J = lambda: np.sum(Ga * cell(xt, a_prev, c_prev)[0]) + np.sum(Gc * cell(xt, a_prev, c_prev)[1])
gp = {k: numgrad(J, E[k]) for k in 'figo'}
gW = {k: numgrad(J, P[k]) for k in P}
gx = numgrad(J, xt); gap = numgrad(J, a_prev); gcp = numgrad(J, c_prev)
da_next, dc_next = Ga, Gc
tanh_c = np.tanh(c_next)
# markdown (7)-(21)
dgo = da_next * tanh_c * ot * (1 - ot); RESULTS[135] = close(dgo, gp['o'])
dpc = (dc_next * it + ot * (1 - tanh_c ** 2) * it * da_next) * (1 - cct ** 2); RESULTS[136] = close(dpc, gp['g'])
dgu = (dc_next * cct + ot * (1 - tanh_c ** 2) * cct * da_next) * it * (1 - it); RESULTS[137] = close(dgu, gp['i'])
dgf = (dc_next * c_prev + ot * (1 - tanh_c ** 2) * c_prev * da_next) * ft * (1 - ft); RESULTS[138] = close(dgf, gp['f'])
cc = np.concatenate((a_prev, xt), 0)
RESULTS[143] = close(gp['f'] @ cc.T, gW['Wf']); RESULTS[144] = close(gp['i'] @ cc.T, gW['Wi'])
RESULTS[145] = close(gp['g'] @ cc.T, gW['Wc']); RESULTS[146] = close(gp['o'] @ cc.T, gW['Wo'])
RESULTS[150] = close(gp['f'].sum(1, keepdims=True), gW['bf']); RESULTS[151] = close(gp['i'].sum(1, keepdims=True), gW['bi'])
RESULTS[152] = close(gp['g'].sum(1, keepdims=True), gW['bc'])   # d gamma_c read as dp c~ (text of line 148)
RESULTS[153] = close(gp['o'].sum(1, keepdims=True), gW['bo'])
RESULTS[157] = close(Wf[:, :n_a].T @ gp['f'] + Wi[:, :n_a].T @ gp['i'] + Wc[:, :n_a].T @ gp['g'] + Wo[:, :n_a].T @ gp['o'], gap)
RESULTS[161] = close(dc_next * ft + ot * (1 - tanh_c ** 2) * ft * da_next, gcp)
RESULTS[163] = close(Wf[:, n_a:].T @ gp['f'] + Wi[:, n_a:].T @ gp['i'] + Wc[:, n_a:].T @ gp['g'] + Wo[:, n_a:].T @ gp['o'], gx)
# student code rows
tanh_c_next = np.tanh(c_next); RESULTS[196] = close(tanh_c_next, np.tanh(ft * c_prev + it * cct))
dot = da_next * tanh_c_next * ot * (1 - ot); RESULTS[197] = close(dot, gp['o'])
dcct = (dc_next + da_next * ot * (1 - tanh_c_next ** 2)) * it * (1 - cct ** 2); RESULTS[198] = close(dcct, gp['g'])
dit = (dc_next + da_next * ot * (1 - tanh_c_next ** 2)) * cct * it * (1 - it); RESULTS[199] = close(dit, gp['i'])
dft = (dc_next + da_next * ot * (1 - tanh_c_next ** 2)) * c_prev * ft * (1 - ft); RESULTS[200] = close(dft, gp['f'])
concat = np.concatenate((a_prev, xt), axis=0); RESULTS[203] = close(concat, cc)
RESULTS[205] = close(np.dot(dft, concat.T), gW['Wf']); RESULTS[206] = close(np.dot(dit, concat.T), gW['Wi'])
RESULTS[207] = close(np.dot(dcct, concat.T), gW['Wc']); RESULTS[208] = close(np.dot(dot, concat.T), gW['Wo'])
RESULTS[210] = close(np.sum(dft, axis=1, keepdims=True), gW['bf']); RESULTS[211] = close(np.sum(dit, axis=1, keepdims=True), gW['bi'])
RESULTS[212] = close(np.sum(dcct, axis=1, keepdims=True), gW['bc']); RESULTS[213] = close(np.sum(dot, axis=1, keepdims=True), gW['bo'])
dconcat = np.dot(Wf.T, dft) + np.dot(Wi.T, dit) + np.dot(Wc.T, dcct) + np.dot(Wo.T, dot)
RESULTS[221] = close(dconcat, np.concatenate((gap, gx), 0))
RESULTS[223] = close(dconcat[:n_a, :], gap); RESULTS[224] = close(dconcat[n_a:, :], gx)
RESULTS[226] = close((dc_next + da_next * ot * (1 - tanh_c_next ** 2)) * ft, gcp)


def lstm_cell_backward(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_a = a_next.shape[0]
    tanh_c_next = np.tanh(c_next)
    dot = da_next * tanh_c_next * ot * (1 - ot)
    dcct = (dc_next + da_next * ot * (1 - tanh_c_next ** 2)) * it * (1 - cct ** 2)
    dit = (dc_next + da_next * ot * (1 - tanh_c_next ** 2)) * cct * it * (1 - it)
    dft = (dc_next + da_next * ot * (1 - tanh_c_next ** 2)) * c_prev * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0)
    Wf = parameters["Wf"]; Wi = parameters["Wi"]; Wc = parameters["Wc"]; Wo = parameters["Wo"]
    dconcat = np.dot(Wf.T, dft) + np.dot(Wi.T, dit) + np.dot(Wc.T, dcct) + np.dot(Wo.T, dot)
    return {"dxt": dconcat[n_a:, :], "da_prev": dconcat[:n_a, :], "dc_prev": (dc_next + da_next * ot * (1 - tanh_c_next ** 2)) * ft,
            "dWf": np.dot(dft, concat.T), "dbf": np.sum(dft, axis=1, keepdims=True), "dWi": np.dot(dit, concat.T), "dbi": np.sum(dit, axis=1, keepdims=True),
            "dWc": np.dot(dcct, concat.T), "dbc": np.sum(dcct, axis=1, keepdims=True), "dWo": np.dot(dot, concat.T), "dbo": np.sum(dot, axis=1, keepdims=True)}


Z = {k: np.zeros((n_a, m)) for k in 'figo'}


def lstm_fwd():
    a = a0; c = np.zeros((n_a, m)); caches = []; A = np.zeros((n_a, m, T))
    for t in range(T):
        a, c, cache = cell(X[:, :, t], a, c, Z)
        caches.append(cache); A[:, :, t] = a
    return A, (caches, X)


def lstm_backward(da, caches):
    (caches, x) = caches
    (a1, c1, a0_, c0, f1, i1, cc1, o1, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x)); da0 = np.zeros((n_a, m)); da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m))
    dWf = np.zeros((n_a, n_a + n_x)); dWi = np.zeros((n_a, n_a + n_x)); dWc = np.zeros((n_a, n_a + n_x)); dWo = np.zeros((n_a, n_a + n_x))
    dbf = np.zeros((n_a, 1)); dbi = np.zeros((n_a, 1)); dbc = np.zeros((n_a, 1)); dbo = np.zeros((n_a, 1))
    for t in reversed(range(T_x)):
        gradients = lstm_cell_backward(da_prevt + da[:,:,t], dc_prevt, caches[t])
        dx[:, :, t] = gradients["dxt"]
        da_prevt = gradients["da_prev"]
        dc_prevt = gradients["dc_prev"]
        dWf += gradients["dWf"]; dWi += gradients["dWi"]; dWc += gradients["dWc"]; dWo += gradients["dWo"]
        dbf += gradients["dbf"]; dbi += gradients["dbi"]; dbc += gradients["dbc"]; dbo += gradients["dbo"]
    da0 = da_prevt
    return {"dx": dx, "da0": da0, "dWf": dWf,"dbf": dbf, "dWi": dWi,"dbi": dbi, "dWc": dWc,"dbc": dbc, "dWo": dWo,"dbo": dbo}


lJ = lambda: np.sum(DA * lstm_fwd()[0])
gl = lstm_backward(DA, lstm_fwd()[1])
ok = close(gl['dx'], numgrad(lJ, X)) and close(gl['da0'], numgrad(lJ, a0)) and all(close(gl['d' + k], numgrad(lJ, P[k])) for k in P)
for line in (270, 272, 273, 274, 276, 277, 278, 279, 281, 282, 283, 284, 286):
    RESULTS[line] = ok

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['nishchal_c5w1_rnn_lstm_backward.md']
assert set(int(k) for k in exp) == set(RESULTS), set(int(k) for k in exp) ^ set(RESULTS)
bad = [(k, RESULTS[int(k)], v['expected']) for k, v in exp.items() if RESULTS[int(k)] != (v['expected'] == 'pass')]
assert not bad, bad
print('nishchal: all', len(exp), 'verdicts confirmed;', sum(v['expected'] == 'fail' for v in exp.values()), 'fail rows')
