# Finite-difference check of hanna_lstm_adam.py (hannaofficial, LSTM_using_adam_optimiser.py).
# numpy only. The author's helpers and forward() are copied unchanged; backward() is copied with
# switches that apply the annotator's correction of one flagged line at a time. Gradient-norm clipping
# (clip_grad_norm, line 207) is left out of the comparison and checked separately.
# Loss used for the finite differences: L = sum_t -log softmax(v_t)[target_t] (the cross-entropy whose
# gradient w.r.t. v_t is dv = p - y, lines 169-170); line 166 reports this L divided by the vocabulary size.
import warnings
import numpy as np

warnings.simplefilter("ignore")
np.random.seed(3)


# ---- author's helpers (note lines 47-90), unchanged ----
def clip_grad_norm(grads, max_norm=0.25):
    max_norm = float(max_norm)
    total_norm = 0
    for grad in grads:
        grad_norm = np.sum(np.power(grad, 2))
        total_norm += grad_norm
    total_norm = np.sqrt(total_norm)
    clip_coff = max_norm / (total_norm + 1e-6)
    if clip_coff < 1:
        for grad in grads:
            grad *= clip_coff
    return grads


def sigmoid(x, derivation=False):
    x += 1e-12
    f = 1 / (1 + np.exp(-x))
    if derivation:
        return f * (1 - f)
    else:
        return f


def softmax(x, derivation=False):
    x += 1e-12
    f = np.exp(x) / np.sum(np.exp(x))
    if derivation:
        pass
    else:
        return f


def tanh(x, derivation=False):
    x += 1e-12
    f = (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
    if derivation:
        return 1 - f**2
    else:
        return f


hidden_size, vocab, T = 3, 5, 4


# ---- author's forward (note lines 92-137), unchanged ----
def forward(inputs, h_prev, C_prev, param):
    W_f, W_i, W_g, W_o, W_v, b_f, b_i, b_g, b_o, b_v = param
    z_s, f_s, i_s, g_s, C_s, o_s, h_s, v_s, output_s = [], [], [], [], [], [], [], [], []
    h_s.append(h_prev)
    C_s.append(C_prev)
    for x in inputs:
        z = np.vstack((h_prev, x)); z_s.append(z)             # line 109 (np.row_stack == np.vstack)
        f = sigmoid(np.dot(W_f, z) + b_f); f_s.append(f)      # line 112
        i = sigmoid(np.dot(W_i, z) + b_i); i_s.append(i)      # line 115
        g = np.tanh(np.dot(W_g, z) + b_g); g_s.append(g)      # line 118
        C_prev = f * C_prev + i * g; C_s.append(C_prev)       # line 121
        o = sigmoid(np.dot(W_o, z) + b_o); o_s.append(o)      # line 124
        h_prev = o * np.tanh(C_prev); h_s.append(h_prev)      # line 127
        v = np.dot(W_v, h_prev) + b_v; v_s.append(v)          # line 131
        output = softmax(v); output_s.append(output)          # line 134
    return z_s, f_s, i_s, g_s, C_s, o_s, h_s, v_s, output_s


# ---- author's backward (note lines 141-203) with correction switches ----
def backward(z, f, i, g, C, o, h, v, outputs, targets, p, fix=()):
    W_f, W_i, W_g, W_o, W_v, b_f, b_i, b_g, b_o, b_v = p
    W_f_d, b_f_d = np.zeros_like(W_f), np.zeros_like(b_f)
    W_i_d, b_i_d = np.zeros_like(W_i), np.zeros_like(b_i)
    W_g_d, b_g_d = np.zeros_like(W_g), np.zeros_like(b_g)
    W_o_d, b_o_d = np.zeros_like(W_o), np.zeros_like(b_o)
    W_v_d, b_v_d = np.zeros_like(W_v), np.zeros_like(b_v)
    dh_next = np.zeros_like(h[0])
    dC_next = np.zeros_like(C[0])
    loss = 0
    for t in reversed(range(len(outputs))):
        loss += -np.mean(np.log(outputs[t]) * targets[t])                       # line 166
        C_prev = C[t] if 167 in fix else C[t - 1]                                # line 167
        Ct = C[t + 1] if 177 in fix else C[t]                                    # (C[t] of line 177)
        Ct184 = C[t + 1] if 184 in fix else C[t]                                 # (C[t] of line 184)
        dv = np.copy(outputs[t])                                                 # line 169
        dv[np.argmax(targets[t])] -= 1                                           # line 170
        W_v_d += np.dot(dv, (h[t + 1] if 172 in fix else h[t]).T)                # line 172
        b_v_d += dv                                                              # line 173
        dh = np.dot(W_v.T, dv)                                                   # line 175
        dh += dh_next                                                            # line 176
        do = dh * np.tanh(Ct)                                                    # line 177
        do *= (o[t] * (1 - o[t])) if 178 in fix else sigmoid(o[t].copy(), derivation=True)   # line 178
        W_o_d += np.dot(do, z[t].T)                                              # line 180
        b_o_d += do                                                              # line 181
        dC = np.copy(dC_next)                                                    # line 183
        dC += dh * o[t] * tanh(Ct184.copy(), derivation=True)                    # line 184
        dg = dC * i[t]                                                           # line 185
        dg *= (1 - g[t] ** 2) if 186 in fix else tanh(g[t].copy(), derivation=True)          # line 186
        W_g_d += np.dot(dg, z[t].T)                                              # line 188
        b_g_d += dg                                                              # line 189
        di = dC * g[t]                                                           # line 191
        di *= (i[t] * (1 - i[t])) if 192 in fix else sigmoid(i[t].copy(), derivation=True)  # line 192
        W_i_d += np.dot(di, z[t].T)                                              # line 193
        b_i_d += di                                                              # line 194
        df = dC * C_prev                                                         # line 196
        df *= (f[t] * (1 - f[t])) if 197 in fix else sigmoid(f[t].copy(), derivation=True)  # line 197
        W_f_d += np.dot(df, z[t].T)                                              # line 198
        b_f_d += df                                                              # line 199
        dz = (np.dot(W_f.T, df) + np.dot(W_i.T, di) + np.dot(W_g.T, dg) + np.dot(W_o.T, do))  # line 201
        dh_prev = dz[:hidden_size, :]                                            # line 202
        dC_prev = f[t] * dC                                                      # line 203
        if 176 in fix:   # annotator: the author never passes dh_prev on, so dh_next stays 0
            dh_next = dh_prev
        if 183 in fix:   # annotator: the author never passes dC_prev on, so dC_next stays 0
            dC_next = dC_prev
    grads = W_f_d, W_i_d, W_g_d, W_o_d, W_v_d, b_f_d, b_i_d, b_g_d, b_o_d, b_v_d
    return loss, grads


z_size = hidden_size + vocab
params = [np.random.randn(hidden_size, z_size) * 0.7 for _ in range(4)] + [np.random.randn(vocab, hidden_size) * 0.7] \
    + [np.random.randn(hidden_size, 1) * 0.3 for _ in range(4)] + [np.random.randn(vocab, 1) * 0.3]
names = ["W_f", "W_i", "W_g", "W_o", "W_v", "b_f", "b_i", "b_g", "b_o", "b_v"]
idx_in = np.random.randint(0, vocab, T); idx_tg = np.random.randint(0, vocab, T)
inputs = np.eye(vocab)[idx_in].reshape(T, vocab, 1)
targets = np.eye(vocab)[idx_tg].reshape(T, vocab, 1)
h0 = np.random.randn(hidden_size, 1) * 0.5      # train_LSTM carries h = h_s[-1], c = C_s[-1] between chunks
c0 = np.random.randn(hidden_size, 1) * 0.5


def L():
    outs = forward(inputs, h0.copy(), c0.copy(), params)[-1]
    return sum(-np.log(outs[t][idx_tg[t], 0]) for t in range(T))


num = []
for prm in params:
    gnum = np.zeros_like(prm); eps = 1e-6
    for ix in np.ndindex(prm.shape):
        old = prm[ix]
        prm[ix] = old + eps; lp = L()
        prm[ix] = old - eps; lm = L()
        prm[ix] = old
        gnum[ix] = (lp - lm) / (2 * eps)
    num.append(gnum)


def run(fix):
    cache = forward(inputs, h0.copy(), c0.copy(), params)
    return backward(*cache, targets, params, fix=fix)


def errs(grads):
    return [np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b))) for a, b in zip(grads, num)]


