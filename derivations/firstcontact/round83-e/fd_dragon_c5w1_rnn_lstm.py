# Finite-difference check of dragon_c5w1_rnn_lstm.py (numpy only).
# Column layout: a, c are (n_a, m); x_t is (n_x, m); W* are (n_a, n_a+n_x) acting on [a_prev; x_t].
import numpy as np
rng = np.random.default_rng(0)
n_a, n_x, m, T = 3, 2, 2, 3
sig = lambda z: 1/(1+np.exp(-z))
def rel(a, b): return np.max(np.abs(a-b))/max(1e-12, np.max(np.abs(a))+np.max(np.abs(b)))
def report(name, a, b):
    r = rel(a, b); print(f"{name:58s} {'AGREE' if r < 1e-6 else 'DIFFER'}  rel={r:.2e}")
def fd(f, P, eps=1e-6):
    g = np.zeros_like(P); it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; o = P[i]
        P[i] = o+eps; fp = f(); P[i] = o-eps; fm = f(); P[i] = o
        g[i] = (fp-fm)/(2*eps)
    return g

# ---------- RNN cell (lines 42, 214-222) and rnn_backward (257-263) ----------
Wax, Waa = rng.normal(size=(n_a,n_x)), rng.normal(size=(n_a,n_a)); ba = rng.normal(size=(n_a,1))
xs = rng.normal(size=(n_x,m,T)); a0 = rng.normal(size=(n_a,m)); G = rng.normal(size=(n_a,m,T))
def rnn_loss():
    a = a0; L = 0
    for t in range(T):
        a = np.tanh(Waa@a + Wax@xs[:,:,t] + ba); L += np.sum(G[:,:,t]*a)
    return L
# author's backward, lines as written
a_list=[a0]
for t in range(T): a_list.append(np.tanh(Waa@a_list[-1] + Wax@xs[:,:,t] + ba))
dWax=np.zeros_like(Wax); dWaa=np.zeros_like(Waa); dba=np.zeros_like(ba); da_prevt=np.zeros((n_a,m)); dx=np.zeros_like(xs)
for t in reversed(range(T)):
    da_next = G[:,:,t]+da_prevt                                   # line 257
    dtanh = (1 - np.square(a_list[t+1])) * da_next                # line 214
    dxt = np.dot(Wax.T, dtanh); dWaxt = np.dot(dtanh, xs[:,:,t].T) # 216, 217
    da_prevt = np.dot(Waa.T, dtanh); dWaat = np.dot(dtanh, a_list[t].T) # 219, 220
    dbat = np.sum(dtanh, keepdims=True, axis=-1)                  # 222
    dx[:,:,t]=dxt; dWax+=dWaxt; dWaa+=dWaat; dba+=dbat            # 259-262
da0 = da_prevt                                                   # 263
report("RNN dWax (217+260)", dWax, fd(rnn_loss, Wax))
report("RNN dWaa (220+261)", dWaa, fd(rnn_loss, Waa))
report("RNN dba (222+262)", dba, fd(rnn_loss, ba))
report("RNN dx (216+259)", dx, fd(rnn_loss, xs))
report("RNN da0 (219+263)", da0, fd(rnn_loss, a0))

# ---------- LSTM cell: intended model (input gate uses bi) ----------
P = {k: rng.normal(size=(n_a,n_a+n_x)) for k in ["Wf","Wi","Wc","Wo"]}
for k in ["bf","bi","bc","bo"]: P[k] = rng.normal(size=(n_a,1))
xt = rng.normal(size=(n_x,m)); a_prev = rng.normal(size=(n_a,m)); c_prev = rng.normal(size=(n_a,m))
Ga, Gc = rng.normal(size=(n_a,m)), rng.normal(size=(n_a,m))
def cell(a_prev, c_prev, xt, author_bias=False):
    z = np.concatenate([a_prev, xt], 0)
    ft = sig(P["Wf"]@z+P["bf"]); it = sig(P["Wi"]@z+(P["bf"] if author_bias else P["bi"]))
    cct = np.tanh(P["Wc"]@z+P["bc"]); c = it*cct+ft*c_prev; ot = sig(P["Wo"]@z+P["bo"]); a = ot*np.tanh(c)
    return a, c, ft, it, cct, ot
