"""FD check for heisenberg_rnn_step_by_step_nb.md (column layout (n, m), cost J with upstream da = dJ/da<t>
from the outputs only). numpy only, float64, deterministic."""
import numpy as np
rng = np.random.default_rng(2208)
n_x, n_a, n_y, m, T_x = 3, 4, 2, 5, 4
def sigmoid(z): return 1 / (1 + np.exp(-z))
def softmax(x):
    e_x = np.exp(x - np.max(x)); return e_x / e_x.sum(axis=0)
ok = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-8)

# ---------- author's code (verbatim bodies) ----------
def rnn_cell_forward(xt,a_prev,parameters):
    Wax = parameters["Wax"]; Waa = parameters["Waa"]; Wya = parameters["Wya"]; ba = parameters["ba"]; by = parameters["by"]
    a_next = np.tanh(np.dot(Wax,xt)+np.dot(Waa,a_prev)+ba)
    yt_pred = softmax(np.dot(Wya,a_next)+by)
    cache = (a_next,a_prev,xt,parameters)
    return a_next, yt_pred, cache
def rnn_forward(x,a0,parameters):
    caches=[]
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a = np.zeros((n_a,m,T_x)); y_pred = np.zeros((n_y,m,T_x))
    a_next = a0
    for t in range(T_x):
        a_next, yt_pred, cache = rnn_cell_forward(x[:,:,t],a_next,parameters)
        a[:,:,t] = a_next; y_pred[:,:,t] = yt_pred; caches.append(cache)
    caches = (caches,x)
    return a, y_pred, caches
def lstm_cell_forward(xt,a_prev,c_prev,parameters):
    Wf = parameters["Wf"]; bf = parameters["bf"]; Wi = parameters["Wi"]; bi = parameters["bi"]
    Wc = parameters["Wc"]; bc = parameters["bc"]; Wo = parameters["Wo"]; bo = parameters["bo"]
    Wy = parameters["Wy"]; by = parameters["by"]
    n_x, m = xt.shape
    n_y, n_a = Wy.shape
    concat = np.zeros((n_a+n_x,m))
    concat[:n_a,:] = a_prev
    concat[n_a:,:] = xt
    ft = sigmoid(np.dot(Wf,concat) + bf)
    it = sigmoid(np.dot(Wi,concat) + bi)
    cct = np.tanh(np.dot(Wc,concat) + bc)
    c_next = ft*c_prev + it*cct
    ot = sigmoid(np.dot(Wo,concat)+bo)
    a_next = ot*np.tanh(c_next)
    yt_pred = softmax(np.dot(Wy,a_next)+by)
    cache = (a_next,c_next,a_prev,c_prev,ft,it,cct,ot,xt,parameters)
    return a_next, c_next, yt_pred, cache
def rnn_cell_backward(da_next,cache):
    (a_next, a_prev, xt, parameters) = cache
    Wax = parameters["Wax"]; Waa = parameters["Waa"]
    dtanh = (1 - a_next**2)*da_next
    dxt = np.dot(Wax.T,dtanh)
    dWax = np.dot(dtanh,xt.T)
    da_prev = np.dot(Waa.T,dtanh)
    dWaa = np.dot(dtanh, a_prev.T)
    dba = np.sum(dtanh, axis=1, keepdims=1)
    return {"dxt":dxt, "da_prev":da_prev, "dWax":dWax, "dWaa":dWaa, "dba":dba}
def rnn_backward(da,caches):
    (caches,x) = caches
    (a1,a0,X1,parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = X1.shape
    dx = np.zeros((n_x,m,T_x)); dWax = np.zeros((n_a,n_x)); dWaa = np.zeros((n_a,n_a)); dba = np.zeros((n_a,1))
    da0 = np.zeros((n_a,m)); da_prevt = np.zeros((n_a,m))
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da[:,:,t] + da_prevt, caches[t])
        dxt, da_prevt, dWaxt, dWaat, dbat = gradients["dxt"], gradients["da_prev"], gradients["dWax"], gradients["dWaa"], gradients["dba"]
        dx[:,:,t] = dxt
        dWax += dWaxt; dWaa += dWaat; dba += dbat
    da0 = da_prevt
    return {"dx": dx, "da0": da0, "dWax": dWax, "dWaa": dWaa,"dba": dba}

