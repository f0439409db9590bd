# Finite-difference check of zh_coursera_rnn_lstm_study.py (numpy only).
# The author's forward and backward functions are re-typed here exactly as in the note (rnn_utils replaced by
# local sigmoid/softmax with the Coursera definitions). Probe losses: L = sum(da * a) (+ sum(dc*c) for one cell).
import numpy as np

class rnn_utils:
    @staticmethod
    def sigmoid(x):
        return 1 / (1 + np.exp(-x))
    @staticmethod
    def softmax(x):
        e_x = np.exp(x - np.max(x))
        return e_x / e_x.sum(axis=0)

# ---- author's code (verbatim bodies) ----
def rnn_cell_forward(xt, a_prev, parameters):
    Wax = parameters["Wax"]; Waa = parameters["Waa"]; Wya = parameters["Wya"]; ba = parameters["ba"]; by = parameters["by"]
    a_next = np.tanh(np.dot(Waa, a_prev)+np.dot(Wax, xt)+ba)
    yt_pred = rnn_utils.softmax(np.dot(Wya,a_next)+by)
    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache

def rnn_forward(x, a0, parameters):
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a = np.zeros([n_a, m, T_x]); y_pred = np.zeros([n_y, m, T_x])
    a_prev = a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:,:,t], a_prev, parameters)
        a[:, :, t] = a_next; y_pred[:, :, t] = yt_pred; caches.append(cache)
        a_prev = a_next
    caches = (caches, x)
    return a, y_pred, caches

def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    Wf = parameters["Wf"]; bf = parameters["bf"]; Wu = parameters["Wu"]; bu = parameters["bu"]
    Wc = parameters["Wc"]; bc = parameters["bc"]; Wo = parameters["Wo"]; bo = parameters["bo"]
    Wy = parameters["Wy"]; by = parameters["by"]
    n_x, m = xt.shape
    n_y, n_a = Wy.shape
    concat = np.zeros([n_a+n_x,m]); concat[:n_a,:]=a_prev; concat[n_a:,:]=xt
    ft = rnn_utils.sigmoid(np.dot(Wf, concat)+bf)
    ut = rnn_utils.sigmoid(np.dot(Wu, concat)+bu)
    cct = np.tanh(np.dot(Wc, concat) + bc)
    ot = rnn_utils.sigmoid(np.dot(Wo, concat)+bo)
    c_next = ft * c_prev + ut * cct
    a_next = ot * np.tanh(c_next)
    yt_pred = rnn_utils.softmax(np.dot(Wy, a_next) + by)
    cache = (a_next, c_next, a_prev, c_prev, ft, ut, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache

def lstm_forward(x, a0, parameters):
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a = np.zeros([n_a, m, T_x]); c = np.zeros([n_a, m, T_x]); y = np.zeros([n_y, m, T_x])
    a_next = a0; c_next = np.zeros([n_a, m])
    for t in range(T_x):
        a_next, c_next, yt_pred, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t] = a_next; y[:, :, t] = yt_pred; c[:, :, t] = c_next; caches.append(cache)
    caches = (caches, x)
    return a, y, c, caches

def rnn_cell_backward(da_next, cache):
    a_next, a_prev, xt, parameters = cache
    Wax = parameters["Wax"]; Waa = parameters["Waa"]
    dtanh = (1 - np.square(a_next)) * da_next
    dxt = np.dot(Wax.T,dtanh)
    dWax = np.dot(dtanh, xt.T)
    da_prev = np.dot(Waa.T,dtanh)
    dWaa = np.dot(dtanh, a_prev.T)
    dba = np.sum(dtanh, keepdims=True, axis=-1)
    return {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}

def rnn_backward(da, caches):
    caches, x = caches
    a1, a0, x1, parameters = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros([n_x, m, T_x]); dWax = np.zeros([n_a, n_x]); dWaa = np.zeros([n_a, n_a]); dba = np.zeros([n_a, 1])
    da_prevt = np.zeros([n_a, m])
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
        dxt, da_prevt, dWaxt, dWaat, dbat = gradients["dxt"], gradients["da_prev"], gradients["dWax"], gradients["dWaa"], gradients["dba"]
        dx[:, :, t] = dxt; dWax += dWaxt; dWaa += dWaat; dba += dbat
    da0 = da_prevt
    return {"dx": dx, "da0": da0, "dWax": dWax, "dWaa": dWaa,"dba": dba}

