# Finite-difference check of the cbasu numpy Rnn (search-index file id 38587219228), numpy only.
# Row layout: a_t = x_t Wxh + h_{t-1} Whh + bhh, h_t = tanh(a_t), y_t = h_t Why + bhy,
# p_t = softmax(y_t), L = sum_t -log p_t[target_t] (the gradients returned are those of the SUM;
# the method returns np.mean(losses) as the reported loss).
import numpy as np

rng = np.random.default_rng(1)
D = O = 6; H = 5; T = 6

def tanh(z, derivative=False):
    if derivative:
        return 1.0 - np.tanh(z) ** 2          # note line 14
    return np.tanh(z)                         # note line 16

def softmax(x):
    x = x - np.max(x, axis=1, keepdims=True)  # 23
    x = np.exp(x)                             # 24
    return x / np.sum(x, axis=1, keepdims=True)  # 25

class Rnn:  # the author's class, copied from the note (lines 27-116), unchanged
    def __init__(self, input_size, output_size, batch_size, hidden_size):
        self.input_size = input_size; self.target_size = output_size
        self.batch_size = batch_size; self.hidden_size = hidden_size
        self.hidden_preactivations = np.zeros((batch_size, hidden_size))
        self.hidden_states = np.zeros((batch_size, hidden_size))
        self.Wxh = rng.normal(0, 0.5, (input_size, hidden_size))
        self.Whh = rng.normal(0, 0.5, (hidden_size, hidden_size))
        self.bhh = rng.normal(0, 0.3, hidden_size)
        self.Why = rng.normal(0, 0.5, (hidden_size, output_size))
        self.bhy = rng.normal(0, 0.3, output_size)
    def step(self, x, hprev):
        preactivation = x.dot(self.Wxh) + hprev.dot(self.Whh) + self.bhh
        h = tanh(preactivation)
        y = h.dot(self.Why) + self.bhy
        return preactivation, h, y
    def forward(self, inputs):
        logits = np.zeros((len(inputs), self.target_size))
        hprev = self.hidden_states[-1]
        self.initial_state = hprev
        for ii, _input in enumerate(inputs):
            preactivation, hprev, y = self.step(_input, hprev)
            self.hidden_states[ii] = hprev
            self.hidden_preactivations[ii] = preactivation
            logits[ii] = y
        logits = logits - np.max(logits, axis=1, keepdims=True)
        probabilities = softmax(logits)
        return probabilities
    def loss(self, inputs, probabilities, y):
        predicted = probabilities[range(len(probabilities)), np.argmax(y, axis=1)]
        losses = -np.log(predicted)
        errors = probabilities
        errors[range(len(probabilities)), np.argmax(y, axis=1)] -= 1
        dWhy = np.zeros(self.Why.shape); dWxh = np.zeros(self.Wxh.shape); dWhh = np.zeros(self.Whh.shape)
        dbhy = np.sum(errors, axis=0)
        activation_gradients = []
        for ii, error in enumerate(reversed(errors)):
            hidden_state = np.reshape(list(reversed(self.hidden_states))[ii], (1, self.hidden_size))
            error = np.reshape(error, (1, self.target_size))
            dWhy += np.dot(hidden_state.T, error)
        for ii, error in enumerate(reversed(self.hidden_preactivations)):
            activation_gradient = np.dot(list(reversed(errors))[ii], self.Why.T)
            activation_gradients.insert(0, activation_gradient)
        activation_gradients = np.array(activation_gradients)
        preactivation_gradients = np.multiply(tanh(self.hidden_preactivations, derivative=True),
                                              activation_gradients)
        dbhh = np.sum(preactivation_gradients, axis=0)
        for ii, _input in enumerate(reversed(inputs)):
            _input = np.reshape(_input, (1, self.input_size))
            preactivation_gradient = list(reversed(preactivation_gradients))[ii]
            preactivation_gradient = np.reshape(preactivation_gradient, (1, self.hidden_size))
            dWxh += np.dot(_input.T, preactivation_gradient)
        self._dbg = dict(errors=errors.copy(), act=activation_gradients.copy(), pre=preactivation_gradients.copy(),
                         initial_state_at_backward=np.array(self.initial_state).copy())
        for ii, state in enumerate(reversed(self.hidden_states)):
            try:
                dWhh += np.dot(list(reversed(self.hidden_states))[ii + 1].T,
                               list(reversed(preactivation_gradients))[ii])
            except IndexError:
                dWhh += np.dot(self.initial_state.T, preactivation_gradients[ii])
        return np.mean(losses), dWxh, dWhh, dWhy, dbhh, dbhy

m = Rnn(D, O, T, H)
h0 = rng.normal(0, 0.5, H)                      # state left by the previous window
X = np.eye(D)[rng.integers(0, D, T)]; Y = np.eye(O)[rng.integers(0, O, T)]

def total_loss(Wxh, Whh, bhh, Why, bhy, da=None, dh=None, tpert=None):
    h = h0.copy(); L = 0.0
    for t in range(T):
        a = X[t] @ Wxh + h @ Whh + bhh
        if da is not None and t == tpert: a = a + da
        h = np.tanh(a)
        if dh is not None and t == tpert: h = h + dh
        y = h @ Why + bhy; p = np.exp(y - y.max()); p /= p.sum()
        L += -np.log(p[np.argmax(Y[t])])
    return L

