"""FD check for kristiadi_lstm_blog.md (Kristiadi, 'Deriving LSTM Gradient for Backpropagation', old _posts version).
Author's layout: row vectors (1 x n), X = [h_old, x_onehot] (1 x Z), W* are Z x H, Wy is H x D.
dsigmoid / dtanh are not defined in the post; charitable reading: dsigmoid(s)=s(1-s) on the gate outputs
(ho, hf, hi), dtanh(t)=1-t^2 on the tanh output hc, and dtanh(c) read as tanh'(c)=1-tanh(c)^2.
"""
import numpy as np
rng = np.random.default_rng(0)
H, D, T = 4, 5, 3
Z = H + D
sigmoid = lambda x: 1 / (1 + np.exp(-x))
tanh = np.tanh
def softmax(y):
    e = np.exp(y - y.max()); return e / e.sum()
dsig_out = lambda s: s * (1 - s)          # dsigmoid(ho), dsigmoid(hf), dsigmoid(hi)
dtanh_out = lambda t: 1 - t ** 2          # dtanh(hc)
dtanh_at = lambda c: 1 - np.tanh(c) ** 2  # dtanh(c)  (derivative at c)

model = {k: rng.normal(size=(Z, H)) * 0.5 for k in ['Wf', 'Wi', 'Wc', 'Wo']}
model['Wy'] = rng.normal(size=(H, D)) * 0.5
for k in ['bf', 'bi', 'bc', 'bo']: model[k] = rng.normal(size=(1, H)) * 0.1
model['by'] = rng.normal(size=(1, D)) * 0.1
xs = rng.integers(0, D, size=T); ys = rng.integers(0, D, size=T)
h0 = rng.normal(size=(1, H)) * 0.3; c0 = rng.normal(size=(1, H)) * 0.3

def fwd(m, x, state):
    h_old, c_old = state
    xo = np.zeros(D); xo[x] = 1.; xo = xo.reshape(1, -1)
    X = np.column_stack((h_old, xo))
    hf = sigmoid(X @ m['Wf'] + m['bf']); hi = sigmoid(X @ m['Wi'] + m['bi'])
    ho = sigmoid(X @ m['Wo'] + m['bo']); hc = tanh(X @ m['Wc'] + m['bc'])
    c = hf * c_old + hi * hc; h = ho * tanh(c)
    prob = softmax(h @ m['Wy'] + m['by'])
    return prob, (h, c), dict(X=X, hf=hf, hi=hi, ho=ho, hc=hc, c=c, h=h, c_old=c_old)

def total_loss(m):  # sum of per-step cross entropies (what the summed grads differentiate)
    st = (h0, c0); L = 0.
    for x, y in zip(xs, ys):
        p, st, _ = fwd(m, x, st); L += -np.log(p[0, y])
    return L

def backward(m, prob, y, d_next, k, author_dc=True, row=1):
    dh_next, dc_next = d_next
    dy = prob.copy()
    dy[row, y] -= 1.                                   # line 84 (author uses row 1)
    dWy = k['h'].T @ dy; dby = dy                      # 87, 88
    dh = dy @ m['Wy'].T + dh_next                      # 90
    dho = tanh(k['c']) * dh; dho = dsig_out(k['ho']) * dho   # 93, 94
    if author_dc:
        dc = k['ho'] * dh + dc_next                    # 97
        dc = dtanh_at(k['c']) * dc                     # 98
    else:
        dc = k['ho'] * dh * dtanh_at(k['c']) + dc_next # correct
    dhf = dsig_out(k['hf']) * (k['c_old'] * dc)        # 101-102
    dhi = dsig_out(k['hi']) * (k['hc'] * dc)           # 105-106
    dhc = dtanh_out(k['hc']) * (k['hi'] * dc)          # 109-110
    g = dict(Wf=k['X'].T @ dhf, bf=dhf, Wi=k['X'].T @ dhi, bi=dhi, Wo=k['X'].T @ dho, bo=dho,
             Wc=k['X'].T @ dhc, bc=dhc, Wy=dWy, by=dby)
    dX = dhf @ m['Wf'].T + dhi @ m['Wi'].T + dho @ m['Wo'].T + dhc @ m['Wc'].T   # 113-130
    return g, (dX[:, :H], k['hf'] * dc), dc  # 132, 134

