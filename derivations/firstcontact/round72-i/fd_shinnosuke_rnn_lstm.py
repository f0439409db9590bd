# Finite-difference check of shinnosuke_rnn_lstm.md (E1eveNn/shinnosuke, commit 331307f).
# Author's forward and backward ported line by line (row-vector layout, batch first).
import numpy as np
rng = np.random.default_rng(0)
B, T, NI, H = 2, 4, 3, 3
eps = 1e-6

def sig(x): return 1/(1+np.exp(-x))

def rel(a, b): return np.max(np.abs(a-b))/max(1e-12, np.max(np.abs(b)))
def report(name, a, b, line):
    r = rel(a, b); print(f"{'AGREE   ' if r < 1e-5 else 'DISAGREE'} line {line:>8}: {name:40s} rel.err {r:.2e}")

def fd(f, P):
    g = np.zeros_like(P)
    it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; old = P[i]
        P[i] = old+eps; fp = f(); P[i] = old-eps; fm = f(); P[i] = old
        g[i] = (fp-fm)/(2*eps)
    return g

# ---------------- SimpleRNNCell ----------------
X = rng.normal(size=(B, T, NI))
Wxa = rng.normal(size=(NI, H))*0.7; Waa = rng.normal(size=(H, H))*0.7; ba = rng.normal(size=H)*0.3
Rseq = rng.normal(size=(B, T, H)); Rlast = rng.normal(size=(B, H))

def rnn_forward():
    prev_a = np.zeros((B, T+1, H))
    for t in range(1, T+1):                                               # line 102
        prev_a[:, t, :] = np.tanh(X[:, t-1, :].dot(Wxa)+prev_a[:, t-1, :].dot(Waa)+ba)
    return prev_a

def rnn_loss(seq):
    out = rnn_forward()[:, 1:, :]
    return np.sum(Rseq*out) if seq else np.sum(Rlast*out[:, -1, :])

def rnn_backward(seq, fix_index=False):
    prev_a = rnn_forward(); out = prev_a
    gWaa = np.zeros_like(Waa); gWxa = np.zeros_like(Wxa); gba = np.zeros_like(ba); grad = np.zeros_like(X)
    idx = (lambda t: t) if fix_index else (lambda t: t-1)
    if seq:
        pre_grad = Rseq; da_next = np.zeros((B, H))
        for t in reversed(range(T)):
            dz = (pre_grad[:, t, :]+da_next)*(1-np.square(out[:, t+1, :]))    # line 118
            gWaa += np.dot(prev_a[:, idx(t), :].T, dz)                          # line 120
            gWxa += np.dot(X[:, t, :].T, dz)                                    # line 122
            gba += np.sum(dz, axis=0)                                           # line 124
            da_next = np.dot(dz, Waa.T)                                         # line 125
            grad[:, t, :] = np.dot(dz, Wxa.T)                                   # line 127
    else:
        da = Rlast
        for t in reversed(range(T)):
            da = da*(1-np.square(out[:, t+1, :]))                                # line 131
            gWaa += np.dot(prev_a[:, idx(t), :].T, da)                           # line 133
            gWxa += np.dot(X[:, t, :].T, da)                                     # line 135
            gba += np.sum(da, axis=0)                                            # line 137
            grad[:, t, :] = np.dot(da, Wxa.T)                                    # line 139
            da = np.dot(da, Waa.T)                                               # line 140
    return gWxa, gWaa, gba, grad

print("== SimpleRNNCell (tanh) ==")
for seq, L in ((True, "118-127"), (False, "131-140")):
    f = lambda: rnn_loss(seq)
    gWxa, gWaa, gba, grad = rnn_backward(seq)
    tag = "return_sequences=%s" % seq
    report(tag+" Wxa.grads", gWxa, fd(f, Wxa), "122" if seq else "135")
    report(tag+" ba.grads", gba, fd(f, ba), "124" if seq else "137")
    report(tag+" grad (dL/dx, via da_next)", grad, fd(f, X), "125/127" if seq else "139/140")
    report(tag+" Waa.grads AS WRITTEN prev_a[t-1]", gWaa, fd(f, Waa), "120" if seq else "133")
    gWaa_fix = rnn_backward(seq, fix_index=True)[1]
    report(tag+" Waa.grads with prev_a[:, t] instead", gWaa_fix, fd(f, Waa), "(fix)")

# ---------------- LSTMCell ----------------
W = rng.normal(size=(H+NI, 4*H))*0.6; b = rng.normal(size=(1, 4*H))*0.3

