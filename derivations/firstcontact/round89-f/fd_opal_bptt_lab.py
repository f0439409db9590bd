# Finite-difference check of opal_bptt_lab.md (numpy only).
# Forward (lab): h^(t) = W_rec a^(t-1) + W_in x^(t) + b_rec, a^(t) = tanh(h^(t)), z^(t) = W_out a^(t) + b_out,
# psi = identity, per-step loss L(z, y*).  BPTT window: the last T_truncation steps stored in *_history;
# c^(t) = q^(t), c^(t'-1) = q^(t'-1) + c^(t') J^(t'),  rec_grads = sum_t' outer(c^(t') * phi'(h^(t')), a_hat^(t'))
# with a_hat^(t') = [a^(t'-1), x^(t'), 1].  The exact target is d/d[W_rec, W_in, b_rec] of the window loss
# sum_{s in window} L^(s), holding a^(first step of window - 1) fixed.
import numpy as np

def split_weight_matrix(A, sizes, axis=1):
    idx = [0] + np.cumsum(sizes).tolist()
    return [np.squeeze(A[:, idx[i]:idx[i + 1]]) for i in range(len(idx) - 1)]

class Function:
    def __init__(self, f, f_prime): self.f = f; self.f_prime = f_prime
tanh = Function(lambda z: np.tanh(z), lambda z: 1 - np.tanh(z) ** 2)                 # lines 56, 60
identity = Function(lambda z: z, lambda z: np.ones_like(z))                           # lines 68, 72
mean_squared_error = Function(lambda z, y: 0.5 * np.square(z - y).mean(),            # line 80
                              lambda z, y: z - y)                                     # line 84

class RNN:
    def __init__(self, W_in, W_rec, W_out, b_rec, b_out, activation, output, loss, jac_uses_arg=False):
        self.W_in, self.W_rec, self.W_out, self.b_rec, self.b_out = W_in, W_rec, W_out, b_rec, b_out
        self.n_in = W_in.shape[1]; self.n_h = W_in.shape[0]; self.n_out = W_out.shape[0]
        self.activation, self.output, self.loss = activation, output, loss
        self.jac_uses_arg = jac_uses_arg
    def reset_network(self, a0):
        self.a = a0.copy()
    def next_state(self, x):
        self.x = x
        self.a_prev = np.copy(self.a)
        self.h = self.W_rec.dot(self.a_prev) + self.W_in.dot(self.x) + self.b_rec     # line 238
        self.a = self.activation.f(self.h)                                           # line 239
    def next_output(self):
        self.z = self.W_out.dot(self.a) + self.b_out                                 # line 264
        self.y_hat = self.output.f(self.z)                                           # line 265
    def get_jacobian(self, h):
        if self.jac_uses_arg:      # what the docstring asks for ("using a given pre-activations vector h")
            return (self.activation.f_prime(h) * self.W_rec.T).T
        J = (self.activation.f_prime(self.h) * self.W_rec.T).T                        # line 291, as written
        return J

class BPTT:
    def __init__(self, rnn, T_truncation):
        self.rnn = rnn; self.n_in = rnn.n_in; self.n_h = rnn.n_h; self.n_out = rnn.n_out
        self.m = self.n_h + self.n_in + 1; self.q = np.zeros(self.n_h); self.outer_grads = 0
        self.T_truncation = T_truncation
        self.a_hat_history = [np.zeros(self.m)] * T_truncation
        self.h_history = [np.zeros(self.n_h)] * T_truncation
        self.q_history = [np.zeros(self.n_h)] * T_truncation
    def get_outer_grads(self):
        self.a_ = np.concatenate([self.rnn.a, np.array([1])])
        return np.multiply.outer(self.rnn.error, self.a_)                             # line 436
    def propagate_feedback_to_hidden(self):
        self.q = self.rnn.error.dot(self.rnn.W_out)                                   # line 447
    def update(self):
        self.a_hat = np.concatenate([self.rnn.a_prev, self.rnn.x, np.array([1])])    # line 491
        self.a_hat_history.append(self.a_hat); self.h_history.append(self.rnn.h)
        self.propagate_feedback_to_hidden(); self.q_history.append(self.q)
        del self.a_hat_history[0]; del self.h_history[0]; del self.q_history[0]
        self.outer_grads += self.get_outer_grads()                                    # line 508
    def get_rec_grads(self):
        rec_grads = 0
        c = self.q_history[-1]                                                        # line 525
        for i_BPTT in range(self.T_truncation):
            h = self.h_history[-(i_BPTT + 1)]
            a_hat = self.a_hat_history[-(i_BPTT + 1)]
            rec_grads += np.outer(c * rnn.activation.f_prime(h), a_hat.T)              # line 535
            if i_BPTT == self.T_truncation - 1:
                continue
            q = self.q_history[-(i_BPTT + 2)]
            J = self.rnn.get_jacobian(h=h)                                            # line 541
            c = q + c.dot(J)                                                          # line 542
        return rec_grads

