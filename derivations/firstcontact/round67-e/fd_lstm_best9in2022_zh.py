# Finite-difference check of lstm_best9in2022_zh.md (Best9in2022/ML RNN+LSTM.ipynb). numpy only.
# Conventions (deeplearning.ai C5W1): column vectors, batch in columns: xt:(n_x,m), a:(n_a,m),
# W*: (n_a, n_a+n_x) acting on concat [a_prev; xt]; RNN: Wax:(n_a,n_x), Waa:(n_a,n_a).
# da_next = dL/da_next (total w.r.t. hidden state); in lstm_cell_backward dc_next = dL/dc_next coming
# from the next time step only (the path through a_next is added inside the cell).
# The author's syntax slips (`ot (1 - ot)`, `it?`, `+ *`, `ft?`, name `bdo`) are read with their evident
# arithmetic meaning; everything else is the formula as written.
import numpy as np
rng = np.random.default_rng(1)
sig = lambda v: 1/(1+np.exp(-v))
def softmax(v): e = np.exp(v - v.max(0, keepdims=True)); return e/e.sum(0, keepdims=True)

def numgrad(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for i in range(A.size):
        old = A.flat[i]; A.flat[i] = old+eps; fp = f(); A.flat[i] = old-eps; fm = f(); A.flat[i] = old
        g.flat[i] = (fp-fm)/(2*eps)
    return g
def report(tag, a, n):
    if np.shape(a) != np.shape(n):
        print(f"{tag}: DISAGREE (shape {np.shape(a)} vs true {np.shape(n)})"); return
    err = np.max(np.abs(a-n))/(np.max(np.abs(n))+1e-12)
    print(f"{tag}: {'agree' if err < 1e-6 else 'DISAGREE'} (rel err {err:.2e})")

# ---------------- RNN ----------------
n_x, n_a, n_y, m, T = 3, 5, 2, 4, 4
P = dict(Wax=rng.standard_normal((n_a, n_x))*.5, Waa=rng.standard_normal((n_a, n_a))*.5, Wya=rng.standard_normal((n_y, n_a))*.5,
         ba=rng.standard_normal((n_a, 1))*.1, by=rng.standard_normal((n_y, 1))*.1)
def rnn_cell_forward(xt, a_prev, P):
    a_next = np.tanh(np.dot(P['Wax'], xt) + np.dot(P['Waa'], a_prev) + P['ba'])   # line 37
    yt = softmax(np.dot(P['Wya'], a_next) + P['by'])                              # line 40
    return a_next, yt
def rnn_cell_backward(da_next, a_next, a_prev, xt, P):
    dWy = da_next * a_next                                   # line 365
    dby = da_next                                            # line 366
    dtanh = (1 - np.square(a_next)) * da_next                # line 369
    dxt = np.dot(P['Wax'].T, dtanh)                          # line 372
    dWax = np.dot(dtanh, xt.T)                               # line 373
    da_prev = np.dot(P['Waa'].T, dtanh)                      # line 376
    dWaa = np.dot(dtanh, a_prev.T)                           # line 377
    dba = np.sum(dtanh, keepdims=True, axis=-1)              # line 380
    return dict(dWy=dWy, dby=dby, dxt=dxt, dWax=dWax, da_prev=da_prev, dWaa=dWaa, dba=dba)

print("=== RNN cell: L = sum(G*a_next) + CE(yt_pred, labels); da_next = G + Wya^T (yhat - Y)")
xt = rng.standard_normal((n_x, m)); a_prev = rng.standard_normal((n_a, m)); G = rng.standard_normal((n_a, m))
Y = np.eye(n_y)[:, rng.integers(0, n_y, m)]
def Lcell():
    a, yt = rnn_cell_forward(xt, a_prev, P); return np.sum(G*a) - np.sum(Y*np.log(yt))
a, yt = rnn_cell_forward(xt, a_prev, P)
da_next = G + P['Wya'].T @ (yt - Y)
g = rnn_cell_backward(da_next, a, a_prev, xt, P)
report("line 365 dWy  (true dL/dWya)", g['dWy'], numgrad(Lcell, P['Wya']))
report("line 366 dby  (true dL/dby) ", g['dby'], numgrad(Lcell, P['by']))
print("   (even with no output term in L, dL/dWya = 0 while da_next*a_next != 0: max|dWy| =",
      f"{np.max(np.abs(rnn_cell_backward(G, a, a_prev, xt, P)['dWy'])):.2f})")
zz = (np.dot(P['Wax'], xt) + np.dot(P['Waa'], a_prev) + P['ba']).copy()
Lz = lambda: np.sum(G*np.tanh(zz)) - np.sum(Y*np.log(softmax(P['Wya'] @ np.tanh(zz) + P['by'])))
report("line 369 dtanh (dL/d preact)", (1 - np.square(a))*da_next, numgrad(Lz, zz))
report("line 372 dxt ", g['dxt'], numgrad(Lcell, xt))
report("line 373 dWax", g['dWax'], numgrad(Lcell, P['Wax']))
report("line 376 da_prev", g['da_prev'], numgrad(Lcell, a_prev))
report("line 377 dWaa", g['dWaa'], numgrad(Lcell, P['Waa']))
report("line 380 dba ", g['dba'], numgrad(Lcell, P['ba']))

print("=== rnn_backward over T steps (lines 102, 450, 457-459, 462): L = sum(Gs*a), da = Gs")
x = rng.standard_normal((n_x, m, T)); a0 = rng.standard_normal((n_a, m)); Gs = rng.standard_normal((n_a, m, T))
def rnn_forward():
    an = a0; out = []; caches = []
    for t in range(T):
        ap = an; an, _ = rnn_cell_forward(x[:, :, t], an, P)     # line 102
        out.append(an); caches.append((an, ap, x[:, :, t]))
    return np.stack(out, 2), caches
def rnn_backward():
    _, caches = rnn_forward()
    dx = np.zeros((n_x, m, T)); dWax = 0; dWaa = 0; dba = 0; da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T)):
        an, ap, xt_ = caches[t]
        gr = rnn_cell_backward(Gs[:, :, t] + da_prevt, an, ap, xt_, P)   # line 450
        da_prevt = gr['da_prev']; dx[:, :, t] = gr['dxt']
        dWax += gr['dWax']; dWaa += gr['dWaa']; dba += gr['dba']        # lines 457-459
    return dict(dx=dx, da0=da_prevt, dWax=dWax, dWaa=dWaa, dba=dba)      # line 462 da0 = da_prevt
