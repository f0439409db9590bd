# Finite-difference check of markst_rnn_final.py (MARKST-47/rnn-from-scratch, rnn_final.py).
# numpy only. The author's Tanh / SimpleRNN code is copied below unchanged (matplotlib import dropped).
import numpy as np

np.random.seed(0)


# ---- author's code (verbatim copy of the classes, note lines 6-100) ----
class Tanh:
    def forward(self, inputs):
        self.output = np.tanh(inputs)

    def backward(self, dvalues):
        self.dinputs = dvalues * (1 - self.output**2)


class SimpleRNN:
    def __init__(self, n_inputs, n_neurons, n_outputs, activation=Tanh()):
        self.Wx = np.random.randn(n_neurons, n_inputs) * 0.1
        self.Wh = np.random.randn(n_neurons, n_neurons) * 0.1
        self.Wy = np.random.randn(n_outputs, n_neurons) * 0.1
        self.bh = np.zeros((n_neurons, 1))
        self.by = np.zeros((n_outputs, 1))
        self.activation = activation

    def forward(self, inputs):
        T, n_features = inputs.shape
        n_neurons, _ = self.Wx.shape
        self.h = np.zeros((T, n_neurons))
        self.y = np.zeros((T, self.Wy.shape[0]))
        for t in range(T):
            xt = inputs[t].reshape(-1, 1)
            ht_prev = self.h[t - 1].reshape(-1, 1) if t > 0 else np.zeros((n_neurons, 1))
            ht = np.dot(self.Wx, xt) + np.dot(self.Wh, ht_prev) + self.bh
            self.activation.forward(ht)
            self.h[t] = self.activation.output.flatten()
            yt = np.dot(self.Wy, self.h[t].reshape(-1, 1)) + self.by
            self.y[t] = yt.flatten()
        return self.y

    def backward(self, dvalues, inputs, fix_tanh=False):
        dWx = np.zeros_like(self.Wx)
        dWh = np.zeros_like(self.Wh)
        dWy = np.zeros_like(self.Wy)
        dbh = np.zeros_like(self.bh)
        dby = np.zeros_like(self.by)
        T, _ = dvalues.shape
        dh_next = np.zeros((self.Wh.shape[0], 1))
        for t in reversed(range(T)):
            dy = dvalues[t].reshape(-1, 1)                      # line 81
            dWy += np.dot(dy, self.h[t].reshape(1, -1))         # line 82
            dby += dy                                           # line 83
            dh = np.dot(self.Wy.T, dy) + dh_next                # line 85
            if fix_tanh:   # annotator's correction: tanh' evaluated at THIS step's output h_t
                dht = dh * (1 - self.h[t].reshape(-1, 1) ** 2)
            else:
                self.activation.backward(dh)                    # line 86 (uses cached output = h_{T-1})
                dht = self.activation.dinputs                   # line 87
            dWx += np.dot(dht, inputs[t].reshape(1, -1))        # line 89
            dWh += np.dot(dht, self.h[t - 1].reshape(1, -1) if t > 0
                          else np.zeros((dht.shape[0], 1)).T)   # line 90
            dbh += dht                                          # line 96
            dh_next = np.dot(self.Wh.T, dht)                    # line 98
        return dWx, dWh, dWy, dbh, dby
# ---- end of author's code ----


T, D, H, O = 5, 3, 4, 2
rnn = SimpleRNN(D, H, O)
rnn.Wh = np.random.randn(H, H) * 0.8      # larger weights so that h_t differ clearly between steps
rnn.Wx = np.random.randn(H, D) * 0.8
rnn.bh = np.random.randn(H, 1) * 0.3
rnn.by = np.random.randn(O, 1) * 0.3
X = np.random.randn(T, D)
Y = np.random.randn(T, O)


def loss_fn():
    out = rnn.forward(X)
    return np.mean((out - Y) ** 2)                              # line 124


def num_grad(param):
    g = np.zeros_like(param)
    eps = 1e-6
    for idx in np.ndindex(param.shape):
        old = param[idx]
        param[idx] = old + eps; lp = loss_fn()
        param[idx] = old - eps; lm = loss_fn()
        param[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g


names = ["dWx", "dWh", "dWy", "dbh", "dby"]
params = [rnn.Wx, rnn.Wh, rnn.Wy, rnn.bh, rnn.by]
num = [num_grad(p) for p in params]


def author(fix):
    out = rnn.forward(X)
    dvalues = 2 * (out - Y) / Y.size                            # line 129
    return rnn.backward(dvalues, X, fix_tanh=fix)


def report(tag, grads):
    print(tag)
    for n, a, b in zip(names, grads, num):
        err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
        print("   %-4s rel.err %.2e  %s" % (n, err, "AGREE" if err < 1e-6 else "DISAGREE"))


report("as written (lines 81-98, shared Tanh cache):", author(False))
report("with line 86/87 corrected to (1 - h_t**2) * dh, all other lines as written:", author(True))

# helper check (line 13): Tanh.backward right after its own forward is the tanh derivative
a = np.random.randn(4, 1); th = Tanh(); th.forward(a); th.backward(np.ones_like(a))
fd = (np.tanh(a + 1e-6) - np.tanh(a - 1e-6)) / 2e-6
print("line 13 helper (fresh forward): max err %.1e  %s" % (np.max(np.abs(th.dinputs - fd)),
      "AGREE" if np.allclose(th.dinputs, fd, atol=1e-8) else "DISAGREE"))
# what line 86 actually uses at step t: cached output of the LAST forward step
rnn.forward(X)
print("cached Tanh output equals h[T-1]:", np.allclose(rnn.activation.output.flatten(), rnn.h[T - 1]),
      "; equals h[0]:", np.allclose(rnn.activation.output.flatten(), rnn.h[0]))
print("Summary: rows 81-83 (dWy, dby) and 129 agree as written; rows 86/87 FAIL (tanh derivative taken at h_{T-1} "
      "for every t); with that single correction rows 85, 89, 90, 96, 98 give exact dWx, dWh, dbh.")
