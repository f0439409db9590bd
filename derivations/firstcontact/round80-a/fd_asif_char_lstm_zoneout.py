# Finite-difference check of asif_char_lstm_zoneout.py (Asif-Islam/Char-LSTM-RNN layers.py @ 990ab2e).
# The author's forward and backward formulas are re-typed line by line (Python 3, masks passed in
# as fixed 0/1 float arrays instead of being drawn inside the step), then compared with central
# differences of the author's own forward pass.
import numpy as np

rng = np.random.default_rng(0)
EPS = 1e-6


def sigmoid(X):                      # lines 277-285
    p_mask = (X >= 0); n_mask = (X < 0)
    z = np.zeros_like(X)
    z[p_mask] = np.exp(-X[p_mask]); z[n_mask] = np.exp(X[n_mask])
    top = np.ones_like(X); top[n_mask] = z[n_mask]
    return top / (1 + z)


def step_forward(X, h_prev, c_prev, Wxh, Whh, b, train, h_mask=None, c_mask=None, gates=None):
    H = h_prev.shape[1]
    a = np.dot(X, Wxh) + np.dot(h_prev, Whh) + b                       # 84
    i = sigmoid(a[:, 0:H]); f = sigmoid(a[:, H:2*H])                    # 87,88
    o = sigmoid(a[:, 2*H:3*H]); g = np.tanh(a[:, 3*H:4*H])              # 89,90
    if gates is not None:            # optional override of gate values (to differentiate wrt a gate)
        i, f, o, g = gates
    if train:
        c_next = (f * c_prev) + (i * g)                                 # 101
        h_next = h_mask * h_prev + (1 - h_mask) * o * np.tanh(c_next)   # 102
        c_next = c_mask * c_prev + (1 - c_mask) * c_next                # 103
    else:
        c_next = (f * c_prev) + (i * g)                                 # 106
        h_next = o * np.tanh(c_next)                                    # 107
    cache = dict(i=i, f=f, o=o, g=g, X=X, Wxh=Wxh, Whh=Whh, b=b, h_prev=h_prev, c_prev=c_prev,
                 h_next=h_next, c_next=c_next, h_mask=h_mask, c_mask=c_mask, a=a)
    return h_next, c_next, cache


def step_backward(dh_next, dc_next, cache, train, mode_is_string_train=False):
    i, f, o, g = cache['i'], cache['f'], cache['o'], cache['g']
    X, Wxh, Whh = cache['X'], cache['Wxh'], cache['Whh']
    h_prev, c_prev, c_next = cache['h_prev'], cache['c_prev'], cache['c_next']
    r = {}
    if train:
        h_mask, c_mask = cache['h_mask'], cache['c_mask']
        do = (1 - h_mask) * np.tanh(c_next) * dh_next                                              # 154
        dc_next = dc_next + (dh_next * o * (1 - h_mask)) * (1 - np.tanh(c_next) * np.tanh(c_next))  # 155
        dc_prev = dc_next * (c_mask + (1 - c_mask) * f)                                            # 156
        df = dc_next * c_prev * (1 - c_mask)                                                       # 157
        di = dc_next * ((1 - c_mask) * g)                                                          # 158
        dg = dc_next * ((1 - c_mask) * i)                                                          # 159
    else:
        do = np.tanh(c_next) * dh_next                                       # 161
        dc_next = dc_next + (dh_next * o) * (1 - np.tanh(c_next) * np.tanh(c_next))  # 162
        dc_prev = dc_next * f                                                # 163
        df = dc_next * c_prev                                                # 164
        di = dc_next * g                                                     # 165
        dg = dc_next * i                                                     # 166
    ddi = di * i * (1 - i)                                                   # 169
    ddf = df * f * (1 - f)                                                   # 170
    ddo = do * o * (1 - o)                                                   # 171
    ddg = dg * (1 - g*g)                                                     # 172
    dact = np.hstack((ddi, ddf, ddo, ddg))                                   # 173
    dWx = np.dot(X.T, dact)                                                  # 176
    dX = np.dot(dact, Wxh.T)                                                 # 177
    dWh = np.dot(h_prev.T, dact)                                             # 178
    dh_prev = np.dot(dact, Whh.T)                                            # 179
    dh_prev_183 = dh_prev + (cache['h_mask'] if train else 0)                # 183 if it ever ran
    db = np.sum(dact, axis=0)                                                # 185
    r.update(do=do, dc_cell=dc_next, dc_prev=dc_prev, df=df, di=di, dg=dg, ddi=ddi, ddf=ddf,
             ddo=ddo, ddg=ddg, dact=dact, dWx=dWx, dX=dX, dWh=dWh, dh_prev=dh_prev,
             dh_prev_183=dh_prev_183, db=db)
    return r