def train_grads(m, author_dc, row):
    st = (h0, c0); probs, caches = [], []
    for x in xs:
        p, st, k = fwd(m, x, st); probs.append(p); caches.append(k)
    d_next = (np.zeros_like(h0), np.zeros_like(c0)); grads = {k: np.zeros_like(v) for k, v in m.items()}
    dcs = []
    for p, y, k in reversed(list(zip(probs, ys, caches))):
        g, d_next, dc = backward(m, p, y, d_next, k, author_dc, row)
        dcs.append(dc)
        for kk in grads: grads[kk] += g[kk]          # line 189: sum over time
    return grads, dcs[::-1], d_next

def fd_grads(m, eps=1e-6):
    out = {}
    for k, v in m.items():
        gk = np.zeros_like(v)
        for idx in np.ndindex(v.shape):
            old = v[idx]; v[idx] = old + eps; lp = total_loss(m); v[idx] = old - eps; lm = total_loss(m); v[idx] = old
            gk[idx] = (lp - lm) / (2 * eps)
        out[k] = gk
    return out

num = fd_grads(model)
print("line 84  dy[1, y_train] -= 1. on a 1xD prob:", end=" ")
try:
    train_grads(model, True, 1); print("ran (unexpected)")
except IndexError as e:
    print("FAIL: IndexError ->", e, "(row index must be 0)")

def report(tag, g):
    ok = {k: np.allclose(g[k], num[k], rtol=1e-4, atol=1e-6) for k in num}
    print(tag, " ".join(f"{k}:{'ok' if v else 'BAD'}" for k, v in ok.items()))
    return ok

print("author dc (lines 97-98), row fixed to 0:")
okA = report("  ", train_grads(model, True, 0)[0])
print("corrected dc = ho*dh*tanh'(c) + dc_next, row 0:")
okC = report("  ", train_grads(model, False, 0)[0])
# direct check of dc (line 98) at the first step against FD of the loss wrt c_1 (perturb c through c0 path is indirect;
# use dL/dc_0-style check: dc_next returned after t=0 is dL/dc0 = hf_0*dc_0)
def loss_c0(c0v):
    st = (h0, c0v); L = 0.
    for x, y in zip(xs, ys):
        p, st, _ = fwd(model, x, st); L += -np.log(p[0, y])
    return L
fd_c0 = np.array([(loss_c0(c0 + e) - loss_c0(c0 - e)) / 2e-6 for e in np.eye(H).reshape(H, 1, H) * 1e-6])
for tag, adc in (("author", True), ("correct", False)):
    _, _, dnext = train_grads(model, adc, 0)
    print(f"dL/dc0 via dc_next=hf*dc (line 134) with {tag} dc:", "ok" if np.allclose(dnext[1].ravel(), fd_c0, rtol=1e-4, atol=1e-7) else "BAD")
    print(f"dL/dh0 via dh_next=dX[:, :H] (line 132) with {tag} dc:", end=" ")
    fd_h0 = []
    for e in np.eye(H):
        def lh(hv):
            st = (hv, c0); L = 0.
            for x, y in zip(xs, ys):
                p, st, _ = fwd(model, x, st); L += -np.log(p[0, y])
            return L
        fd_h0.append((lh(h0 + 1e-6 * e) - lh(h0 - 1e-6 * e)) / 2e-6)
    print("ok" if np.allclose(dnext[0].ravel(), fd_h0, rtol=1e-4, atol=1e-7) else "BAD")
print("SUMMARY: line 84 FAIL (index); lines 97-98 FAIL (all LSTM gate weights off by the tanh' applied to dc_next);",
      "with dc fixed every other row (87-134, 189) agrees with FD:", all(okC.values()))
