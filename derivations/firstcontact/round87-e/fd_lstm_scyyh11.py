# Finite-difference check of the backward pass in lstm_scyyh11.md (scyyh11/RNN_LSTM_From_Scratch models/lstm.py).
# Forward and backward are re-implemented exactly as written by the author (column vectors, many-to-one,
# y = Wy h_T + by); the loss is L = sum(g * y) for a fixed random g, so dLdy = g.
import numpy as np
rng = np.random.default_rng(0)
D, H, O, T = 3, 4, 2, 5

def sigmoid(x):                                   # line 21-22
    x = np.clip(x, -500, 500)
    return 1 / (1 + np.exp(-x))
def tanh(x):                                      # lines 38-40
    exp_pos = np.exp(x); exp_neg = np.exp(-x)
    return (exp_pos - exp_neg) / (exp_pos + exp_neg)

names = ['Wi','Ui','bi','Wf','Uf','bf','Wo','Uo','bo','Wc','Uc','bc','Wy','by']
shapes = {'W':(H,D),'U':(H,H),'b':(H,1)}
P = {}
for n in names[:-2]:
    P[n] = rng.normal(size=shapes[n[0]]) * 0.5
P['Wy'] = rng.normal(size=(O,H)) * 0.5
P['by'] = rng.normal(size=(O,1)) * 0.5
x = rng.normal(size=(T, D))
g = rng.normal(size=(O,1))

def forward(P, x, h0=None, c0=None):
    h_prev = np.zeros((H,1)) if h0 is None else h0
    c_prev = np.zeros((H,1)) if c0 is None else c0
    cache = []
    for t in range(x.shape[0]):
        x_t = x[t].reshape(-1,1)
        i_t = sigmoid(P['Wi'] @ x_t + P['Ui'] @ h_prev + P['bi'])      # 113
        f_t = sigmoid(P['Wf'] @ x_t + P['Uf'] @ h_prev + P['bf'])      # 114
        o_t = sigmoid(P['Wo'] @ x_t + P['Uo'] @ h_prev + P['bo'])      # 115
        c_tilde = tanh(P['Wc'] @ x_t + P['Uc'] @ h_prev + P['bc'])     # 116
        c_t = f_t * c_prev + i_t * c_tilde                              # 117
        h_t = o_t * tanh(c_t)                                           # 118
        cache.append((x_t, h_prev, c_prev, i_t, f_t, o_t, c_tilde, c_t, h_t))
        h_prev = h_t; c_prev = c_t                                      # 122-123
    y = np.dot(P['Wy'], h_t) + P['by']                                  # 125
    return y, cache

def loss(P, h0=None, c0=None):
    y, _ = forward(P, x, h0, c0)
    return float(np.sum(g * y))

def author_backward(P, dLdy, h0=None, c0=None):
    _, cache = forward(P, x, h0, c0)
    G = {n: np.zeros_like(P[n]) for n in names}
    dLdy = dLdy.reshape(P['by'].shape)                                  # 152
    h_last = cache[-1][8]                                               # 154
    G['Wy'] += dLdy @ h_last.T                                          # 155
    G['by'] += dLdy                                                     # 156
    dh_next = P['Wy'].T @ dLdy                                          # 158
    dc_next = np.zeros_like(dh_next)                                    # 159
    for t in reversed(range(len(cache))):
        (x_t, h_prev, c_prev, i_t, f_t, o_t, c_tilde, c_t, h_t) = cache[t]
        do = dh_next * tanh(c_t) * o_t * (1 - o_t)                      # 164
        dc = dh_next * o_t * (1 - tanh(c_t) ** 2) + dc_next             # 165
        di = dc * c_tilde * i_t * (1 - i_t)                             # 166
        df = dc * c_prev * f_t * (1 - f_t)                              # 167
        dc_tilde = dc * i_t * (1 - c_tilde ** 2)                        # 168
        for gate, d in (('i',di),('f',df),('o',do),('c',dc_tilde)):
            G['W'+gate] += np.dot(d, x_t.T)                             # 170,174,178,182
            G['U'+gate] += np.dot(d, h_prev.T)                          # 171,175,179,183
            G['b'+gate] += d                                            # 172,176,180,184
        dh_prev = (np.dot(P['Ui'].T, di) + np.dot(P['Uf'].T, df) +
                   np.dot(P['Uo'].T, do) + np.dot(P['Uc'].T, dc_tilde)) # 186
        dc_prev = dc * f_t                                              # 193
        dh_next = dh_prev; dc_next = dc_prev                            # 195-196
    return G, dh_next, dc_next

def fd(fun, A, eps=1e-6):
    Gn = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]
        A[idx] = old + eps; lp = fun()
        A[idx] = old - eps; lm = fun()
        A[idx] = old
        Gn[idx] = (lp - lm) / (2 * eps)
    return Gn

h0 = rng.normal(size=(H,1)) * 0.5; c0 = rng.normal(size=(H,1)) * 0.5
G, dh0, dc0 = author_backward(P, g, h0, c0)
rows = {'Wi':'170','Ui':'171','bi':'172','Wf':'174','Uf':'175','bf':'176','Wo':'178','Uo':'179','bo':'180',
        'Wc':'182','Uc':'183','bc':'184','Wy':'155','by':'156'}
allok = True
for n in names:
    num = fd(lambda: loss(P, h0, c0), P[n])
    err = np.max(np.abs(num - G[n])) / (np.max(np.abs(num)) + 1e-12)
    ok = err < 1e-6; allok &= ok
    print(f"line {rows[n]:>3} d{n:3s} (chain through 164-168, 186, 193 over all t): rel err {err:.2e} {'AGREE' if ok else 'DISAGREE'}")
num_h0 = fd(lambda: loss(P, h0, c0), h0); num_c0 = fd(lambda: loss(P, h0, c0), c0)
e1 = np.max(np.abs(num_h0 - dh0)); e2 = np.max(np.abs(num_c0 - dc0))
print(f"line 186 dh_prev after the last iteration vs dL/dh_0: max abs err {e1:.2e} {'AGREE' if e1<1e-7 else 'DISAGREE'}")
print(f"line 193 dc_prev after the last iteration vs dL/dc_0: max abs err {e2:.2e} {'AGREE' if e2<1e-7 else 'DISAGREE'}")
print("ALL AGREE" if allok and e1<1e-7 and e2<1e-7 else "SOME DISAGREE")