def cell_loss(): a, c, *_ = cell(a_prev, c_prev, xt); return np.sum(Ga*a)+np.sum(Gc*c)
def cell_loss_author(): a, c, *_ = cell(a_prev, c_prev, xt, True); return np.sum(Ga*a)+np.sum(Gc*c)
g_bi_author = fd(cell_loss_author, P["bi"]); g_bi = fd(cell_loss, P["bi"])
print(f"{'line 135: with the author forward dL/dbi is identically 0':58s} {'CONFIRMED' if np.max(np.abs(g_bi_author))<1e-9 and np.max(np.abs(g_bi))>1e-3 else 'NOT'} (|dL/dbi| intended = {np.max(np.abs(g_bi)):.3f})")

a_next, c_next, ft, it, cct, ot = cell(a_prev, c_prev, xt)
da_next, dc_next = Ga, Gc
# author's lines 296-316 as written
dot = da_next * np.tanh(c_next) * ot * 1-(ot)
dcct = (dc_next * it + ot * (1 - np.square(np.tanh((c_next))) * it * da_next) * (1 - np.square(cct)))
dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * da_next) * it * (1 - it)
dft = (dc_next * c_prev + ot * (1 - np.square(np.tanh(c_next))) * c_prev * da_next) * ft * (1 - ft)
concat = np.concatenate((a_prev, xt), axis=0).T
dWf, dWi, dWc, dWo = dft@concat, dit@concat, dcct@concat, dot@concat
dbf, dbi, dbc, dbo = [np.sum(v, axis=1, keepdims=True) for v in (dft, dit, dcct, dot)]
da_prev_a = P["Wf"][:, :n_a].T@dft + P["Wc"][:, :n_a].T@dcct + P["Wi"][:, :n_a].T@dit + P["Wo"][:, :n_a].T@dot
dc_prev_a = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next
dxt_a = P["Wf"][:, n_a:].T@dft + P["Wc"][:, n_a:].T@dcct + P["Wi"][:, n_a:].T@dit + P["Wo"][:, n_a:].T@dot
# true pre-activation gradients via FD on the biases (bias grad summed over batch = sum of pre-activation grads);
# pre-activation grads themselves via perturbing a shared additive offset per gate
def pre_grad(gate):
    D = np.zeros((n_a,m))
    def f():
        z = np.concatenate([a_prev, xt], 0)
        pre = {k: P["W"+k]@z+P["b"+k] for k in "fico"}; pre[gate] = pre[gate]+D
        ft_, it_, cc_, ot_ = sig(pre["f"]), sig(pre["i"]), np.tanh(pre["c"]), sig(pre["o"])
        c = it_*cc_+ft_*c_prev; a = ot_*np.tanh(c); return np.sum(Ga*a)+np.sum(Gc*c)
    return fd(f, D)
report("line 296 dot (output-gate pre-activation)", dot, pre_grad("o"))
report("line 297 dcct (candidate pre-activation)", dcct, pre_grad("c"))
report("line 298 dit (input-gate pre-activation)", dit, pre_grad("i"))
report("line 299 dft (forget-gate pre-activation)", dft, pre_grad("f"))
report("line 302 dWf", dWf, fd(cell_loss, P["Wf"]))
report("line 303 dWi", dWi, fd(cell_loss, P["Wi"]))
report("line 304 dWc (uses wrong dcct)", dWc, fd(cell_loss, P["Wc"]))
report("line 305 dWo (uses wrong dot)", dWo, fd(cell_loss, P["Wo"]))
report("line 306 dbf", dbf, fd(cell_loss, P["bf"]))
report("line 307 dbi", dbi, fd(cell_loss, P["bi"]))
report("line 311 da_prev (uses wrong dot,dcct)", da_prev_a, fd(cell_loss, a_prev))
report("line 314 dc_prev", dc_prev_a, fd(cell_loss, c_prev))
report("line 316 dxt (uses wrong dot,dcct)", dxt_a, fd(cell_loss, xt))
# the same rows when fed the correct dot and dcct (shows 302-316 are right as formulas)
dot_c, dcct_c = pre_grad("o"), pre_grad("c")
report("line 305 dWo with correct dot", dot_c@concat, fd(cell_loss, P["Wo"]))
report("line 304 dWc with correct dcct", dcct_c@concat, fd(cell_loss, P["Wc"]))
report("line 309 dbo with correct dot", np.sum(dot_c,1,keepdims=True), fd(cell_loss, P["bo"]))
report("line 308 dbc with correct dcct", np.sum(dcct_c,1,keepdims=True), fd(cell_loss, P["bc"]))
report("line 311 da_prev with correct dot,dcct", P["Wf"][:, :n_a].T@dft + P["Wc"][:, :n_a].T@dcct_c + P["Wi"][:, :n_a].T@dit + P["Wo"][:, :n_a].T@dot_c, fd(cell_loss, a_prev))
report("line 316 dxt with correct dot,dcct", P["Wf"][:, n_a:].T@dft + P["Wc"][:, n_a:].T@dcct_c + P["Wi"][:, n_a:].T@dit + P["Wo"][:, n_a:].T@dot_c, fd(cell_loss, xt))

