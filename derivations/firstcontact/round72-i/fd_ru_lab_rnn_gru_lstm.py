# Finite-difference check of ru_lab_rnn_gru_lstm.md (search-index file id 47819337377).
# Network: recurrent layer (many-to-one, row vectors) -> Dense(K, softmax) with categorical
# cross-entropy, the path of line 400 (delta = a - y). Gradients are compared before the
# author's np.clip / SGD step (clipping is a deliberate heuristic, not part of the derivative).
import numpy as np
rng = np.random.default_rng(2)
T, F, H, K = 5, 3, 4, 3
eps = 1e-6
def rel(a, b): return np.max(np.abs(a-b))/max(1e-12, np.max(np.abs(b)))
def report(name, a, b, line):
    r = rel(a, b); print(f"{'AGREE   ' if r < 1e-5 else 'DISAGREE'} line {line:>12}: {name:44s} rel.err {r:.2e}")
def fd(f, P):
    g = np.zeros_like(P); it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; old = P[i]
        P[i] = old+eps; fp = f(); P[i] = old-eps; fm = f(); P[i] = old
        g[i] = (fp-fm)/(2*eps)
    return g
sig = lambda x: 1/(1+np.exp(-x))
def softmax(z): e = np.exp(z-z.max()); return e/e.sum()

X = rng.normal(size=(T, F)); y = np.eye(K)[1].reshape(-1, 1)
Wd = rng.normal(size=(H+1, K))                       # Dense weights, row 0 = bias
P = {k: rng.normal(size=s)*0.6 for k, s in dict(Wz=(F, H), Uz=(H, H), bz=(1, H), Wr=(F, H), Ur=(H, H), br=(1, H),
                                                   Wh=(F, H), Uh=(H, H), bh=(1, H), Wx=(F, H), Whh=(H, H), b=(1, H),
                                                   Wf=(F, H), Uf=(H, H), bf=(1, H), Wi=(F, H), Ui=(H, H), bi=(1, H),
                                                   Wg=(F, H), Ug=(H, H), bg=(1, H), Wo=(F, H), Uo=(H, H), bo=(1, H)).items()}

def dense_forward(hT):
    x_bias = np.vstack([np.array([[1.0]]), hT.reshape(-1, 1)])        # line 44
    z = Wd.T @ x_bias                                                 # line 45
    return softmax(z)                                                 # line 47 (softmax activation)
def ce(a): return -np.sum(y*np.log(a))

def dense_backward(a, hT, lr):
    global Wd
    delta = a - y                                                     # line 400 (softmax + CE)
    x_bias = np.vstack([np.array([[1.0]]), hT.reshape(-1, 1)])
    grad = x_bias @ delta.T                                           # line 63
    W_old = Wd.copy()
    Wd = Wd - grad*lr                                                 # line 66
    next_delta = Wd[1:, :] @ delta                                    # line 69 (uses the UPDATED weights)
    correct = W_old[1:, :] @ delta
    Wd = W_old                                                        # restore for the FD runs
    return grad, next_delta, correct

# ---------------- forward passes (author's) ----------------
def rnn_fwd():
    hs = {-1: np.zeros((1, H))}
    for t in range(T):
        z = X[t].reshape(1, -1) @ P['Wx'] + hs[t-1] @ P['Whh'] + P['b']   # line 107
        hs[t] = np.tanh(z)                                                  # line 108
    return hs
def gru_fwd():
    hs = {-1: np.zeros((1, H))}; zs, rs, hts = {}, {}, {}
    for t in range(T):
        xt = X[t].reshape(1, -1); hp = hs[t-1]
        z = sig(xt @ P['Wz'] + hp @ P['Uz'] + P['bz'])                      # line 199
        r = sig(xt @ P['Wr'] + hp @ P['Ur'] + P['br'])                      # line 203
        ht = np.tanh(xt @ P['Wh'] + (r*hp) @ P['Uh'] + P['bh'])             # line 207
        hs[t] = (1-z)*hp + z*ht                                             # line 211
        zs[t], rs[t], hts[t] = z, r, ht
    return hs, zs, rs, hts
def lstm_fwd():
    hs = {-1: np.zeros((1, H))}; cs = {-1: np.zeros((1, H))}; cache = {}
    for t in range(T):
        xt = X[t].reshape(1, -1); hp = hs[t-1]; cp = cs[t-1]
        f = sig(xt @ P['Wf'] + hp @ P['Uf'] + P['bf'])                      # line 314
        i = sig(xt @ P['Wi'] + hp @ P['Ui'] + P['bi'])                      # line 315
        g = np.tanh(xt @ P['Wg'] + hp @ P['Ug'] + P['bg'])                  # line 316
        o = sig(xt @ P['Wo'] + hp @ P['Uo'] + P['bo'])                      # line 317
        c = f*cp + i*g                                                      # line 320
        h = o*np.tanh(c)                                                    # line 321
        hs[t], cs[t], cache[t] = h, c, (f, i, g, o, np.tanh(c))
    return hs, cs, cache

# ---------------- backward passes (author's, before clip) ----------------
def rnn_bwd(delta):
    hs = rnn_fwd(); g = {k: np.zeros_like(P[k]) for k in ('Wx', 'Whh', 'b')}
    dh_next = delta.reshape(1, -1)                                          # line 124
    for t in reversed(range(T)):
        xt = X[t].reshape(-1, 1)
        d_z = dh_next*(1-hs[t]**2)                                          # line 133
        g['Wx'] += xt @ d_z                                                 # line 136
        g['Whh'] += hs[t-1].T @ d_z                                         # line 137
        g['b'] += d_z                                                       # line 138
        dh_next = d_z @ P['Whh'].T                                          # line 141
    return g, dh_next