P = dict(Wxh=m.Wxh, Whh=m.Whh, bhh=m.bhh, Why=m.Why, bhy=m.bhy)
def fd(name, eps=1e-6):
    p = P[name]; g = np.zeros_like(p)
    for idx in np.ndindex(p.shape):
        old = p[idx]; p[idx] = old + eps; lp = total_loss(**P); p[idx] = old - eps; lm = total_loss(**P); p[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g
def fd_state(t, eps=1e-6):
    gh, ga = np.zeros(H), np.zeros(H)
    for i in range(H):
        e = np.zeros(H); e[i] = eps
        gh[i] = (total_loss(**P, dh=e, tpert=t) - total_loss(**P, dh=-e, tpert=t)) / (2 * eps)
        ga[i] = (total_loss(**P, da=e, tpert=t) - total_loss(**P, da=-e, tpert=t)) / (2 * eps)
    return gh, ga
def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))
def verdict(r): return 'AGREE' if r < 1e-6 else 'DISAGREE'

num = {k: fd(k) for k in P}
m.hidden_states[-1] = h0
probs = m.forward(X)
meanL, dWxh, dWhh, dWhy, dbhh, dbhy = m.loss(X, probs.copy(), Y)
print(f'reported loss (mean) {meanL:.6f}; sum loss {total_loss(**P):.6f}; mean*T {meanL*T:.6f}')
print('--- author gradients vs FD of the summed loss ---')
for n, a in [('Why (line 89)', dWhy), ('bhy (line 83)', dbhy), ('bhh (line 99)', dbhh), ('Wxh (line 105)', dWxh), ('Whh (lines 110/114)', dWhh)]:
    k = n.split()[0]; r = rel(a, num[k]); print(f'{n:22s} rel.err {r:.2e}  {verdict(r)}')
print('author dWhh is a constant matrix (scalar broadcast):', np.allclose(dWhh, dWhh.flat[0]))

dbg = m._dbg
print('--- per-step rows ---')
for t in [T - 1, T - 3, 0]:
    gh, ga = fd_state(t)
    print(f't={t}: line 92 activation_gradient vs FD dL/dh_t  rel {rel(dbg["act"][t], gh):.2e} {verdict(rel(dbg["act"][t], gh))}')
# line 96 with the correct dL/dh_t as input
ghs = np.array([fd_state(t)[0] for t in range(T)]); gas = np.array([fd_state(t)[1] for t in range(T)])
pre_ok = tanh(m.hidden_preactivations, derivative=True) * ghs
print(f'line 96 formula tanh\'(a)*dL/dh fed with the true dL/dh vs FD dL/da: rel {rel(pre_ok, gas):.2e} {verdict(rel(pre_ok, gas))}')
print(f'line 99 formula sum_t g_t with true g vs FD dL/dbhh: rel {rel(gas.sum(0), num["bhh"]):.2e} {verdict(rel(gas.sum(0), num["bhh"]))}')
print(f'line 105 formula sum_t x_t^T g_t with true g vs FD dL/dWxh: rel {rel(X.T @ gas, num["Wxh"]):.2e} {verdict(rel(X.T @ gas, num["Wxh"]))}')
hprevs = np.vstack([h0, m.hidden_states[:-1]])
print(f'outer-product version sum_t h_(t-1)^T g_t with true g vs FD dL/dWhh: rel {rel(hprevs.T @ gas, num["Whh"]):.2e} (what lines 110/114 should give)')
# lines 110-111 / 114 as written, fed with the TRUE g: still wrong (1-D np.dot is an inner product; wrong index/state in 114)
W = np.zeros((H, H))
for ii in range(T):
    try:
        W += np.dot(list(reversed(m.hidden_states))[ii + 1].T, list(reversed(gas))[ii])
    except IndexError:
        W += np.dot(dbg['initial_state_at_backward'].T, gas[ii])
print(f'lines 110/114 as written fed with the true g vs FD dL/dWhh: rel {rel(W, num["Whh"]):.2e} {verdict(rel(W, num["Whh"]))}')
print('line 114: initial_state at backward time equals h0?', np.allclose(dbg['initial_state_at_backward'], h0),
      '| equals last state h_{T-1}?', np.allclose(dbg['initial_state_at_backward'], m.hidden_states[-1]),
      '| index used = T-1 (step', T - 1, ') instead of 0')
# helpers
z = rng.normal(0, 1, 8); e = 1e-6
print(f'line 14 tanh derivative vs FD: rel {rel(tanh(z, True), (np.tanh(z+e)-np.tanh(z-e))/(2*e)):.2e}')
print(f'lines 77/79 errors = p - onehot vs FD dL/dlogits (one step): ', end='')
yv = rng.normal(0, 1, O); k = 2
def ce(v): p = np.exp(v - v.max()); p /= p.sum(); return -np.log(p[k])
g = np.array([(ce(yv + e*np.eye(O)[i]) - ce(yv - e*np.eye(O)[i]))/(2*e) for i in range(O)])
pv = softmax(yv[None])[0]; pv[k] -= 1
print(f'rel {rel(pv, g):.2e} {verdict(rel(pv, g))}')
# separate the two dWhh lines (both fed with the true g)
W110 = sum(np.dot(m.hidden_states[t - 1].T, gas[t]) for t in range(1, T))   # what 110-111 add (t = T-1..1)
true110 = sum(np.outer(m.hidden_states[t - 1], gas[t]) for t in range(1, T))
W114 = np.dot(dbg['initial_state_at_backward'].T, gas[T - 1]); true114 = np.outer(h0, gas[0])
print(f'line 110 part alone (true g) vs sum_(t>=1) outer(h_(t-1), g_t): rel {rel(W110 + 0*true110, true110):.2e} {verdict(rel(W110 + 0*true110, true110))}  (np.dot of two 1-D arrays -> scalar {np.ndim(W110)}-d)')
print(f'line 114 part alone (true g) vs outer(h0, g_0): rel {rel(W114 + 0*true114, true114):.2e} {verdict(rel(W114 + 0*true114, true114))}')