Lr = lambda: np.sum(Gs*rnn_forward()[0]); gr = rnn_backward()
report("lines 450/457 dWax", gr['dWax'], numgrad(Lr, P['Wax'])); report("lines 450/458 dWaa", gr['dWaa'], numgrad(Lr, P['Waa']))
report("lines 450/459 dba ", gr['dba'], numgrad(Lr, P['ba'])); report("line 462 da0      ", gr['da0'], numgrad(Lr, a0))
report("line 450 dx       ", gr['dx'], numgrad(Lr, x))

# ---------------- LSTM ----------------
Q = {k: rng.standard_normal((n_a, n_a+n_x))*.5 for k in ['Wf', 'Wi', 'Wc', 'Wo']}
Q.update({k: rng.standard_normal((n_a, 1))*.1 for k in ['bf', 'bi', 'bc', 'bo']})
Q['Wy'] = rng.standard_normal((n_y, n_a))*.5; Q['by'] = rng.standard_normal((n_y, 1))*.1
def lstm_cell_forward(xt, a_prev, c_prev, Q):
    contact = np.zeros([n_x + n_a, xt.shape[1]])
    contact[:n_a, :] = a_prev                                 # line 185
    contact[n_a:, :] = xt                                     # line 186
    ft = sig(np.dot(Q['Wf'], contact) + Q['bf'])              # line 190
    it = sig(np.dot(Q['Wi'], contact) + Q['bi'])              # line 193
    ot = sig(np.dot(Q['Wo'], contact) + Q['bo'])              # line 196
    cct = np.tanh(np.dot(Q['Wc'], contact) + Q['bc'])         # line 199
    c_next = ft*c_prev + it*cct                               # line 202
    a_next = ot*np.tanh(c_next)                               # line 205
    yt = softmax(np.dot(Q['Wy'], a_next) + Q['by'])           # line 208
    return a_next, c_next, yt, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt)