def lstm_cell_backward(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, ut, cct, ot, xt, parameters) = cache
    n_x, m = xt.shape
    n_a, m = a_next.shape
    dot = da_next * np.tanh(c_next) * ot * (1 - ot)
    dcct = (dc_next * ut + ot * (1 - np.square(np.tanh(c_next))) * ut * da_next) * (1 - np.square(cct))
    dut = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * da_next) * ut * (1 - ut)
    dft = (dc_next * c_prev + ot * (1 - np.square(np.tanh(c_next))) * c_prev * da_next) * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0).T
    dWf = np.dot(dft, concat); dWu = np.dot(dut, concat); dWc = np.dot(dcct, concat); dWo = np.dot(dot, concat)
    dbf = np.sum(dft, axis=1, keepdims=True); dbu = np.sum(dut, axis=1, keepdims=True)
    dbc = np.sum(dcct, axis=1, keepdims=True); dbo = np.sum(dot, axis=1, keepdims=True)
    da_prev = np.dot(parameters["Wf"][:, :n_a].T, dft) + np.dot(parameters["Wc"][:, :n_a].T, dcct) + np.dot(
        parameters["Wu"][:, :n_a].T, dut) + np.dot(parameters["Wo"][:, :n_a].T, dot)
    dc_prev = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next
    dxt = np.dot(parameters["Wf"][:, n_a:].T, dft) + np.dot(parameters["Wc"][:, n_a:].T, dcct) + np.dot(
        parameters["Wu"][:, n_a:].T, dut) + np.dot(parameters["Wo"][:, n_a:].T, dot)
    return {"dxt": dxt, "da_prev": da_prev, "dc_prev": dc_prev, "dWf": dWf, "dbf": dbf, "dWu": dWu, "dbu": dbu,
            "dWc": dWc, "dbc": dbc, "dWo": dWo, "dbo": dbo}

def lstm_backward(da, caches):
    caches, x = caches
    (a1, c1, a0, c0, f1, i1, cc1, o1, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros([n_x, m, T_x]); da_prevt = np.zeros([n_a, m]); dc_prevt = np.zeros([n_a, m])
    dWf = np.zeros([n_a, n_a + n_x]); dWu = np.zeros([n_a, n_a + n_x]); dWc = np.zeros([n_a, n_a + n_x]); dWo = np.zeros([n_a, n_a + n_x])
    dbf = np.zeros([n_a, 1]); dbu = np.zeros([n_a, 1]); dbc = np.zeros([n_a, 1]); dbo = np.zeros([n_a, 1])
    for t in reversed(range(T_x)):
        gradients = lstm_cell_backward(da[:, :, t], dc_prevt, caches[t])      # line 481
        dx[:, :, t] = gradients['dxt']
        dWf = dWf + gradients['dWf']; dWu = dWu + gradients['dWu']; dWc = dWc + gradients['dWc']; dWo = dWo + gradients['dWo']
        dbf = dbf + gradients['dbf']; dbu = dbu + gradients['dbu']; dbc = dbc + gradients['dbc']; dbo = dbo + gradients['dbo']
    da0 = gradients['da_prev']
    return {"dx": dx, "da0": da0, "dWf": dWf, "dbf": dbf, "dWu": dWu, "dbu": dbu, "dWc": dWc, "dbc": dbc, "dWo": dWo, "dbo": dbo}

# ---- finite differences ----
def fd(f, arr, eps=1e-6):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = arr[i]
        arr[i] = old + eps; fp = f()
        arr[i] = old - eps; fm = f()
        arr[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g

def rel(a, b):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))

def report(name, a, b, tol=1e-6):
    r = rel(a, b)
    print(f"  {name:32s} rel.err {r:9.2e}  {'AGREE' if r < tol else 'DISAGREE'}")

rng = np.random.default_rng(0)
n_x, n_a, n_y, m, T = 3, 4, 2, 5, 4

# RNN
P = {"Wax": rng.normal(size=(n_a, n_x)), "Waa": rng.normal(size=(n_a, n_a)) * 0.7, "Wya": rng.normal(size=(n_y, n_a)),
     "ba": rng.normal(size=(n_a, 1)), "by": rng.normal(size=(n_y, 1))}
x = rng.normal(size=(n_x, m, T)); a0 = rng.normal(size=(n_a, m)); da = rng.normal(size=(n_a, m, T))
L = lambda: np.sum(da * rnn_forward(x, a0, P)[0])
_, _, caches = rnn_forward(x, a0, P)
g = rnn_backward(da, caches)
print("RNN rnn_cell_backward (lines 280-288) + rnn_backward (331-341), L = sum(da*a):")
report("dWax", g["dWax"], fd(L, P["Wax"])); report("dWaa", g["dWaa"], fd(L, P["Waa"]))
report("dba", g["dba"], fd(L, P["ba"])); report("dx", g["dx"], fd(L, x)); report("da0", g["da0"], fd(L, a0))

# LSTM single cell
Q = {}
for k in ["Wf", "Wu", "Wc", "Wo"]:
    Q[k] = rng.normal(size=(n_a, n_a + n_x)) * 0.7
for k in ["bf", "bu", "bc", "bo"]:
    Q[k] = rng.normal(size=(n_a, 1))
Q["Wy"] = rng.normal(size=(n_y, n_a)); Q["by"] = rng.normal(size=(n_y, 1))
xt = rng.normal(size=(n_x, m)); ap = rng.normal(size=(n_a, m)); cp = rng.normal(size=(n_a, m))
dan = rng.normal(size=(n_a, m)); dcn = rng.normal(size=(n_a, m))
def Lc():
    an, cn, _, _ = lstm_cell_forward(xt, ap, cp, Q)
    return np.sum(dan * an) + np.sum(dcn * cn)
