# Finite-difference check of medhavempati/DeepLearning rnn_from_scratch.ipynb (RNN part), numpy only.
# Forward as in the notebook: h_i = tanh(U x_i + V h_{i-1}) (biases unused), o_i = W h_i,
# loss = sum_i CE(softmax(o_i), t_i) / T.   hidden_states[0] = h_{-1} (zeros), hidden_states[i+1] = h_i.
import numpy as np
rng = np.random.default_rng(0)
H, K, T = 5, 4, 6

def sigmoid(x, derivative=False):            # as in the notebook
    x_safe = x + 1e-12
    f = 1 / (1 + np.exp(-x_safe))
    return f * (1 - f) if derivative else f
def tanh(x, derivative=False):               # as in the notebook
    x_safe = x + 1e-12
    f = (np.exp(x_safe)-np.exp(-x_safe))/(np.exp(x_safe)+np.exp(-x_safe))
    return f * (1 - f) if derivative else f
def softmax(x):
    return np.exp(x+1e-12) / np.sum(np.exp(x+1e-12))
def cross_entropy_loss(output, target):
    loss = 0
    for j in range(len(output)):
        loss += target[j] * np.log(output[j] + 1e-9)
    return -loss

U = rng.normal(size=(H, K)) * 0.7; V = rng.normal(size=(H, H)) * 0.5; W = rng.normal(size=(K, H)) * 0.7
bias_hidden = rng.normal(size=(H, H)); bias_output = rng.normal(size=(K, K))
inputs = [np.eye(K)[[rng.integers(K)]].T for _ in range(T)]
targets = [np.eye(K)[[rng.integers(K)]].T for _ in range(T)]
h0 = np.zeros((H, 1))

def forward_pass(inputs, hidden_state, parameters):
    U, V, W, bias_hidden, bias_output = parameters
    outputs, hidden_states = [], [hidden_state]
    for i in range(len(inputs)):
        hidden_state = tanh((np.dot(U, inputs[i]) + np.dot(V, hidden_states[-1])))
        output = np.dot(W, hidden_state)
        hidden_states.append(hidden_state); outputs.append(output)
    return outputs, hidden_states

def total_loss(params):
    outputs, _ = forward_pass(inputs, h0, params)
    return float(np.sum(sum(cross_entropy_loss(softmax(outputs[i]), targets[i]) / len(targets) for i in range(T))))

def fd(params, k, eps=1e-6):
    P = [p.copy() for p in params]; g = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        old = P[k][idx]; P[k][idx] = old + eps; lp = total_loss(P)
        P[k][idx] = old - eps; lm = total_loss(P); P[k][idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g

params = (U, V, W, bias_hidden, bias_output)
outputs, hidden_states = forward_pass(inputs, h0, params)
FD = {n: fd(params, k) for k, n in enumerate(['U', 'V', 'W', 'bias_hidden', 'bias_output'])}

# author's backward as written (without the final clipping)
d_U, d_V, d_W = np.zeros_like(U), np.zeros_like(V), np.zeros_like(W)
d_bias_hidden, d_bias_output = np.zeros_like(bias_hidden), np.zeros_like(bias_output)
d_hidden_next = np.zeros_like(hidden_states[0])
for i in reversed(range(len(outputs))):
    d_output = outputs[i].copy(); d_output[np.argmax(targets[i])] -= 1
    d_W += np.dot(d_output, hidden_states[i].T); d_bias_output += d_output
    d_h = np.dot(W.T, d_output) + d_hidden_next
    d_f = (1 - hidden_states[i]**2) * d_h; d_bias_hidden += d_f
    d_U += np.dot(d_f, inputs[i].T)
    d_V += np.dot(hidden_states[i-1].T, d_f)
    d_hidden_next = np.dot(V.T, d_f)
author = dict(U=d_U, V=d_V, W=d_W, bias_hidden=d_bias_hidden, bias_output=d_bias_output)

# reference BPTT (correct), checked against FD
R = {n: np.zeros_like(p) for n, p in zip(['U', 'V', 'W', 'bias_hidden', 'bias_output'], params)}
g_true, dh_true, da_true = {}, {}, {}
dnext = np.zeros((H, 1))
for i in reversed(range(T)):
    g = (softmax(outputs[i]) - targets[i]) / T; g_true[i] = g
    R['W'] += g @ hidden_states[i+1].T
    dh = W.T @ g + dnext; dh_true[i] = dh; dn_in = dnext
    da = (1 - hidden_states[i+1]**2) * dh; da_true[i] = da
    R['U'] += da @ inputs[i].T; R['V'] += da @ hidden_states[i].T
    dnext = V.T @ da
def ok(a, b): return a.shape == b.shape and np.allclose(a, b, rtol=1e-4, atol=1e-7)
print("reference BPTT vs FD:", {n: ok(R[n], FD[n]) for n in R})
print("author totals vs FD:  ", {n: ok(author[n], FD[n]) for n in R})

x = np.linspace(-2, 2, 9); e = 1e-6
print("L42-45 sigmoid derivative f*(1-f):", np.allclose(sigmoid(x, True), (sigmoid(x+e)-sigmoid(x-e))/(2*e), atol=1e-6))
print("L61 tanh forward == np.tanh:", np.allclose(tanh(x), np.tanh(x)))
print("L63-64 tanh derivative f*(1-f):", np.allclose(tanh(x, True), (np.tanh(x+e)-np.tanh(x-e))/(2*e), atol=1e-6))
print("L77 softmax sums to 1:", np.isclose(softmax(x).sum(), 1.0))
i = T - 1
d_out = outputs[i].copy(); d_out[np.argmax(targets[i])] -= 1
print("L130-131 d_output == dL/do_i (softmax(o)-t)/T:", ok(d_out, g_true[i]),
      "| == softmax(o)-t (no 1/T):", ok(d_out, softmax(outputs[i]) - targets[i]))
# local rules with the correct upstream quantities plugged in
print("L135 d_W term g_i @ hidden_states[i].T == g_i @ h_i.T:", ok(g_true[i] @ hidden_states[i].T, g_true[i] @ hidden_states[i+1].T))
print("L136/L143 true bias gradients are zero (biases unused in forward):", np.allclose(FD['bias_output'], 0), np.allclose(FD['bias_hidden'], 0))
j = T - 2
print("L139 d_h = W.T g + d_hidden_next (with true inputs):", ok(W.T @ g_true[j] + V.T @ da_true[j+1], dh_true[j]))
print("L142 (1-hidden_states[i]**2)*d_h == dL/da_i:", ok((1 - hidden_states[j]**2) * dh_true[j], da_true[j]))
print("L147 d_U term d_f @ x_i.T (true d_f):", ok(da_true[j] @ inputs[j].T, (da_true[j] @ inputs[j].T)),
      "; sum over steps == FD U:", ok(sum(da_true[t] @ inputs[t].T for t in range(T)), FD['U']))
print("L151 hidden_states[i-1].T @ d_f shape", (hidden_states[j-1].T @ da_true[j]).shape, "vs d_V", V.shape,
      "; correct term d_f @ hidden_states[i].T sums to FD V:", ok(sum(da_true[t] @ hidden_states[t].T for t in range(T)), FD['V']))
print("L152 d_hidden_next = V.T d_f (true d_f) == dh_{i-1} minus output part:", ok(V.T @ da_true[j], dh_true[j-1] - W.T @ g_true[j-1]))
