# Finite-difference check of numpydl_rnn_batchlstm.md (chaoming0625/NumpyDL, commit 7421b12).
# Author's forward/backward ported line by line; loss L = sum(R * outputs) so that pre_grad = R.
import numpy as np
rng = np.random.default_rng(1)
B, T, NI, H = 3, 4, 2, 3
eps = 1e-6
def rel(a, b): return np.max(np.abs(a-b))/max(1e-12, np.max(np.abs(b)))
def report(name, a, b, line):
    r = rel(a, b); print(f"{'AGREE   ' if r < 1e-5 else 'DISAGREE'} line {line:>9}: {name:48s} rel.err {r:.2e}")
def fd(f, P):
    g = np.zeros_like(P); it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; old = P[i]
        P[i] = old+eps; fp = f(); P[i] = old-eps; fm = f(); P[i] = old
        g[i] = (fp-fm)/(2*eps)
    return g

# ---------------- SimpleRNN (tanh) ----------------
X = rng.normal(size=(B, T, NI)); W = rng.normal(size=(NI, H))*0.8; U = rng.normal(size=(H, H))*0.8; b = rng.normal(size=H)*0.3
Rseq = rng.normal(size=(B, T, H)); Rlast = rng.normal(size=(B, H))
def rnn_forward():
    out = np.zeros((B, T, H))
    out[:, 0, :] = np.tanh(np.dot(X[:, 0, :], W)+b)                       # line 163
    for i in range(1, T):
        out[:, i, :] = np.tanh(np.dot(X[:, i, :], W)+np.dot(out[:, i-1, :], U)+b)   # line 166
    return out
def rnn_loss(seq):
    o = rnn_forward(); return np.sum(Rseq*o) if seq else np.sum(Rlast*o[:, -1, :])

def rnn_backward(seq, fix_deriv=False, fix_mean=False, fix_index=False):
    out = rnn_forward(); der = 1-out**2                  # activations[t].derivative()
    hiddens = np.transpose(out, (1, 0, 2))
    dW = np.zeros_like(W); dU = np.zeros_like(U); db = np.zeros_like(b)
    red = (lambda d: np.sum(d, axis=0)) if fix_mean else (lambda d: np.mean(d, axis=0))
    if seq:
        pre_grad = np.transpose(Rseq, (1, 0, 2)); layer_grad = np.zeros((T, B, NI))
        for t1 in np.arange(T)[::-1]:
            delta = pre_grad[t1]*der[:, t1, :]                                   # line 191
            for t2 in np.arange(t1)[::-1]:
                dU += np.dot(hiddens[t2].T, delta)                               # line 193
                dW += np.dot(X[:, t2+1, :].T, delta)                             # line 194
                db += red(delta)                                                 # line 195
                layer_grad[t2+1] += np.dot(delta, W.T)                           # line 197
                delta = np.dot(delta, U.T)                                       # line 198
                if fix_deriv: delta = delta*der[:, t2, :]
            if t1 == 0 or t2 == 0:
                dW += np.dot(X[:, 0, :].T, delta)                                # line 201
                db += red(delta)                                                 # line 202
                layer_grad[0] += np.dot(delta, W.T)                              # line 204
    else:
        layer_grad = np.zeros((T, B, NI))
        delta = Rlast*der[:, T-1, :]                                             # line 212
        for t2 in np.arange(T-1)[::-1]:
            dU += np.dot(hiddens[t2].T, delta)                                   # line 214
            dW += np.dot(X[:, t2+1, :].T, delta)                                 # line 215
            db += red(delta)                                                     # line 216
            layer_grad[t2+1] += np.dot(delta, W.T)                               # line 218
            delta = np.dot(delta, U.T)                                           # line 219
            if fix_deriv: delta = delta*der[:, t2, :]
        if t2 == 0:
            dW += np.dot(X[:, (0 if fix_index else t2+1), :].T, delta)           # line 222
            db += red(delta)                                                     # line 223
            layer_grad[0] += np.dot(delta, W.T)                                  # line 225
    return dW, dU, db, np.transpose(layer_grad, (1, 0, 2))