_, _, _, cache = lstm_cell_forward(xt, ap, cp, Q)
g = lstm_cell_backward(dan, dcn, cache)
print("LSTM lstm_cell_backward (lines 399-421), L = sum(da_next*a_next) + sum(dc_next*c_next):")
for k in ["Wf", "Wu", "Wc", "Wo", "bf", "bu", "bc", "bo"]:
    report("d" + k, g["d" + k], fd(Lc, Q[k]))
report("da_prev", g["da_prev"], fd(Lc, ap)); report("dc_prev", g["dc_prev"], fd(Lc, cp)); report("dxt", g["dxt"], fd(Lc, xt))

# pre-activation gradients (lines 399-402) against FD of the pre-activations
concat = np.concatenate((ap, xt), axis=0)
def Lz(gate, dz):
    def f():
        zf = Q["Wf"] @ concat + Q["bf"] + (dz if gate == "f" else 0)
        zu = Q["Wu"] @ concat + Q["bu"] + (dz if gate == "u" else 0)
        zc = Q["Wc"] @ concat + Q["bc"] + (dz if gate == "c" else 0)
        zo = Q["Wo"] @ concat + Q["bo"] + (dz if gate == "o" else 0)
        c = rnn_utils.sigmoid(zf) * cp + rnn_utils.sigmoid(zu) * np.tanh(zc)
        return np.sum(dan * rnn_utils.sigmoid(zo) * np.tanh(c)) + np.sum(dcn * c)
    return f
a_next, c_next, _, _ = lstm_cell_forward(xt, ap, cp, Q)
(_, _, _, _, ft, ut, cct, ot, _, _) = cache
ref = {}
for gate in "fuco":
    dz = np.zeros((n_a, m)); f = Lz(gate, dz); ref[gate] = fd(f, dz)
tc = np.tanh(c_next)
print("LSTM author's comment-block formulas (lines 350-353, 361-363), literal readings:")
report("350 dot (tanh*c_next read as c_next)", dan * c_next * ot * (1 - ot), ref["o"])
report("351 dcct (product as written)", dcn * ut * (1 - tc**2) * ut * dan * cct * (1 - np.tanh(cct)**2), ref["c"])
report("352 dut (no parentheses)", dcn * cct + ot * (1 - tc**2) * cct * dan * ut * (1 - ut), ref["u"])
report("353 dft (no parentheses, ft for ot)", dcn * cp + ft * (1 - tc**2) * cp * dan * ft * (1 - ft), ref["f"])
report("399 dot (code)", dan * np.tanh(c_next) * ot * (1 - ot), ref["o"])
full = Q["Wf"].T @ ref["f"] + Q["Wu"].T @ ref["u"] + Q["Wc"].T @ ref["c"] + Q["Wo"].T @ ref["o"]
print(f"  361/363 Wf.T*dft+...: shape {full.shape}, but da_prev is {(n_a, m)} and dx is {(n_x, m)};"
      f" same expression for both -> it is dL/d[a_prev;xt]")
report("361 rows [:n_a] vs dL/da_prev", full[:n_a], fd(Lc, ap))
report("362 dc_prev (with '&+' dropped)", dcn * ft + ot * (1 - tc**2) * ft * dan, fd(Lc, cp))

# LSTM full sequence
a0 = rng.normal(size=(n_a, m))
def Ls():
    return np.sum(da * lstm_forward(x, a0, Q)[0])
_, _, _, caches = lstm_forward(x, a0, Q)
g = lstm_backward(da, caches)
print("LSTM lstm_backward (lines 481-493), L = sum(da*a) over T=4 steps:")
for k in ["Wf", "Wu", "Wc", "Wo", "bf", "bo"]:
    report("d" + k, g["d" + k], fd(Ls, Q[k]))
gx = fd(Ls, x)
report("dx[:,:,T-1] (last step)", g["dx"][:, :, T - 1], gx[:, :, T - 1])
report("dx[:,:,0]", g["dx"][:, :, 0], gx[:, :, 0])
report("da0", g["da0"], fd(Ls, a0))

# corrected recursion (what line 481 should do) -> agrees
def lstm_backward_fixed(da, caches):
    cs, x_ = caches
    n_a_, m_, T_ = da.shape
    da_prevt = np.zeros([n_a_, m_]); dc_prevt = np.zeros([n_a_, m_]); acc = None
    for t in reversed(range(T_)):
        gr = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, cs[t])
        da_prevt, dc_prevt = gr["da_prev"], gr["dc_prev"]
        acc = gr["dWf"] if acc is None else acc + gr["dWf"]
    return acc, da_prevt
gW, gda0 = lstm_backward_fixed(da, caches)
print("LSTM with da[:,:,t]+da_prevt and dc_prevt=dc_prev carried (fix of line 481):")
report("dWf", gW, fd(Ls, Q["Wf"])); report("da0", gda0, fd(Ls, a0))
