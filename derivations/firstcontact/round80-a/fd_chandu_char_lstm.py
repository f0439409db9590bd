# Finite-difference check of chandu_char_lstm.py (chandu47/sequence-models lstm_from_scratch.py @ 65b30ee).
# Author's forward_pass / backprop / train_step re-typed (row vectors, X = [h_old, onehot]).
# Loss = sum_t -log out_t[y_t] (the author's loss before /seq_length; update_weights divides by seq_length).
import numpy as np

rng = np.random.default_rng(3)
Hh, D, T = 4, 5, 4


def sigmoid(x): return 1 / (1 + np.exp(-x))                       # 10
def dsigmoid(x): f = sigmoid(x); return f*(1.-f)                    # 14-15
def tanh(x): return np.tanh(x)
def dtanh(x): return 1.-(np.tanh(x))**2                             # 21-22
def softmax(x): e_x = np.exp(x - np.max(x)); return e_x / e_x.sum() # 24-25


P = {k: rng.normal(size=(Hh + D, Hh)) * 0.5 for k in ['Wf', 'Wi', 'Wc', 'Wo']}
P['Wy'] = rng.normal(size=(Hh, D))
for k in ['bf', 'bi', 'bc', 'bo']: P[k] = rng.normal(size=(1, Hh)) * 0.1
P['by'] = rng.normal(size=(1, D)) * 0.1
inputs = [1, 3, 0, 2]; targets = [3, 0, 2, 4]
h0 = rng.normal(size=(1, Hh)) * 0.3; c0 = rng.normal(size=(1, Hh)) * 0.3


def forward_pass(Xidx, state):
    h_old, c_old = state
    X_hc = np.zeros((1, D)); X_hc[0][Xidx] = 1.                      # 101-102
    X = np.column_stack((h_old, X_hc))                               # 105
    hf = sigmoid(X@P['Wf']+P['bf']); hi = sigmoid(X@P['Wi']+P['bi']) # 108-109
    hc = tanh(X@P['Wc']+P['bc']); ho = sigmoid(X@P['Wo']+P['bo'])    # 110-111
    c = hf*c_old+hi*hc                                               # 113
    h = ho*tanh(c)                                                   # 114
    y = h@P['Wy']+P['by']                                            # 116
    out = softmax(y)                                                 # 118
    return (hf, hi, hc, ho, c, h, y, c_old, X), out, (h, c)


def backprop(pred, y_gt, d_next, cache, fixed=False):
    hf, hi, hc, ho, c, h, y, c_old, X = cache
    h_next, c_next = d_next
    dy = pred.copy(); dy[0][y_gt] -= 1.                              # 129-131
    dWy = h.T@dy; dby = dy                                           # 134-135
    dh = dy@P['Wy'].T + h_next                                       # 137
    dho = dh*tanh(c)                                                 # 140
    dho = (ho*(1-ho) if fixed else dsigmoid(ho))*dho                 # 141
    dc = dh*ho*dtanh(c); dc += c_next                                # 144-145
    dhf = dc*c_old; dhf = (hf*(1-hf) if fixed else dsigmoid(hf))*dhf # 148-149
    dhi = dc*hc; dhi = (hi*(1-hi) if fixed else dsigmoid(hi))*dhi    # 152-153
    dhc = dc*hi; dhc = ((1-hc**2) if fixed else dtanh(hc))*dhc       # 156-157
    g = dict(Wf=X.T@dhf, bf=dhf, Wi=X.T@dhi, bi=dhi, Wc=X.T@dhc, bc=dhc, Wo=X.T@dho, bo=dho, Wy=dWy, by=dby)
    dX = dhf@P['Wf'].T + dho@P['Wo'].T + dhi@P['Wi'].T + dhc@P['Wc'].T   # 163-181
    dh_next = dX[:, :Hh]; dc_next = hf*dc                            # 183-184
    loc = dict(dy=dy, dh=dh, dho=dho, dc=dc, dhf=dhf, dhi=dhi, dhc=dhc)
    return (dh_next, dc_next), g, loc