print("== SimpleRNN ==")
for seq in (True, False):
    f = lambda: rnn_loss(seq); fW, fU, fb, fX = fd(f, W), fd(f, U), fd(f, b), fd(f, X)
    tag = "return_sequence=%s" % seq
    L = dict(U="193" if seq else "214", W="194/201" if seq else "215/222", b="195/202" if seq else "216/223",
             x="197/204" if seq else "218/225", d="198" if seq else "219")
    dW, dU, db, lg = rnn_backward(seq)
    report(tag+" dU AS WRITTEN", dU, fU, L['U']+"<"+L['d'])
    report(tag+" dW AS WRITTEN", dW, fW, L['W'])
    report(tag+" db AS WRITTEN", db, fb, L['b'])
    report(tag+" layer_grad AS WRITTEN", lg, fX, L['x']+"<"+L['d'])
    dW, dU, db, lg = rnn_backward(seq, fix_deriv=True)
    report(tag+" dU with f'(h_t2) added to delta", dU, fU, "(fix "+L['d']+")")
    report(tag+" layer_grad with f' added", lg, fX, "(fix "+L['d']+")")
    report(tag+" dW with f' added (index as written)", dW, fW, "(fix "+L['d']+")")
    dW, dU, db, lg = rnn_backward(seq, fix_deriv=True, fix_index=True)
    report(tag+" dW with f' added and x[:,0] at the end", dW, fW, "(fix all)")
    report(tag+" db with f' added (mean as written)", db, fb, "(fix "+L['d']+")")
    dW, dU, db, lg = rnn_backward(seq, fix_deriv=True, fix_mean=True, fix_index=True)
    report(tag+" db with f' added and sum instead of mean", db, fb, "(fix all)")
    report(tag+"   (db as written)*B vs FD, f' added", rnn_backward(seq, fix_deriv=True)[2]*B, fb, "(mean=sum/B)")

# ---------------- BatchLSTM (Karpathy layout, AllW rows [bias; x; h], columns [i f o g]) ----------------
AllW = rng.normal(size=(NI+H+1, 4*H))*0.6
h0 = rng.normal(size=(B, H))*0.5; c0 = rng.normal(size=(B, H))*0.5
def lstm_forward():
    inp = np.transpose(X, (1, 0, 2))
    Hin = np.zeros((T, B, NI+H+1)); Hout = np.zeros((T, B, H)); IFOG = np.zeros((T, B, 4*H)); IFOGf = np.zeros_like(IFOG)
    C = np.zeros((T, B, H)); Ct = np.zeros((T, B, H))
    for t in range(T):
        prevh = Hout[t-1] if t > 0 else h0                                      # line 369
        Hin[t, :, 0] = 1; Hin[t, :, 1:NI+1] = inp[t]; Hin[t, :, NI+1:] = prevh   # lines 371-373
        IFOG[t] = Hin[t].dot(AllW)                                               # line 375
        IFOGf[t, :, :3*H] = 1.0/(1.0+np.exp(-IFOG[t, :, :3*H]))                  # line 378
        IFOGf[t, :, 3*H:] = np.tanh(IFOG[t, :, 3*H:])                            # line 380
        prevc = C[t-1] if t > 0 else c0                                          # line 382
        C[t] = IFOGf[t, :, :H]*IFOGf[t, :, 3*H:]+IFOGf[t, :, H:2*H]*prevc        # line 383
        Ct[t] = np.tanh(C[t])                                                    # line 385
        Hout[t] = IFOGf[t, :, 2*H:3*H]*Ct[t]                                     # line 386
    return Hin, Hout, IFOG, IFOGf, C, Ct
def lstm_loss(seq):
    Hout = np.transpose(lstm_forward()[1], (1, 0, 2))
    return np.sum(Rseq*Hout) if seq else np.sum(Rlast*Hout[:, -1, :])