# ---------- forward rows: LaTeX (lines 8-9, 89-104) vs code ----------
P = dict(Wax=rng.normal(size=(n_a, n_x)), Waa=rng.normal(0, .5, (n_a, n_a)), Wya=rng.normal(size=(n_y, n_a)),
         ba=rng.normal(size=(n_a, 1)), by=rng.normal(size=(n_y, 1)))
xt = rng.normal(size=(n_x, m)); ap = rng.normal(size=(n_a, m))
an, yp, _ = rnn_cell_forward(xt, ap, P)
assert ok(an, np.tanh(P['Waa'] @ ap + P['Wax'] @ xt + P['ba'])) and ok(yp, softmax(P['Wya'] @ an + P['by']))
L = {k: rng.normal(size=(n_a, n_a + n_x)) for k in ['Wf', 'Wi', 'Wc', 'Wo']}
L.update({k: rng.normal(size=(n_a, 1)) for k in ['bf', 'bi', 'bc', 'bo']}); L['Wy'] = rng.normal(size=(n_y, n_a)); L['by'] = rng.normal(size=(n_y, 1))
cp = rng.normal(size=(n_a, m))
a1, c1, y1, cache = lstm_cell_forward(xt, ap, cp, L)
cat = np.vstack([ap, xt])                                   # line 110 [a<t-1>; x<t>]
Gf = sigmoid(L['Wf'] @ cat + L['bf']); Gu = sigmoid(L['Wi'] @ cat + L['bi'])
ct = np.tanh(L['Wc'] @ cat + L['bc']); c = Gf * cp + Gu * ct
Go = sigmoid(L['Wo'] @ cat + L['bo']); a = Go * np.tanh(c)
assert ok(cache[4], Gf) and ok(cache[5], Gu) and ok(cache[6], ct) and ok(c1, c) and ok(cache[7], Go) and ok(a1, a)
assert ok(y1, softmax(L['Wy'] @ a + L['by']))
print('forward rows: pass')

# ---------- backward rows by central differences ----------
x = rng.normal(size=(n_x, m, T_x)); a0 = rng.normal(size=(n_a, m)); G = rng.normal(size=(n_a, m, T_x))
def J(Pp, xx, aa0):
    A, _, _ = rnn_forward(xx, aa0, Pp); return np.sum(G * A)       # dJ/da<t> (from outputs) = G[:,:,t]
def fd(f, arr, eps=1e-6):
    g = np.zeros_like(arr)
    for idx in np.ndindex(*arr.shape):
        old = arr[idx]; arr[idx] = old + eps; fp = f(); arr[idx] = old - eps; fm = f(); arr[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g
A, _, caches = rnn_forward(x, a0, P)
gr = rnn_backward(G, caches)
assert ok(gr['dx'], fd(lambda: J(P, x, a0), x))            # 215, 258, 261
assert ok(gr['da0'], fd(lambda: J(P, x, a0), a0))          # 218, 258, 266
for k in ['Wax', 'Waa', 'ba']:
    assert ok(gr['d' + k], fd(lambda: J(P, x, a0), P[k])), k   # 216, 219, 221, 262-264
# single-cell rows with J1 = sum(da_next * a_next)
dn = rng.normal(size=(n_a, m))
a_n, _, c1 = rnn_cell_forward(xt, ap, P)
g1 = rnn_cell_backward(dn, c1)
J1 = lambda: np.sum(dn * rnn_cell_forward(xt, ap, P)[0])
z = P['Waa'] @ ap + P['Wax'] @ xt + P['ba']
assert ok((1 - a_n**2) * dn, fd(lambda: np.sum(dn * np.tanh(z)), z))   # 213 dtanh = dJ/dz
assert ok(g1['dxt'], fd(J1, xt)) and ok(g1['da_prev'], fd(J1, ap))
assert ok(g1['dWax'], fd(J1, P['Wax'])) and ok(g1['dWaa'], fd(J1, P['Waa'])) and ok(g1['dba'], fd(J1, P['ba']))
print('all backward rows pass')
