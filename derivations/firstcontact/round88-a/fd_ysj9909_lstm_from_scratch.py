# Finite-difference check of ysj9909/DL_practice_from_scratch LSTM_from_scratch.ipynb (LSTM_scratch.forward_t),
# re-implemented line by line in numpy (torch.mm -> @). Row-vector layout: inputs_t = [h_{t-1}, x_t] (B, H+D),
# gate = act(inputs_t @ W_gate + b_gate); c_t = f*c_{t-1} + i*c~; h_t = o*tanh(c_t); logits = h_T @ W_out + b_out;
# loss = mean over the batch of cross-entropy (loss /= batch_size).
import numpy as np
rng = np.random.default_rng(1)
B, D, H, T, K = 3, 3, 4, 5, 3
sig = lambda z: 1 / (1 + np.exp(-z))
P0 = {n: rng.normal(size=(H + D, H)) * 0.6 for n in ['W_f', 'W_i', 'W_o', 'W_C']}
P0.update({n: rng.normal(size=H) * 0.3 for n in ['b_f', 'b_i', 'b_o', 'b_C']})
P0['W_out'] = rng.normal(size=(H, K)) * 0.6; P0['b_out'] = rng.normal(size=K) * 0.3
imgs = rng.normal(size=(B, 1, T, D)); targets = rng.integers(K, size=B)

def forward(P):
    h = np.zeros((B, T + 1, H)); c = np.zeros((B, T + 1, H)); inputs = np.zeros((B, T, H + D))
    f = np.zeros((B, T, H)); ig = np.zeros_like(f); o = np.zeros_like(f); cs = np.zeros_like(f)
    for i in range(T):
        inputs[:, i] = np.concatenate([h[:, i], imgs[:, 0, i]], -1)
        f[:, i] = sig(inputs[:, i] @ P['W_f'] + P['b_f']); ig[:, i] = sig(inputs[:, i] @ P['W_i'] + P['b_i'])
        o[:, i] = sig(inputs[:, i] @ P['W_o'] + P['b_o']); cs[:, i] = np.tanh(inputs[:, i] @ P['W_C'] + P['b_C'])
        c[:, i + 1] = f[:, i] * c[:, i] + ig[:, i] * cs[:, i]; h[:, i + 1] = o[:, i] * np.tanh(c[:, i + 1])
    outputs = h[:, -1] @ P['W_out'] + P['b_out']
    return h, c, inputs, f, ig, o, cs, outputs

def loss_of(P):
    *_, outputs = forward(P)
    sm = np.exp(outputs) / np.exp(outputs).sum(-1, keepdims=True)
    return -np.log(sm[np.arange(B), targets]).sum() / B

def fd(P, eps=1e-6):
    G = {}
    for n in P:
        G[n] = np.zeros_like(P[n])
        for idx in np.ndindex(P[n].shape):
            Q = {k: v.copy() for k, v in P.items()}; Q[n][idx] += eps; lp = loss_of(Q)
            Q[n][idx] -= 2 * eps; lm = loss_of(Q); G[n][idx] = (lp - lm) / (2 * eps)
    return G

def backward(P, accumulate_dc_=True):      # the notebook's backward; accumulate_dc_=False replaces only line 113
    h, c, inputs, f, ig, o, cs, outputs = forward(P)
    exp_out = np.exp(outputs); softmax = exp_out / exp_out.sum(-1, keepdims=True)
    dsoftmax = softmax.copy()
    for i, idx in enumerate(targets): dsoftmax[i, idx] -= 1
    G = dict(b_out=dsoftmax.sum(0), W_out=h[:, -1].T @ dsoftmax)
    for n in ['W_f', 'W_i', 'W_o', 'W_C', 'b_f', 'b_i', 'b_o', 'b_C']: G[n] = 0
    dc_ = 0; dh = np.zeros_like(h); dc = np.zeros_like(c)
    dh[:, -1] = dsoftmax @ P['W_out'].T
    for i in range(-1, -T - 1, -1):
        do_in = dh[:, i] * np.tanh(c[:, i]) * o[:, i] * (1 - o[:, i])
        dh[:, i - 1] += (do_in @ P['W_o'].T)[:, :H]; G['W_o'] += inputs[:, i].T @ do_in; G['b_o'] += do_in.sum(0)
        dc[:, i] += dh[:, i] * o[:, i] * (1 - np.tanh(c[:, i]) ** 2)
        df_in = dc[:, i] * c[:, i - 1] * f[:, i] * (1 - f[:, i])
        dh[:, i - 1] += (df_in @ P['W_f'].T)[:, :H]; G['W_f'] += inputs[:, i].T @ df_in; G['b_f'] += df_in.sum(0)
        dc[:, i - 1] += dc[:, i] * f[:, i]
        di_in = dc[:, i] * cs[:, i] * ig[:, i] * (1 - ig[:, i])
        dh[:, i - 1] += (di_in @ P['W_i'].T)[:, :H]; G['W_i'] += inputs[:, i].T @ di_in; G['b_i'] += di_in.sum(0)
        if accumulate_dc_: dc_ += dc[:, i] * ig[:, i]          # line 113 as written
        else:              dc_ = dc[:, i] * ig[:, i]           # one step's dL/dc~_t
        dc_in = dc_ * (1 - cs[:, i] ** 2)
        dh[:, i - 1] += (dc_in @ P['W_C'].T)[:, :H]; G['W_C'] += inputs[:, i].T @ dc_in; G['b_C'] += dc_in.sum(0)
    return G, dsoftmax, softmax

FDm = fd(P0)                                   # gradient of the notebook's loss (batch mean)
FDs = {n: B * g for n, g in FDm.items()}       # gradient of the batch-summed loss
ok = lambda a, b: np.allclose(a, b, rtol=1e-4, atol=1e-7)
Ga, dsm, sm = backward(P0, True)
Gf, _, _ = backward(P0, False)
onehot = np.eye(K)[targets]
print("L68-70 dsoftmax == d(loss)/d(logits) = (softmax-onehot)/B:", ok(dsm, (sm - onehot) / B),
      "| == softmax-onehot (gradient of the summed loss):", ok(dsm, sm - onehot))
print("author as written vs FD of summed loss:", {n: ok(Ga[n], FDs[n]) for n in FDm})
print("author as written vs FD of mean loss:  ", {n: ok(Ga[n], FDm[n]) for n in FDm})
print("only line 113 replaced by dc_ = dc*i, vs FD of summed loss:", {n: ok(Gf[n], FDs[n]) for n in FDm})