def rep(tag, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-8)
    print(f"{'AGREE   ' if ok else 'DISAGREE'} {tag}: max|diff| = {np.max(np.abs(a - b)):.3e}")

rng = np.random.default_rng(3)
n_in, n_h, n_out, T, K = 2, 5, 2, 4, 7          # K steps simulated, the window is the last T of them
W_in = rng.normal(size=(n_h, n_in)); W_rec = rng.normal(size=(n_h, n_h)) * 0.7
W_out = rng.normal(size=(n_out, n_h)); b_rec = rng.normal(size=n_h) * 0.2; b_out = rng.normal(size=n_out) * 0.2
X = rng.normal(size=(K, n_in)); Y = rng.normal(size=(K, n_out)); a_init = rng.normal(size=n_h) * 0.5

def run(jac_uses_arg):
    global rnn
    rnn = RNN(W_in, W_rec, W_out, b_rec, b_out, tanh, identity, mean_squared_error, jac_uses_arg)
    rnn.reset_network(a_init); alg = BPTT(rnn, T)
    for i_t in range(K):                                  # forward part of simulate (lines 322-331)
        rnn.next_state(X[i_t]); rnn.next_output()
        rnn.loss_ = rnn.loss.f(rnn.z, Y[i_t])             # line 325
        rnn.error = rnn.loss.f_prime(rnn.z, Y[i_t])        # line 326
        alg.update()
    return alg

# window loss with a^(K-T-1) fixed; per-step loss either the lab's 0.5*mean or 0.5*sum (which matches f_prime = z - y)
def states_before_window():
    a = a_init.copy()
    for s in range(K - T):
        a = np.tanh(W_rec @ a + W_in @ X[s] + b_rec)
    return a
a_start = states_before_window()
def window_loss(Wr, Wi, br, Wo=W_out, bo=b_out, kind='sum'):
    a = a_start.copy(); L = 0.0
    for s in range(K - T, K):
        a = np.tanh(Wr @ a + Wi @ X[s] + br); z = Wo @ a + bo
        L += 0.5 * np.sum((z - Y[s]) ** 2) if kind == 'sum' else 0.5 * np.mean((z - Y[s]) ** 2)
    return L
def fd_rec(kind='sum', eps=1e-6):
    P = [W_rec.copy(), W_in.copy(), b_rec.copy()]; out = []
    for i in range(3):
        g = np.zeros_like(P[i])
        for idx in np.ndindex(P[i].shape):
            Pp = [p.copy() for p in P]; Pm = [p.copy() for p in P]
            Pp[i][idx] += eps; Pm[i][idx] -= eps
            g[idx] = (window_loss(*Pp, kind=kind) - window_loss(*Pm, kind=kind)) / (2 * eps)
        out.append(g)
    return np.concatenate([out[0], out[1], out[2][:, None]], axis=1)
G_sum = fd_rec('sum'); G_mean = fd_rec('mean')