def num_grad(fun, x):
    gr = np.zeros_like(x)
    it = np.nditer(x, flags=['multi_index'])
    for _ in it:
        ix = it.multi_index
        old = x[ix]
        x[ix] = old + EPS; fp = fun()
        x[ix] = old - EPS; fm = fun()
        x[ix] = old
        gr[ix] = (fp - fm) / (2 * EPS)
    return gr


def report(name, a, b, line):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print(f"  line {line:>7}: {name:<28} {'AGREES' if err < 1e-5 else 'DIFFERS'}  (rel err {err:.2e})")


N, D, H = 3, 4, 5
X = rng.normal(size=(N, D)); h_prev = rng.normal(size=(N, H)); c_prev = rng.normal(size=(N, H))
Wxh = rng.normal(size=(D, 4*H)) * 0.5; Whh = rng.normal(size=(H, 4*H)) * 0.5; b = rng.normal(size=4*H) * 0.1
Gh = rng.normal(size=(N, H)); Gc = rng.normal(size=(N, H))      # upstream dh_next, dc_next


def check_step(train, h_mask=None, c_mask=None):
    def L(Xv=X, hp=h_prev, cp=c_prev, gates=None):
        h, c, _ = step_forward(Xv, hp, cp, Wxh, Whh, b, train, h_mask, c_mask, gates)
        return np.sum(Gh * h) + np.sum(Gc * c)
    _, _, cache = step_forward(X, h_prev, c_prev, Wxh, Whh, b, train, h_mask, c_mask)
    r = step_backward(Gh, Gc, cache, train)
    i, f, o, g = [cache[k].copy() for k in 'ifog']
    gates = [i, f, o, g]
    report('do = dL/do', r['do'], num_grad(lambda: L(gates=gates), gates[2]), '154' if train else '161')
    # dL/d(candidate cell c~ = f*c_prev + i*g): perturb c~ through g with i fixed -> divide by i
    dLdg = num_grad(lambda: L(gates=gates), gates[3])
    report('dc_next = dL/dc~ (cell)', r['dc_cell'], dLdg / i, '155' if train else '162')
    report('dc_prev = dL/dc_prev', r['dc_prev'], num_grad(lambda: L(), c_prev), '156' if train else '163')
    report('df = dL/df', r['df'], num_grad(lambda: L(gates=gates), gates[1]), '157' if train else '164')
    report('di = dL/di', r['di'], num_grad(lambda: L(gates=gates), gates[0]), '158' if train else '165')
    report('dg = dL/dg', r['dg'], dLdg, '159' if train else '166')
    # pre-activation gradients: perturb a through b (a = ... + b, each column of b shifts one column of a)
    bb = b
    def Lb():
        h, c, _ = step_forward(X, h_prev, c_prev, Wxh, Whh, bb, train, h_mask, c_mask)
        return np.sum(Gh * h) + np.sum(Gc * c)
    # per-example dact via perturbing a row-wise: use X-independent trick with a per-row bias
    A0 = cache['a'].copy()
    def L_of_a():
        Hh = H
        i_ = sigmoid(A0[:, :Hh]); f_ = sigmoid(A0[:, Hh:2*Hh]); o_ = sigmoid(A0[:, 2*Hh:3*Hh]); g_ = np.tanh(A0[:, 3*Hh:])
        h, c, _ = step_forward(X, h_prev, c_prev, Wxh, Whh, b, train, h_mask, c_mask, [i_, f_, o_, g_])
        return np.sum(Gh * h) + np.sum(Gc * c)
    dA = num_grad(L_of_a, A0)
    report('ddi (dL/da_i)', r['ddi'], dA[:, :H], '169')
    report('ddf (dL/da_f)', r['ddf'], dA[:, H:2*H], '170')
    report('ddo (dL/da_o)', r['ddo'], dA[:, 2*H:3*H], '171')
    report('ddg (dL/da_g)', r['ddg'], dA[:, 3*H:], '172')
    # given the true dL/da, the linear-layer formulas 176-179,185 (checked with true dact)
    report('dWx = X.T dact (true dact)', np.dot(X.T, dA), num_grad(lambda: L(), Wxh), '176')
    report('dWx author (author dact)', r['dWx'], num_grad(lambda: L(), Wxh), '176')
    report('dX = dact Wxh.T (true dact)', np.dot(dA, Wxh.T), num_grad(lambda: L(), X), '177')
    report('dWh = h_prev.T dact (true)', np.dot(h_prev.T, dA), num_grad(lambda: L(), Whh), '178')
    report('db = sum dact (true dact)', np.sum(dA, axis=0), num_grad(lambda: Lb(), b), '185')
    report('dh_prev author (179 only)', r['dh_prev'], num_grad(lambda: L(), h_prev), '179')
    report('dh_prev gate part (true dact)', np.dot(dA, Whh.T),
           num_grad(lambda: L(), h_prev) - (Gh * h_mask if train else 0), '179')
    if train:
        report('dh_prev + h_mask (183)', r['dh_prev_183'], num_grad(lambda: L(), h_prev), '183')
        report('dh_prev + h_mask*dh_next (fix)', r['dh_prev'] + h_mask * Gh, num_grad(lambda: L(), h_prev), '183 fix')


