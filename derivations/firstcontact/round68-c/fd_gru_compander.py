# Finite-difference check of gru_compander.py (numpy GRULayer, search-index file id 7632363562).
# numpy only: scipy's expit replaced by 1/(1+exp(-x)); the train() output-layer lines are reproduced
# for one chunk with a nonzero initial_h (as train() passes h_prev = h[-1] of the previous chunk).
import numpy as np

np.random.seed(1)


def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


class GRULayer:  # author's class, copied; `fix` switches line 45 to use the forward's initial_h
    def __init__(self, x_n, h_n):
        self.x_n, self.h_n = x_n, h_n
        self.W = np.random.randn(h_n, x_n + h_n + 1) * 0.5
        self.Wr = np.random.randn(h_n, x_n + h_n + 1) * 0.5
        self.Wz = np.random.randn(h_n, x_n + h_n + 1) * 0.5

    def forward(self, x, initial_h=None):
        if initial_h is None:
            initial_h = np.zeros(self.h_n)
        self.initial_h = initial_h  # (annotator: kept only for the corrected variant)
        self.t_n, _ = x.shape
        self.h = np.zeros((self.t_n, self.h_n))
        self.h0, self.z, self.r, self.q = [np.zeros_like(self.h) for _ in range(4)]
        h, h0, z, r, q = self.h, self.h0, self.z, self.r, self.q
        self.x = np.copy(x)
        for t in range(self.t_n):
            h_prev = h[t - 1] if t > 0 else initial_h                                   # line 29
            z[t] = sigmoid(np.dot(self.Wz, np.concatenate((x[t], h_prev, np.ones(1)))))  # line 30
            r[t] = sigmoid(np.dot(self.Wr, np.concatenate((x[t], h_prev, np.ones(1)))))  # line 31
            q[t] = r[t] * h_prev                                                        # line 32
            h0[t] = np.tanh(np.dot(self.W, np.concatenate((x[t], q[t], np.ones(1)))))    # line 33
            h[t] = (1 - z[t]) * h_prev + h0[t] * z[t]                                   # line 34
        return h

    def backward(self, dh, fix=False):
        dh = dh.copy()
        x, h, h0, z, r, q = self.x, self.h, self.h0, self.z, self.r, self.q
        W, Wr, Wz = self.W, self.Wr, self.Wz
        dh0, dz, dx = np.zeros_like(dh), np.zeros_like(dh), np.zeros((self.t_n, self.x_n))
        dW, dWr, dWz = np.zeros_like(W), np.zeros_like(Wr), np.zeros_like(Wz)
        for t in reversed(range(self.t_n)):
            if fix:
                h_prev = h[t - 1] if t > 0 else self.initial_h
            else:
                h_prev = h[t - 1] if t > 0 else np.zeros(self.h_n)                      # line 45
            dh0[t] = dh[t] * z[t]                                                       # line 46
            dh0i = dh0[t] * (1 - h0[t] ** 2)                                            # line 47
            dW += np.dot(dh0i[:, np.newaxis], np.concatenate((x[t], q[t], np.ones(1)))[None])  # 48
            dxq = np.dot(W.T, dh0i)                                                     # line 49
            dx[t] += dxq[:self.x_n]                                                     # line 50
            dq = dxq[self.x_n:-1]                                                       # line 51
            dr = dq * h_prev                                                            # line 53
            dri = r[t] * (1 - r[t]) * dr                                                # line 54
            dWr += np.dot(dri[:, None], np.concatenate((x[t], h_prev, np.ones(1)))[None])  # 55
            dxh = np.dot(Wr.T, dri)                                                     # line 56
            dz[t] = dh[t] * (h0[t] - h_prev)                                            # line 58
            dzi = z[t] * (1 - z[t]) * dz[t]                                             # line 59
            dWz += np.dot(dzi[:, None], np.concatenate((x[t], h_prev, np.ones(1)))[None])  # 60
            dxh += np.dot(Wz.T, dzi)                                                    # line 61
            dx[t] += dxh[:self.x_n]                                                     # line 62
            if t > 0:
                dh[t - 1] += dh[t] * (1 - z[t]) + dq * r[t] + dxh[self.x_n:-1]          # line 64
        self.dW, self.dWr, self.dWz, self.dx = dW, dWr, dWz, dx


x_n, h_n, T, V = 6, 4, 5, 6
layer = GRULayer(x_n, h_n)
Wy = np.random.randn(V, h_n) * 0.5
by = np.random.randn(V) * 0.1
X = np.eye(x_n)[np.random.randint(0, x_n, T)]     # one-hot inputs as in train()
targets = np.random.randint(0, V, T)


def loss_and_dh(initial_h):
    h = layer.forward(X, initial_h=initial_h)
    dh = np.zeros_like(h); loss = 0.0
    dWy = np.zeros_like(Wy); dby = np.zeros_like(by)
    for j in range(T):
        y = np.dot(Wy, h[j][:, np.newaxis]).flatten() + by       # line 109
        dy = np.exp(y) / np.sum(np.exp(y))                          # line 118
        loss += -np.log(dy[targets[j]])                             # line 119
        dy[targets[j]] -= 1                                         # line 120
        dby += dy                                                   # line 122
        dWy += np.dot(dy[:, np.newaxis], h[j][np.newaxis])          # line 123
        dh[j] = np.dot(Wy.T, dy[:, np.newaxis]).flatten()           # line 124
    return loss, dh, dWy, dby


def num_grad(param, initial_h):
    g = np.zeros_like(param); eps = 1e-6
    for idx in np.ndindex(param.shape):
        old = param[idx]
        param[idx] = old + eps; lp = loss_and_dh(initial_h)[0]
        param[idx] = old - eps; lm = loss_and_dh(initial_h)[0]
        param[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g


def check(tag, initial_h, fix):
    _, dh, dWy, dby = loss_and_dh(initial_h)
    layer.backward(dh, fix=fix)
    print(tag)
    for name, a, p in [("dW", layer.dW, layer.W), ("dWr", layer.dWr, layer.Wr), ("dWz", layer.dWz, layer.Wz),
                       ("dWy", dWy, Wy), ("dby", dby, by)]:
        b = num_grad(p, initial_h)
        err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
        print("   %-4s rel.err %.2e  %s" % (name, err, "AGREE" if err < 1e-6 else "DISAGREE"))
    # dx (line 50/62) against FD on the inputs
    g = np.zeros_like(X); eps = 1e-6
    for idx in np.ndindex(X.shape):
        old = X[idx]; X[idx] = old + eps; lp = loss_and_dh(initial_h)[0]
        X[idx] = old - eps; lm = loss_and_dh(initial_h)[0]; X[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    err = np.max(np.abs(layer.dx - g)) / np.max(np.abs(g))
    print("   %-4s rel.err %.2e  %s" % ("dx", err, "AGREE" if err < 1e-6 else "DISAGREE"))


h_init = np.random.randn(h_n) * 0.8   # train(): initial_h=h_prev, h_prev = np.copy(h[-1]) of the previous chunk
check("initial_h = 0 (first chunk of an epoch), as written:", np.zeros(h_n), False)
check("initial_h != 0 (every later chunk), as written (line 45 uses zeros at t=0):", h_init, False)
check("initial_h != 0, line 45 corrected to use initial_h at t=0, all other lines as written:", h_init, True)
print("Summary: line 45 FAILS whenever initial_h != 0 (dWr, dWz and dx[0] wrong, dW, dWy, dby unaffected); "
      "with line 45 corrected every other backward line (46-64) and the output-layer lines 109-124 agree.")