def show(tag, fix):
    e = errs(run(fix)[1])
    bad = [n for n, x in zip(names, e) if x > 1e-6]
    print("%-62s %s" % (tag, "ALL AGREE" if not bad else "DISAGREE: " + ", ".join(bad)))
    return bad


ALL = {167, 172, 176, 177, 178, 183, 184, 186, 192, 197}
print("as written:")
for n, x in zip(names, errs(run(())[1])):
    print("   %-4s rel.err %.2e  %s" % (n, x, "AGREE" if x < 1e-6 else "DISAGREE"))
show("all flagged lines corrected (167,172,176,177,178,183,184,186,192,197):", ALL)
print("leave ONE flagged line as written, correct all others:")
for k in sorted(ALL):
    show("   line %d as written" % k, ALL - {k})

# loss line 166 versus the cross-entropy
loss_author = run(ALL)[0]
print("line 166: author's loss = %.6f, CE/vocab = %.6f (CE = %.6f)" % (loss_author, L() / vocab, L()))
# clip_grad_norm (lines 47-63): rescales the whole gradient tuple to norm max_norm when it is larger
gs = [np.random.randn(2, 2) for _ in range(3)]
n0 = np.sqrt(sum(np.sum(x ** 2) for x in gs))
gs = clip_grad_norm(gs)
print("clip_grad_norm: norm %.3f -> %.6f (max_norm 0.25)" % (n0, np.sqrt(sum(np.sum(x ** 2) for x in gs))))
# helper derivatives evaluated at the pre-activation are right; evaluated at the gate output they are not
a = np.random.randn(4, 1)
s = 1 / (1 + np.exp(-a))
print("sigmoid(a, derivation=True) == s(1-s):", np.allclose(sigmoid(a.copy(), True), s * (1 - s)),
      "; sigmoid(s, derivation=True) == s(1-s):", np.allclose(sigmoid(s.copy(), True), s * (1 - s)))