def gru_bwd(delta):
    hs, zs, rs, hts = gru_fwd(); g = {k: np.zeros_like(P[k]) for k in ('Wz', 'Uz', 'bz', 'Wr', 'Ur', 'br', 'Wh', 'Uh', 'bh')}
    dh_next = delta.reshape(1, -1)                                          # line 219
    for t in reversed(range(T)):
        xt = X[t].reshape(1, -1); hp = hs[t-1]; z, r, ht = zs[t], rs[t], hts[t]
        dh = dh_next                                                        # line 234
        dh_tilde = dh*z*(1-ht**2)                                           # line 238
        dz = dh*(ht-hp)*z*(1-z)                                             # line 241
        dr_term = (dh_tilde @ P['Uh'].T)*hp                                 # line 246
        dr = dr_term*r*(1-r)                                                # line 247
        g['Wh'] += xt.T @ dh_tilde; g['Wr'] += xt.T @ dr; g['Wz'] += xt.T @ dz                 # lines 250-252
        g['Uh'] += (r*hp).T @ dh_tilde; g['Ur'] += hp.T @ dr; g['Uz'] += hp.T @ dz            # lines 255-257
        g['bh'] += dh_tilde; g['br'] += dr; g['bz'] += dz                                     # lines 260-262
        dh_prev_z = dz @ P['Uz'].T                                          # line 266
        dh_prev_r = dr @ P['Ur'].T                                          # line 267
        dh_prev_h = (dh_tilde @ P['Uh'].T)*r                                # line 268
        dh_prev_direct = dh*(1-z)                                           # line 269
        dh_next = dh_prev_z + dh_prev_r + dh_prev_h + dh_prev_direct        # line 271
    return g, dh_next
def lstm_bwd(delta):
    hs, cs, cache = lstm_fwd(); g = {k: np.zeros_like(P[k]) for k in ('Wf', 'Uf', 'bf', 'Wi', 'Ui', 'bi', 'Wg', 'Ug', 'bg', 'Wo', 'Uo', 'bo')}
    dh_next = delta.reshape(1, -1); dc_next = np.zeros_like(dh_next)        # line 332
    for t in reversed(range(T)):
        xt = X[t].reshape(1, -1); hp = hs[t-1]; cp = cs[t-1]; f, i, gg, o, tc = cache[t]
        dh = dh_next                                                        # line 348
        do = dh*tc*o*(1-o)                                                  # line 350
        dc = dc_next + (dh*o*(1-tc**2))                                     # line 353
        dg = dc*i*(1-gg**2)                                                 # line 356
        di = dc*gg*i*(1-i)                                                  # line 357
        df = dc*cp*f*(1-f)                                                  # line 358
        for n, d in (('f', df), ('i', di), ('g', dg), ('o', do)):           # lines 361-364
            g['W'+n] += xt.T @ d; g['U'+n] += hp.T @ d; g['b'+n] += d
        dc_next = dc*f                                                      # line 367
        dh_next = df @ P['Uf'].T + di @ P['Ui'].T + dg @ P['Ug'].T + do @ P['Uo'].T   # line 368
    return g, dh_next

lines = {'Wx': '136', 'Whh': '137', 'b': '138', 'Wz': '252', 'Uz': '257', 'bz': '262', 'Wr': '251', 'Ur': '256', 'br': '261',
         'Wh': '250', 'Uh': '255', 'bh': '260', 'Wf': '361', 'Uf': '361', 'bf': '361', 'Wi': '362', 'Ui': '362', 'bi': '362',
         'Wg': '363', 'Ug': '363', 'bg': '363', 'Wo': '364', 'Uo': '364', 'bo': '364'}
for name, fwd, bwd, hT_of in (("SimpleRNN", rnn_fwd, rnn_bwd, lambda o: o[T-1]),
                              ("GRU", gru_fwd, gru_bwd, lambda o: o[0][T-1]),
                              ("LSTM", lstm_fwd, lstm_bwd, lambda o: o[0][T-1])):
    print("==", name, "+ Dense(softmax) + CE ==")
    loss = lambda: ce(dense_forward(hT_of(fwd())))
    hT = hT_of(fwd()); a = dense_forward(hT)
    gD, nd_written, nd_correct = dense_backward(a, hT, lr=0.1)
    report("Dense grad (incl. bias row)", gD, fd(loss, Wd), "63")
    # FD of dL/dh_T: perturb h_T directly
    hT_var = hT.copy(); fh = fd(lambda: ce(dense_forward(hT_var)), hT_var).reshape(-1, 1)
    report("next_delta AS WRITTEN (weights after SGD step, lr=0.1)", nd_written, fh, "69")
    report("next_delta with the pre-update weights", nd_correct, fh, "(fix 69)")
    g, _ = bwd(nd_correct)
    for k in g:
        report(f"{name} d{k} (exact delta from Dense)", g[k], fd(loss, P[k]), lines[k])
    g2, _ = bwd(nd_written)
    k0 = list(g)[1]
    report(f"{name} d{k0} fed the as-written next_delta", g2[k0], fd(loss, P[k0]), "<- 69")