# ---------- lstm_backward loop (365-379) with a CORRECT cell backward ----------
def cell_back(da_next, dc_next, a_prev, c_prev, xt):
    a_n, c_n, ft, it, cct, ot = cell(a_prev, c_prev, xt)
    dcs = dc_next + ot*(1-np.tanh(c_n)**2)*da_next
    dot = da_next*np.tanh(c_n)*ot*(1-ot); dcct = dcs*it*(1-cct**2); dit = dcs*cct*it*(1-it); dft = dcs*c_prev*ft*(1-ft)
    z = np.concatenate((a_prev, xt), 0).T
    g = {"dWf": dft@z, "dWi": dit@z, "dWc": dcct@z, "dWo": dot@z}
    g["da_prev"] = sum(P["W"+k][:, :n_a].T@d for k, d in zip("fcio", (dft, dcct, dit, dot)))
    g["dxt"] = sum(P["W"+k][:, n_a:].T@d for k, d in zip("fcio", (dft, dcct, dit, dot)))
    g["dc_prev"] = dcs*ft
    return g
X = rng.normal(size=(n_x,m,T)); A0 = rng.normal(size=(n_a,m)); GA = rng.normal(size=(n_a,m,T))
def seq_loss():
    a, c = A0, np.zeros((n_a,m)); L = 0
    for t in range(T):
        a, c, *_ = cell(a, c, X[:,:,t]); L += np.sum(GA[:,:,t]*a)
    return L
states=[(A0, np.zeros((n_a,m)))]
for t in range(T):
    a, c, *_ = cell(*states[-1], X[:,:,t]); states.append((a, c))
def run(author, only=None):
    da_prev = np.zeros((n_a,m)); dc_prev = np.zeros((n_a,m)); dWf = np.zeros_like(P["Wf"])
    for t in reversed(range(T)):
        g = cell_back(GA[:,:,t]+da_prev, dc_prev, *states[t], X[:,:,t])   # line 365
        dWf = dWf + g['dWf']                                             # line 368
        if only == 376:
            da_prev = da_prev + g['da_prev']; dc_prev = g['dc_prev']
        elif only == 377:
            da_prev = g['da_prev']; dc_prev + dc_prev + g['dc_prev']
        elif author:
            da_prev = da_prev + g['da_prev']                             # line 376 as written
            dc_prev + dc_prev + g['dc_prev']                             # line 377 as written (no effect)
        else:
            da_prev = g['da_prev']; dc_prev = g['dc_prev']
    return dWf, g['da_prev']                                              # line 379
gW = fd(seq_loss, P["Wf"]); gA0 = fd(seq_loss, A0)
dWf_auth, da0_auth = run(True); dWf_ok, da0_ok = run(False)
report("lines 376-377 as written: total dWf over T=3", dWf_auth, gW)
report("lines 376-377 as written: da0", da0_auth, gA0)
report("same loop with da_prev=g, dc_prev=g (368, 379 ok)", dWf_ok, gW)
report("same loop, da0 (line 379)", da0_ok, gA0)
# (dWf gets no contribution from t=0 because c_{-1}=0, so the da_prev error of line 376 shows in da0)
report("only line 376 wrong (accumulates da_prev): da0", run(False, 376)[1], gA0)
report("only line 377 wrong (dc_prev never updated): dWf", run(False, 377)[0], gW)