def lstm_cell_backward(da_next, dc_next, cache, fix=False):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt = cache
    th2 = 1 - np.square(np.tanh(c_next))
    dot = da_next*np.tanh(c_next)*ot*(1-ot)                                   # line 528
    if not fix: dcct = (dc_next*it + da_next*ot*th2)*(1-np.square(cct))       # line 529 as written
    else:       dcct = (dc_next*it + da_next*ot*th2*it)*(1-np.square(cct))    # (corrected)
    dit = (dc_next*cct + da_next*ot*th2*cct)*it*(1-it)                        # line 530
    dft = (dc_next*c_prev + da_next*ot*th2*c_prev)*ft*(1-ft)                  # line 531
    concat = np.concatenate((a_prev, xt), axis=0).T                           # line 534
    d = dict(dWf=np.dot(dft, concat), dWi=np.dot(dit, concat), dWc=np.dot(dcct, concat), dWo=np.dot(dot, concat),  # 535-538
             dbf=np.sum(dft, 1, keepdims=True), dbi=np.sum(dit, 1, keepdims=True), dbc=np.sum(dcct, 1, keepdims=True),
             dbo=np.sum(dot, 1, keepdims=True))                               # 539-542 ("bdo")
    d['da_prev'] = (Q['Wf'][:, :n_a].T@dft + Q['Wc'][:, :n_a].T@dcct + Q['Wi'][:, :n_a].T@dit + Q['Wo'][:, :n_a].T@dot)   # 545
    d['dc_prev'] = dc_next*ft + da_next*ot*th2*ft                                                                          # 547
    Wc_x = Q['Wc'][:, n_a:] if fix else Q['Wc'][:, :n_a]
    try:
        d['dxt'] = (Q['Wf'][:, n_a:].T@dft + Wc_x.T@dcct + Q['Wi'][:, n_a:].T@dit + Q['Wo'][:, n_a:].T@dot)               # 549
    except ValueError:
        d['dxt'] = None   # author's Wc[:, :n_a] slice gives an (n_a,m) term that cannot be added when n_x != n_a
    d['_dpre'] = dict(o=dot, c=dcct, i=dit, f=dft)
    return d

print("=== LSTM cell: L = sum(Ga*a_next) + sum(Gc*c_next)  (da_next = Ga, dc_next = Gc)")
n_x2 = n_x
xt = rng.standard_normal((n_x, m)); a_prev = rng.standard_normal((n_a, m)); c_prev = rng.standard_normal((n_a, m))
Ga = rng.standard_normal((n_a, m)); Gc = rng.standard_normal((n_a, m))
def Lc():
    a, c, _, _ = lstm_cell_forward(xt, a_prev, c_prev, Q); return np.sum(Ga*a) + np.sum(Gc*c)
cache = lstm_cell_forward(xt, a_prev, c_prev, Q)[3]
d = lstm_cell_backward(Ga, Gc, cache)
# pre-activation gradients via FD on the pre-activations
contact = np.concatenate((a_prev, xt), 0)
pre = {k: np.dot(Q['W'+k], contact) + Q['b'+k] for k in 'fioc'}
def Lpre():
    ft, it, ot, cct = sig(pre['f']), sig(pre['i']), sig(pre['o']), np.tanh(pre['c'])
    c = ft*c_prev + it*cct; return np.sum(Ga*ot*np.tanh(c)) + np.sum(Gc*c)
for k, line in [('o', 528), ('c', 529), ('i', 530), ('f', 531)]:
    report(f"line {line} d{k} (dL/d preact)", d['_dpre'][k], numgrad(Lpre, pre[k]))
for k, line in [('Wf', 535), ('Wi', 536), ('Wc', 537), ('Wo', 538), ('bf', 539), ('bi', 540), ('bc', 541), ('bo', 542)]:
    report(f"line {line} d{k}", d['d'+k], numgrad(Lc, Q[k]))
df = lstm_cell_backward(Ga, Gc, cache, fix=True)
report("line 537 dWc with line-529 fixed (formula itself)", df['dWc'], numgrad(Lc, Q['Wc']))
report("line 541 dbc with line-529 fixed (formula itself)", df['dbc'], numgrad(Lc, Q['bc']))
report("line 545 da_prev (as written, uses line-529 dcct)", d['da_prev'], numgrad(Lc, a_prev))
report("line 545 da_prev with line-529 fixed (formula itself)", df['da_prev'], numgrad(Lc, a_prev))
report("line 547 dc_prev", d['dc_prev'], numgrad(Lc, c_prev))
dfx = lstm_cell_backward(Ga, Gc, cache, fix=True); dfx_slice_only = dict(dfx)
# dxt: fix line 529 but keep the author's Wc[:, :n_a] slice, to isolate line 549
def dxt_with(slice_fix):
    a_next, c_next, a_prev_, c_prev_, ft, it, cct, ot, xt_ = cache
    p = dfx['_dpre']; Wc_x = Q['Wc'][:, n_a:] if slice_fix else Q['Wc'][:, :n_a]
    return Q['Wf'][:, n_a:].T@p['f'] + Wc_x.T@p['c'] + Q['Wi'][:, n_a:].T@p['i'] + Q['Wo'][:, n_a:].T@p['o']