print("== Jacobian formula (line 119) J_ij = phi'(h_i) W_rec_ij vs FD of a^(t) w.r.t. a^(t-1) ==")
ap = rng.normal(size=n_h); xx = rng.normal(size=n_in); hh = W_rec @ ap + W_in @ xx + b_rec
Jfd = np.zeros((n_h, n_h))
for j in range(n_h):
    e = np.zeros(n_h); e[j] = 1e-6
    Jfd[:, j] = (np.tanh(W_rec @ (ap + e) + W_in @ xx + b_rec) - np.tanh(W_rec @ (ap - e) + W_in @ xx + b_rec)) / 2e-6
rep("J formula (line 119 / the expression of line 291 evaluated at the right h)", (tanh.f_prime(hh) * W_rec.T).T, Jfd)

print("\n== get_rec_grads as written (line 291 uses self.h, the LAST step's pre-activation) ==")
alg = run(False); R = alg.get_rec_grads()
rep("rec_grads vs FD of window loss with per-step 0.5*sum((z-y)^2)", R, G_sum)
print("\n== same, get_jacobian using its argument h (h^(t') from h_history) ==")
alg2 = run(True); R2 = alg2.get_rec_grads()
rep("rec_grads (fixed Jacobian) vs FD, per-step loss 0.5*sum((z-y)^2)  [lines 525, 535, 542 right]", R2, G_sum)
rep("rec_grads (fixed Jacobian) vs FD, per-step loss = lab's 0.5*mean((z-y)^2)", R2, G_mean)
rep("  ... rec_grads / n_out vs FD of the lab's 0.5*mean loss (line 84 off by the factor n_out)", R2 / n_out, G_mean)

print("\n== markdown line 389 as written: phi'(h^(t)_i) and a_hat^(t-1)_j at the window's last step for every t' ==")
h_hist = alg2.h_history; a_hist = alg2.a_hat_history; q_hist = alg2.q_history
c = q_hist[-1]; R389 = 0; R389p = 0
for i in range(T):
    h = h_hist[-(i + 1)]; ah = a_hist[-(i + 1)]
    R389 += np.outer(c * tanh.f_prime(h_hist[-1]), a_hist[-1])        # t fixed (as printed)
    R389p += np.outer(c * tanh.f_prime(h), ah)                         # t' (as the first line of the align and the code)
    if i < T - 1:
        c = q_hist[-(i + 2)] + c.dot((tanh.f_prime(h) * W_rec.T).T)
rep("line 389 with t (as printed)", R389, G_sum)
rep("line 389 with t' in place of t", R389p, G_sum)

print("\n== output-layer gradients (lines 436, 447, 508) ==")
# W_out does not feed back, so sum of outer(error, [a,1]) over all K steps = dL_total/d[W_out, b_out]
def total_loss(Wo, bo, kind='sum'):
    a = a_init.copy(); L = 0.0
    for s in range(K):
        a = np.tanh(W_rec @ a + W_in @ X[s] + b_rec); z = Wo @ a + bo
        L += 0.5 * np.sum((z - Y[s]) ** 2) if kind == 'sum' else 0.5 * np.mean((z - Y[s]) ** 2)
    return L
Go = np.zeros((n_out, n_h + 1))
for idx in np.ndindex(Go.shape):
    Wp, Wm = W_out.copy(), W_out.copy(); bp, bm = b_out.copy(), b_out.copy()
    if idx[1] < n_h: Wp[idx] += 1e-6; Wm[idx] -= 1e-6
    else: bp[idx[0]] += 1e-6; bm[idx[0]] -= 1e-6
    Go[idx] = (total_loss(Wp, bp) - total_loss(Wm, bm)) / 2e-6
rep("outer_grads (sum over steps of outer(error, [a, 1])) vs FD, per-step 0.5*sum", alg2.outer_grads, Go)
# q = error . W_out = dL^(t)/da^(t) (immediate part): check at the last step
zlast = W_out @ alg2.rnn.a + b_out
qfd = np.array([(0.5*np.sum((W_out @ (alg2.rnn.a + e) + b_out - Y[-1])**2) - 0.5*np.sum((W_out @ (alg2.rnn.a - e) + b_out - Y[-1])**2)) / 2e-6
                for e in np.eye(n_h) * 1e-6])
rep("q (line 447) vs FD of the last step's loss w.r.t. a", alg2.q_history[-1], qfd)