print("== test mode (no zoneout), one step")
check_step(False)
print("== train mode, masks all zero (zoneout never fires)")
Z = np.zeros((N, H))
check_step(True, Z, Z)
print("== train mode, random 0/1 masks zh=zc=0.5")
hm = (rng.random((N, H)) < 0.5).astype(float); cm = (rng.random((N, H)) < 0.5).astype(float)
check_step(True, hm, cm)


# ---- whole sequence + softmax loss (lines 218, 257-260, 300-301, 331-338, 28-29, 50-52) ----
def softmax(X, temp):
    probs = np.exp((X - np.max(X, axis=1, keepdims=True)) / temp)   # 300
    probs /= np.sum(probs, axis=1, keepdims=True)                    # 301
    return probs


def loss_fn(S, y, temp):
    N_, T_, V = S.shape
    flat_X = S.reshape(N_ * T_, V); flat_y = [int(k) for k in y.reshape(N_ * T_)]
    probs = softmax(flat_X, temp)
    loss = -np.sum(np.log(probs[np.arange(N_*T_), flat_y])) / N_     # 331-332
    flat_ds = probs.copy()                                           # 335
    flat_ds[np.arange(N_*T_), flat_y] -= 1                           # 336
    flat_ds /= N_                                                    # 337
    return loss, flat_ds.reshape(N_, T_, V)


T, V = 4, 6
Xs = rng.normal(size=(N, T, D)); h0 = rng.normal(size=(N, H)); Why = rng.normal(size=(H, V)); b2 = rng.normal(size=V)
y = rng.integers(0, V, size=(N, T))
HM = (rng.random((T, N, H)) < 0.5).astype(float); CM = (rng.random((T, N, H)) < 0.5).astype(float)


def seq(train, temp):
    hs = {-1: h0}; cs = {-1: np.zeros((N, H))}; caches = {}
    hh = np.zeros((N, T, H))
    for t in range(T):
        hs[t], cs[t], caches[t] = step_forward(Xs[:, t, :], hs[t-1], cs[t-1], Wxh, Whh, b, train,
                                               HM[t] if train else None, CM[t] if train else None)
        hh[:, t, :] = hs[t]
    S = hh.reshape(N * T, H).dot(Why).reshape(N, T, V) + b2           # 28-29
    loss, ds = loss_fn(S, y, temp)
    return loss, ds, hh, caches


def seq_backward(train, temp):
    loss, ds, hh, caches = seq(train, temp)
    dhid = ds.reshape(N * T, V).dot(Why.T).reshape(N, T, H)          # 50
    dWhy = ds.reshape(N * T, V).T.dot(hh.reshape(N * T, H)).T        # 51
    db2 = np.sum(ds, axis=(0, 1))                                    # 52
    dh0 = np.zeros_like(h0); dc = np.zeros_like(h0)
    gW = np.zeros_like(Wxh); gU = np.zeros_like(Whh); gb = np.zeros_like(b)
    for t in reversed(range(T)):                                     # 257-260
        r = step_backward(dhid[:, t, :] + dh0, dc, caches[t], train)
        dh0, dc = r['dh_prev'], r['dc_prev']
        gW += r['dWx']; gU += r['dWh']; gb += r['db']
    return dict(Wxh=gW, Whh=gU, b=gb, h0=dh0, Why=dWhy, b2=db2)


for train, temp in [(False, 1.0), (True, 1.0), (False, 0.5)]:
    print(f"== full sequence T={T}, train={train}, temp={temp}")
    g = seq_backward(train, temp)
    for name, P in [('Why', Why), ('b2', b2), ('Wxh', Wxh), ('Whh', Whh), ('b', b), ('h0', h0)]:
        report(f'd{name} (BPTT, lines 50-52,257-260)', g[name], num_grad(lambda: seq(train, temp)[0], P), 'seq')
    S0 = rng.normal(size=(N, T, V))
    report('ds = (probs-onehot)/N', loss_fn(S0, y, temp)[1], num_grad(lambda: loss_fn(S0, y, temp)[0], S0), '335-337')