try:
    report("line 549 dxt (author slice Wc[:, :n_a], n_x != n_a)", dxt_with(False), numgrad(Lc, xt))
except ValueError as e:
    print("line 549 dxt (author slice Wc[:, :n_a], n_x != n_a): DISAGREE (", str(e)[:60], ")")
report("line 549 dxt with Wc[:, n_a:] (corrected slice)", dxt_with(True), numgrad(Lc, xt))

print("=== LSTM cell with n_x == n_a (so line 549 is shape-valid) ")
n_x = n_a
Q2 = {k: rng.standard_normal((n_a, 2*n_a))*.5 for k in ['Wf', 'Wi', 'Wc', 'Wo']}
Q2.update({k: rng.standard_normal((n_a, 1))*.1 for k in ['bf', 'bi', 'bc', 'bo']}); Q2['Wy'] = Q['Wy']; Q2['by'] = Q['by']
Qsave = Q; Q = Q2
xt = rng.standard_normal((n_x, m))
cache = lstm_cell_forward(xt, a_prev, c_prev, Q)[3]
dfx = lstm_cell_backward(Ga, Gc, cache, fix=True)
report("line 549 dxt (author slice Wc[:, :n_a]; line 529 fixed)", dxt_with(False), numgrad(Lc, xt))
report("line 549 dxt (slice Wc[:, n_a:]; line 529 fixed)       ", dxt_with(True), numgrad(Lc, xt))
Q = Qsave; n_x = n_x2

print("=== lstm_backward over T steps: L = sum(Gs*a), c0 = 0 (lines 290, 606, 609-616, 619)")
x = rng.standard_normal((n_x, m, T))
def lstm_forward():
    an = a0; cn = np.zeros((n_a, m)); out = []; caches = []
    for t in range(T):
        an, cn, _, cache = lstm_cell_forward(x[:, :, t], an, cn, Q)   # line 290
        out.append(an); caches.append(cache)
    return np.stack(out, 2), caches
def lstm_backward(fix_cell, carry):
    _, caches = lstm_forward()
    dW = {k: 0 for k in ['dWf', 'dWi', 'dWc', 'dWo', 'dbf', 'dbi', 'dbc', 'dbo']}
    da_prevt = np.zeros((n_a, m)); dc_prect = np.zeros((n_a, m))
    for t in reversed(range(T)):
        g = lstm_cell_backward(Gs[:, :, t] + da_prevt, dc_prect, caches[t], fix=fix_cell)   # line 606
        for k in dW: dW[k] = dW[k] + g[k]                                                     # lines 609-616
        if carry: da_prevt, dc_prect = g['da_prev'], g['dc_prev']   # the update the author never wrote
    dW['da0'] = g['da_prev']                                         # line 619
    return dW
Ll = lambda: np.sum(Gs*lstm_forward()[0])
num = {k: numgrad(Ll, Q[k]) for k in ['Wf', 'Wo']}; num['a0'] = numgrad(Ll, a0)
gA = lstm_backward(fix_cell=True, carry=False)   # author's loop (da_prevt, dc_prect stay 0), cell corrected
gB = lstm_backward(fix_cell=True, carry=True)    # same loop with the recursion carried
report("line 606 dWf (author loop: da_prevt/dc_prect never updated)", gA['dWf'], num['Wf'])
report("line 606 dWo (author loop)", gA['dWo'], num['Wo'])
report("line 619 da0 (author loop)", gA['da0'], num['a0'])
report("lines 609-616 dWf (loop with recursion carried)", gB['dWf'], num['Wf'])
report("lines 609-616 dWo (loop with recursion carried)", gB['dWo'], num['Wo'])
report("line 619 da0 (loop with recursion carried)", gB['da0'], num['a0'])