def lstm_backward(seq, all_steps=False):
    Hin, Hout, IFOG, IFOGf, C, Ct = lstm_forward(); n = H
    dAllW = np.zeros_like(AllW); d_h0 = np.zeros((B, H)); d_c0 = None
    dIFOG = np.zeros_like(IFOG); dIFOGf = np.zeros_like(IFOGf); dHin = np.zeros_like(Hin); dC = np.zeros_like(C)
    layer_grad = np.zeros((T, B, NI))
    if seq:
        timesteps = list(range(T))[::-1]; pre_grad = Rseq                       # line 436
    else:
        timesteps = list(range(T))[::-1] if all_steps else [T-1]                 # line 439
        tmp = np.zeros((B, T, H)); tmp[:, -1, :] = Rlast; pre_grad = tmp         # line 442
    dHout = np.transpose(pre_grad, (1, 0, 2)).copy()                             # line 444
    for t in timesteps:
        tanhCt = Ct[t]
        dIFOGf[t, :, 2*n:3*n] = tanhCt*dHout[t]                                  # line 453
        dC[t] += (1-tanhCt**2)*(IFOGf[t, :, 2*n:3*n]*dHout[t])                   # line 455
        if t > 0:
            dIFOGf[t, :, n:2*n] = C[t-1]*dC[t]                                   # line 458
            dC[t-1] += IFOGf[t, :, n:2*n]*dC[t]                                  # line 459
        else:
            dIFOGf[t, :, n:2*n] = c0*dC[t]                                       # line 461
            d_c0 = IFOGf[t, :, n:2*n]*dC[t]                                      # line 462
        dIFOGf[t, :, :n] = IFOGf[t, :, 3*n:]*dC[t]                               # line 463
        dIFOGf[t, :, 3*n:] = IFOGf[t, :, :n]*dC[t]                               # line 464
        dIFOG[t, :, 3*n:] = (1-IFOGf[t, :, 3*n:]**2)*dIFOGf[t, :, 3*n:]          # line 467
        y = IFOGf[t, :, :3*n]
        dIFOG[t, :, :3*n] = (y*(1.0-y))*dIFOGf[t, :, :3*n]                       # line 469
        dAllW += np.dot(Hin[t].transpose(), dIFOG[t])                            # line 472
        dHin[t] = dIFOG[t].dot(AllW.transpose())                                 # line 473
        layer_grad[t] = dHin[t, :, 1:NI+1]                                       # line 476
        if t > 0: dHout[t-1, :] += dHin[t, :, NI+1:]                             # line 478
        else: d_h0 += dHin[t, :, NI+1:]                                          # line 480
    return dAllW, d_h0, d_c0, np.transpose(layer_grad, (1, 0, 2))

print("== BatchLSTM ==")
for seq in (True, False):
    f = lambda: lstm_loss(seq); fA, fh, fc, fX = fd(f, AllW), fd(f, h0), fd(f, c0), fd(f, X)
    tag = "return_sequence=%s" % seq
    dA, dh, dc, lg = lstm_backward(seq)
    report(tag+" d_AllW AS WRITTEN", dA, fA, "472" if seq else "472<439")
    report(tag+" layer_grad AS WRITTEN", lg, fX, "476" if seq else "476<439")
    if seq:
        report(tag+" d_h0", dh, fh, "480"); report(tag+" d_c0", dc, fc, "462")
    else:
        print(f"         {tag}: d_c0 as written is {'None (never set)' if dc is None else 'set'}; d_h0 max |.| = {np.abs(dh).max():.1e}, FD max |.| = {np.abs(fh).max():.1e}")
        dA, dh, dc, lg = lstm_backward(seq, all_steps=True)
        report(tag+" d_AllW, loop over all steps", dA, fA, "(fix 439)")
        report(tag+" layer_grad, loop over all steps", lg, fX, "(fix 439)")
        report(tag+" d_h0, loop over all steps", dh, fh, "(fix 439)")
        report(tag+" d_c0, loop over all steps", dc, fc, "(fix 439)")
        # last-step block of d_AllW as written = the last step's contribution only
        dA_w = lstm_backward(seq)[0]
        Hin, Hout, IFOG, IFOGf, C, Ct = lstm_forward()
        print(f"         as-written d_AllW equals only the t=T-1 term Hin[T-1]^T dIFOG[T-1]: rel.err to full FD {rel(dA_w, fA):.2e}")
