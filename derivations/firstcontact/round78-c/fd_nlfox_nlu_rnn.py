# Checks for nlfox_nlu_rnn.md (Edinburgh NLU cw1 RNN, commit 35c3cc3), numpy only.
# Author's layout: s[t] = sigmoid(V onehot(x[t]) + U s[t-1]), y[t] = softmax(W s[t]); s has len(x)+1 rows, s[-1] = 0.
# deltaX are NEGATIVE gradients (apply_deltas adds them). Truncated BPTT with `steps` = gradient of L_t w.r.t. the
# copies of U, V used at times t-steps..t (earlier copies held fixed); we get that by FD with time-limited perturbation.
import numpy as np
rng = np.random.default_rng(0)

def sigmoid(x): return 1.0 / (1.0 + np.exp(-x))                  # line 7
def softmax(x):
    xt = np.exp(x - max(x)); return xt / sum(xt)                  # lines 11-12
def grad(x): return x * (1 - x)                                   # line 16
def make_onehot(i, n): y = np.zeros(n); y[i] = 1; return y

class RNN:
    def __init__(self, vocab, H):
        self.vocab_size = vocab; self.hidden_dims = H; self.out_vocab_size = vocab
        self.U = rng.standard_normal((H, H)); self.V = rng.standard_normal((H, vocab)); self.W = rng.standard_normal((vocab, H))
        self.zero()
    def zero(self):
        self.deltaU = np.zeros_like(self.U); self.deltaV = np.zeros_like(self.V); self.deltaW = np.zeros_like(self.W)
    def predict(self, x, Ut=None, Vt=None):
        s = np.zeros((len(x) + 1, self.hidden_dims)); y = np.zeros((len(x), self.out_vocab_size))
        for t in range(len(x)):
            U = self.U if Ut is None else Ut[t]; V = self.V if Vt is None else Vt[t]
            inp = make_onehot(x[t], self.vocab_size)
            s[t] = sigmoid(V.dot(inp) + U.dot(s[t - 1]))                     # line 115
            y[t] = softmax(self.W.dot(s[t]))                                 # line 117
        return y, s
    # ---- author's code, verbatim logic ----
    def acc_deltas(self, x, d, y, s):
        for t in reversed(range(len(x))):
            one_hot_d = make_onehot(d[t], self.vocab_size); one_hot_x = make_onehot(x[t], self.vocab_size)
            grad_sigmoid = np.ones((len(y[t])))
            grad_out = np.multiply(one_hot_d - y[t], grad_sigmoid)
            self.deltaW += np.outer(grad_out, s[t])
            grad_in = self.W.T.dot(grad_out) * grad(s[t])
            self.deltaV += np.outer(grad_in, one_hot_x)
            self.deltaU += np.outer(grad_in, s[t - 1])
    def acc_deltas_np(self, x, d, y, s):
        t = len(x) - 1
        one_hot_d = make_onehot(d[0], self.vocab_size)
        grad_sigmoid = np.ones((len(y[t])))
        grad_out = np.multiply(one_hot_d - y[t], grad_sigmoid)
        self.deltaW += np.outer(grad_out, s[t])
        grad_in = self.W.T.dot(grad_out) * grad(s[t])
        for t in reversed(range(len(x))):
            one_hot_x = make_onehot(x[t], self.vocab_size)
            self.deltaV += np.outer(grad_in, one_hot_x)
            self.deltaU += np.outer(grad_in, s[t - 1])
            grad_in = self.U.T.dot(grad_in) * grad(s[t - 1])
    def acc_deltas_bptt(self, x, d, y, s, steps):
        for t in reversed(range(len(x))):
            delta_out = make_onehot(d[t], self.vocab_size) - y[t]
            self.deltaW += np.outer(delta_out, s[t])
            for ta in range(steps + 1):
                if ta == 0:
                    delta_r = self.W.T.dot(delta_out) * grad(s[t])
                else:
                    delta_r = self.U.T.dot(delta_r) * grad(s[t - ta])
                self.deltaV += np.outer(delta_r, make_onehot(x[t - ta], self.vocab_size))
                self.deltaU += np.outer(delta_r, s[t - ta - 1])
    def acc_deltas_bptt_np(self, x, d, y, s, steps):
        t = len(x) - 1
        delta_out = make_onehot(d[0], self.vocab_size) - y[t]
        self.deltaW += np.outer(delta_out, s[t])
        delta_in = self.W.T.dot(delta_out) * grad(s[t])
        for t in reversed(range(len(x))):
            for ta in range(min(steps,len(x))+1):
                if ta == 0:
                    delta_r = delta_in.copy()
                else:
                    delta_r = self.U.T.dot(delta_r) * grad(s[t - ta])
                self.deltaV += np.outer(delta_r, make_onehot(x[t - ta], self.vocab_size))
                self.deltaU += np.outer(delta_r, s[t - ta - 1])
            delta_in = self.U.T.dot(delta_r) * grad(s[t - 1])

def loss_t(r, x, d, t, Ut=None, Vt=None):      # lines 263 / 283 (one term)
    y, _ = r.predict(x, Ut, Vt); return -np.log(y[t][d])