def lstm_forward():
    prev_a = np.zeros((B, T+1, H)); c = np.zeros((B, T+1, H))
    tf = np.zeros((B, T, H)); tu = np.zeros((B, T, H)); to = np.zeros((B, T, H)); ct = np.zeros((B, T, H))
    z = np.zeros((B, T, H+NI))
    for t in range(1, T+1):
        zt = np.concatenate((prev_a[:, t-1, :], X[:, t-1, :]), axis=1)      # line 239
        ot = zt.dot(W)+b                                                      # line 240
        f = sig(ot[:, :H]); u = sig(ot[:, H:2*H])                             # lines 241-242
        c_tilde = np.tanh(ot[:, 2*H:3*H]); o = sig(ot[:, 3*H:])               # lines 243-244
        ct[:, t-1, :] = c_tilde
        cc = f*c[:, t-1, :]+u*c_tilde                                         # line 246
        prev_a[:, t, :] = o*np.tanh(cc)                                       # line 247
        tf[:, t-1, :] = f; tu[:, t-1, :] = u; to[:, t-1, :] = o; c[:, t, :] = cc
        z[:, t-1, :] = zt
    return prev_a, c, tf, tu, to, ct, z

def lstm_loss(seq):
    out = lstm_forward()[0][:, 1:, :]
    return np.sum(Rseq*out) if seq else np.sum(Rlast*out[:, -1, :])

def lstm_backward(seq, order="author"):
    prev_a, c, tf, tu, to, ct, z = lstm_forward()
    gW = np.zeros_like(W); gb = np.zeros_like(b); grad = np.zeros((B, T, NI))
    da_next = np.zeros((B, H)); dc_next = np.zeros((B, H))
    da = Rlast + da_next if not seq else None                                 # line 318
    for t in reversed(range(T)):
        if seq: da = Rseq[:, t, :]+da_next                                    # line 273
        dtao_o = da*np.tanh(c[:, t+1, :])                                     # 274 / 321
        do = dtao_o*to[:, t, :]*(1-to[:, t, :])                               # 275 / 322
        dc = dc_next.copy()                                                   # 281 / 327
        dc += da*to[:, t, :]*(1-np.square(np.tanh(c[:, t+1, :])))             # 282 / 328
        dc_tilde = dc*tu[:, t, :]                                             # 284 / 330
        dcb = dc_tilde*(1-np.square(ct[:, t, :]))                             # 285 / 331
        dtao_u = dc*ct[:, t, :]                                               # 291 / 337
        du = dtao_u*tu[:, t, :]*(1-tu[:, t, :])                               # 292 / 338
        dtao_f = dc*c[:, t, :]                                                # 297 / 343
        df = dtao_f*tf[:, t, :]*(1-tf[:, t, :])                               # 298 / 344
        if order == "author":
            dgrad = np.concatenate((do, dcb, du, df), axis=1)                 # 303 / 351
        else:
            dgrad = np.concatenate((df, du, dcb, do), axis=1)                 # order of W's columns
        gW += np.dot(z[:, t, :].T, dgrad)                                     # 305 / 353
        gb += np.sum(dgrad, axis=0, keepdims=True)                            # 307 / 355
        dz = dgrad.dot(W.T)                                                   # 309 / 357
        if seq: da_next = dz[:, :H]                                           # 311
        else: da = dz[:, :H]                                                  # 359
        dc_next = dc*tf[:, t, :]                                              # 312 / 360
        grad[:, t, :] = dz[:, H:]                                             # 314 / 362
    return gW, gb, grad

print("== LSTMCell ==")
for seq in (True, False):
    f = lambda: lstm_loss(seq)
    tag = "return_sequences=%s" % seq
    L = dict(W="305" if seq else "353", b="307" if seq else "355", x="309-314" if seq else "357-362", d="303" if seq else "351")
    fW, fb, fx = fd(f, W), fd(f, b), fd(f, X)
    gW, gb, grad = lstm_backward(seq, "author")
    report(tag+" W.grads AS WRITTEN", gW, fW, L['W']+"<-"+L['d'])
    report(tag+" b.grads AS WRITTEN", gb, fb, L['b']+"<-"+L['d'])
    report(tag+" grad dL/dx AS WRITTEN", grad, fx, L['x']+"<-"+L['d'])
    gW, gb, grad = lstm_backward(seq, "fixed")
    report(tag+" W.grads, dgrad in order (df,du,dc~,do)", gW, fW, "(fix)")
    report(tag+" b.grads, dgrad in order (df,du,dc~,do)", gb, fb, "(fix)")
    report(tag+" dL/dx,  dgrad in order (df,du,dc~,do)", grad, fx, "(fix)")
    # per-block check of the author's W.grads: which column blocks are right?
    gW, gb, grad = lstm_backward(seq, "author")
    for k, nm in enumerate("f u c~ o".split()):
        r = rel(gW[:, k*H:(k+1)*H], fW[:, k*H:(k+1)*H])
        print(f"      author W.grads block {nm:2s}: rel.err {r:.2e}")
