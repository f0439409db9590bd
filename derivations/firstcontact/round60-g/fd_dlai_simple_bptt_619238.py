"""FD check for dlai_simple_bptt_619238.md. Model as the poster writes it: A[:,:,t+1] = tanh(W_aa A[:,:,t] + W_ax X[:,:,t] + b_a),
Y_pred[:,:,t] = softmax(W_ya A[:,:,t+1] + b_y), columns = examples; loss taken as cross-entropy
L = -sum(Y * log(Y_pred)) (the poster's 'cost function derivative' -Y/Y_pred implies it).
softmax_backward is not shown in the post; its printed shape is (n_y, m), so an elementwise s*(1-s) is used."""
import numpy as np
rng = np.random.default_rng(619238)
n_x, n_a, n_y, m, T_x = 3, 5, 4, 6, 4

def tanh(z): return np.tanh(z)
def softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True)); return e / e.sum(axis=0, keepdims=True)
def softmax_backward(z):
    s = softmax(z); return s * (1 - s)

class Net: pass
self = Net()
self.T_x, self.n_a, self.m = T_x, n_a, m
self.parameters = {"W_aa": rng.standard_normal((n_a, n_a)) * 0.5, "W_ax": rng.standard_normal((n_a, n_x)) * 0.7,
                   "b_a": rng.standard_normal((n_a, 1)) * 0.2, "W_ya": rng.standard_normal((n_y, n_a)),
                   "b_y": rng.standard_normal((n_y, 1)) * 0.2}
X = rng.standard_normal((n_x, m, T_x))
Y = np.zeros((n_y, m, T_x)); 
for t in range(T_x):
    Y[rng.integers(0, n_y, m), np.arange(m), t] = 1.0

def forward():
    self.cache = {"X": X, "A": np.zeros((n_a, m, T_x)), "Y_pred": np.zeros((n_y, m, T_x)), "Y": Y}
    # author's loop (lines 8-18), verbatim body
    for t in range(self.T_x - 1) :
        xt = self.cache['X'][:, :, t]
        a_prev = self.cache['A'][:, :, t]
        a_next = tanh(np.dot(self.parameters['W_aa'], a_prev) + np.dot(self.parameters['W_ax'], xt) + self.parameters['b_a'])
        yt_pred = softmax(np.dot(self.parameters['W_ya'], a_next) + self.parameters['b_y'])
        self.cache['A'][:, :, (t + 1)] = a_next
        self.cache['Y_pred'][:, :, t] = yt_pred
    return -np.sum(self.cache['Y'][:, :, :T_x - 1] * np.log(self.cache['Y_pred'][:, :, :T_x - 1]))

def fd(arr, f, eps=1e-6):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]; arr[idx] = old + eps; fp = f(); arr[idx] = old - eps; fm = f(); arr[idx] = old; g[idx] = (fp - fm) / (2 * eps)
    return g

L = forward()
# lines 14, 16: forward rows reproduce the independent model definition
A_ref = np.zeros((n_a, m, T_x))
for t in range(T_x - 1):
    A_ref[:, :, t + 1] = np.tanh(self.parameters["W_aa"] @ A_ref[:, :, t] + self.parameters["W_ax"] @ X[:, :, t] + self.parameters["b_a"])
    z = self.parameters["W_ya"] @ A_ref[:, :, t + 1] + self.parameters["b_y"]
    assert np.allclose(self.cache["Y_pred"][:, :, t], np.exp(z) / np.exp(z).sum(0))
assert np.allclose(self.cache["A"], A_ref)
print("lines 14, 16 pass")

# line 22: dY_pred = -(Y / Y_pred) is dL/dY_pred for L = -sum Y log Y_pred (Y_pred as free variable)
Yp = self.cache["Y_pred"][:, :, 0].copy()
g = fd(Yp, lambda: -np.sum(Y[:, :, 0] * np.log(Yp)))
with np.errstate(divide='ignore', invalid='ignore'):  # last slice of Y_pred is unused (zeros)
    self.cache['dY_pred'] = - (self.cache['Y'] / self.cache['Y_pred'])
assert np.allclose(self.cache['dY_pred'][:, :, 0], g, atol=1e-7)
print("line 22 pass")

# line 24: da_next = zeros((n_a, m)) -- no gradient flows in from beyond the last step: pass (shape check)
da_next = np.zeros((self.n_a, self.m)); assert da_next.shape == self.cache["A"][:, :, 0].shape

# lines 31, 32 as written: np.dot((n_y,m), (n_a,m)) etc. -> not even defined
t = T_x - 2
self.cache['dW_ya'] = np.zeros_like(self.parameters['W_ya'])
for name, stmt in (("31 da_prev", "np.dot(self.cache['dY_pred'][:, :, t], np.dot(self.parameters['W_ya'].T, softmax_backward(np.dot(self.parameters['W_ya'], self.cache['A'][:, :, t]) + self.parameters['b_y']))) + da_next"),
                   ("32 dW_ya", "np.dot(self.cache['dY_pred'][:, :, t], np.dot(softmax_backward(np.dot(self.parameters['W_ya'], self.cache['A'][:, :, t]) + self.parameters['b_y']), self.cache['A'][:, :, t].T))")):
    try:
        eval(stmt); raise SystemExit(name + " unexpectedly evaluated")
    except ValueError as e:
        print(f"line {name} as written -> ValueError ({e}) -> fail")

# the correct rows: dz_y = Y_pred - Y at step t (uses a_next = A[:,:,t+1], not A[:,:,t]);
# dW_ya = sum_t dz_y A[:,:,t+1]^T ; da<t+1> = W_ya^T dz_y + (recurrent part from step t+1)
dz = self.cache["Y_pred"][:, :, :T_x - 1] - Y[:, :, :T_x - 1]
dWya = sum(dz[:, :, t] @ self.cache["A"][:, :, t + 1].T for t in range(T_x - 1))
assert np.allclose(dWya, fd(self.parameters["W_ya"], forward), atol=1e-6)
# dL/dA at the last stored step (no recurrent part there): W_ya^T (Y_pred - Y)
tl = T_x - 2
W = self.parameters
def L_from_last_a(alast):
    z = W["W_ya"] @ alast + W["b_y"]; s = np.exp(z) / np.exp(z).sum(0); return -np.sum(Y[:, :, tl] * np.log(s))
alast = self.cache["A"][:, :, tl + 1].copy()
assert np.allclose(W["W_ya"].T @ dz[:, :, tl], fd(alast, lambda: L_from_last_a(alast)), atol=1e-6)
print("correct forms verified: dz_y = Y_pred - Y, dW_ya += dz_y A[:,:,t+1].T, da = W_ya.T dz_y + da_next")