def fd_trunc(r, x, dlist, steps, eps=1e-6):
    """ sum over (t, target) of dL_t/d(U,V,W) with U,V perturbed only at times t-steps..t """
    T = len(x); gU = np.zeros_like(r.U); gV = np.zeros_like(r.V); gW = np.zeros_like(r.W)
    for t, dt in dlist:
        times = [tau for tau in range(T) if t - steps <= tau <= t]
        for M, g in ((r.U, gU), (r.V, gV)):
            for idx in np.ndindex(M.shape):
                vals = []
                for sgn in (1, -1):
                    cop = [M.copy() for _ in range(T)]
                    for tau in times: cop[tau][idx] += sgn * eps
                    vals.append(loss_t(r, x, dt, t, *( (cop, None) if M is r.U else (None, cop) )))
                g[idx] += (vals[0] - vals[1]) / (2 * eps)
        for idx in np.ndindex(r.W.shape):
            o = r.W[idx]; r.W[idx] = o + eps; lp = loss_t(r, x, dt, t); r.W[idx] = o - eps; lm = loss_t(r, x, dt, t); r.W[idx] = o
            gW[idx] += (lp - lm) / (2 * eps)
    return gU, gV, gW

def cmp(name, r, ref):
    res = [np.allclose(-dd, g, rtol=1e-5, atol=1e-7) for dd, g in zip((r.deltaU, r.deltaV, r.deltaW), ref)]
    err = max(np.abs(-dd - g).max() for dd, g in zip((r.deltaU, r.deltaV, r.deltaW), ref))
    print(f"{name:70s} U:{'AGREE' if res[0] else 'DISAGREE'} V:{'AGREE' if res[1] else 'DISAGREE'} W:{'AGREE' if res[2] else 'DISAGREE'}  max|diff| {err:.2e}")

z = rng.standard_normal(5)
print(f"{'line 16 grad(sigmoid(z)) vs FD of sigmoid':70s} {'AGREE' if np.allclose(grad(sigmoid(z)), (sigmoid(z+1e-6)-sigmoid(z-1e-6))/2e-6) else 'DISAGREE'}")
zz = rng.standard_normal(4); oh = make_onehot(2, 4)
g = np.array([(-np.log(softmax(zz + 1e-6*np.eye(4)[k])[2]) + np.log(softmax(zz - 1e-6*np.eye(4)[k])[2]))/2e-6 for k in range(4)])
print(f"{'lines 141-142 grad_out = (d - y)*1 = -dL/d(W s)':70s} {'AGREE' if np.allclose(oh - softmax(zz), -g) else 'DISAGREE'}")

vocab, H, T = 4, 3, 6
x = list(rng.integers(0, vocab, T)); d = list(rng.integers(0, vocab, T))
r = RNN(vocab, H)
y, s = r.predict(x)
# acc_deltas = truncated with steps 0
r.zero(); r.acc_deltas(x, d, y, s)
cmp("acc_deltas (lines 139-146) vs FD, BPTT truncated at 0 steps", r, fd_trunc(r, x, list(zip(range(T), d)), 0))
for k in (2, T):
    r.zero(); r.acc_deltas_bptt(x, d, y, s, k)
    cmp(f"acc_deltas_bptt steps={k} (lines 195-207) vs FD truncated at {k}", r, fd_trunc(r, x, list(zip(range(T), d)), k))
# number prediction: loss only at t = T-1 with target d[0]
dnp = [1]
r.zero(); r.acc_deltas_np(x, dnp, y, s)
cmp("acc_deltas_np (lines 165-175) vs FD, full gradient of final-step loss", r, fd_trunc(r, x, [(T-1, 1)], T))
for k in (2, T-1, T):
    r.zero(); r.acc_deltas_bptt_np(x, dnp, y, s, k)
    cmp(f"acc_deltas_bptt_np steps={k} (lines 227-244) vs FD truncated at {k}", r, fd_trunc(r, x, [(T-1, 1)], k))
# diagnostic (not in source): the first pass of the outer loop (t = T-1) alone is the correct truncated BPTT;
# what breaks it is line 244 (delta_in = U^T delta_r * grad(s[t-1]) seeds the next outer pass with a wrong delta)
def first_pass_only(r, x, d, y, s, steps):
    t = len(x) - 1
    delta_out = make_onehot(d[0], r.vocab_size) - y[t]
    r.deltaW += np.outer(delta_out, s[t])
    delta_r = r.W.T.dot(delta_out) * grad(s[t])
    for ta in range(min(steps, len(x)) + 1):
        if ta > 0: delta_r = r.U.T.dot(delta_r) * grad(s[t - ta])
        r.deltaV += np.outer(delta_r, make_onehot(x[t - ta], r.vocab_size))
        r.deltaU += np.outer(delta_r, s[t - ta - 1])
for k in (2, T-1):
    r.zero(); first_pass_only(r, x, dnp, y, s, k)
    cmp(f"(diagnostic) first outer pass only, steps={k}, vs FD truncated at {k}", r, fd_trunc(r, x, [(T-1, 1)], k))