def run(feed_all=False):
    state = (h0, c0); caches, preds, loss = [], [], 0.
    for x, yt in zip(inputs, targets):
        cache, out, state = forward_pass(inputs if feed_all else x, state)   # 203 (author passes inputs)
        preds.append(out); caches.append(cache); loss += -np.log(out[0][yt])  # 206
    return loss, preds, caches


def loss_of(): return run()[0]


def grads(fixed=False):
    _, preds, caches = run()
    d_next = (np.zeros_like(Hh), np.zeros_like(Hh))
    G = {k: np.zeros_like(v) for k, v in P.items()}; locs = {}
    for t in reversed(range(T)):                                   # 210-213
        d_next, g, loc = backprop(preds[t], targets[t], d_next, caches[t], fixed)
        for k in G: G[k] += g[k]
        locs[t] = loc
    return G, d_next, locs


def num(A, f=loss_of):
    g = np.zeros_like(A); e = 1e-6
    for ix in np.ndindex(A.shape):
        o = A[ix]; A[ix] = o+e; fp = f(); A[ix] = o-e; fm = f(); A[ix] = o; g[ix] = (fp-fm)/(2*e)
    return g


def rep(name, a, n, lines):
    err = np.max(np.abs(a-n))/max(1e-12, np.max(np.abs(n)))
    print(f"  lines {lines:<16} {name:<26} {'AGREES' if err < 1e-5 else 'DIFFERS'} (rel err {err:.1e})")


print("== helpers")
z = rng.normal(size=(1, 6)); e = 1e-6
rep("dsigmoid(x)=sigma'(x)", dsigmoid(z), (sigmoid(z+e)-sigmoid(z-e))/(2*e), '14-15')
rep("dtanh(x)=tanh'(x)", dtanh(z), (np.tanh(z+e)-np.tanh(z-e))/(2*e), '21-22')
rep("dsigmoid(sigmoid(x)) vs sigma'(x)", dsigmoid(sigmoid(z)), (sigmoid(z+e)-sigmoid(z-e))/(2*e), '141,149,153')
rep("dtanh(tanh(x)) vs tanh'(x)", dtanh(np.tanh(z)), (np.tanh(z+e)-np.tanh(z-e))/(2*e), '157')

print("== author's backprop, parameter gradients (summed over t)")
G, dn, locs = grads(False)
for k in ['Wy', 'by', 'Wf', 'bf', 'Wi', 'bi', 'Wc', 'bc', 'Wo', 'bo']:
    rep('d'+k, G[k], num(P[k]), {'Wy': '129-135', 'by': '129-135', 'Wf': '149,161-162', 'bf': '149,162',
        'Wi': '153,166-167', 'bi': '153,167', 'Wc': '157,171-172', 'bc': '157,172', 'Wo': '141,176-177', 'bo': '141,177'}[k])
hold = h0; rep('dh0 (dh_next at t=0)', dn[0], num(h0), '163-183')
rep('dc0 (dc_next at t=0)', dn[1], num(c0), '144-145,184')

print("== same code with sigma' = s(1-s) and tanh' = 1-g^2 on the stored activations (lines 141,149,153,157 fixed)")
G, dn, _ = grads(True)
for k in ['Wy', 'Wf', 'bf', 'Wi', 'Wc', 'Wo', 'bo']:
    rep('d'+k, G[k], num(P[k]), 'fixed')
rep('dh0', dn[0], num(h0), '163-183 fixed'); rep('dc0', dn[1], num(c0), '184 fixed')

print("== line 203: forward_pass(inputs, state) one-hot built from the whole window, not from x")
X_hc = np.zeros((1, D)); X_hc[0][inputs] = 1.
print("  input row used at every step:", X_hc, " (x_t one-hot would have a single 1)")
print("  loss with forward_pass(inputs) = %.6f, with forward_pass(x) = %.6f" % (run(True)[0], run(False)[0]))
