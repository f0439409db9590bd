# Finite-difference check of es_rnn_relu_function.py (file id 29122939364): the author's
# RNNFunction.forward / backward transliterated line by line from torch to numpy
# (torch.mm -> @, .t() -> .T, torch.relu -> np.maximum(0, .), squeeze/unsqueeze on axis 0).
# Loss: L = sum(Go * outputs) + sum(Gn * h_n), so grad_output = Go and grad_hn = Gn.
import numpy as np

rng = np.random.default_rng(1)
B, T, D, H = 2, 4, 3, 5
inputs = rng.normal(size=(B, T, D))
h0 = rng.normal(size=(1, B, H))
weight_ih = rng.normal(size=(H, D)) * 0.8
weight_hh = rng.normal(size=(H, H)) * 0.6
bias_ih = rng.normal(size=H) * 0.3
bias_hh = rng.normal(size=H) * 0.3
Go = rng.normal(size=(B, T, H)); Gn = rng.normal(size=(1, B, H))

def forward(inputs, h0, weight_ih, weight_hh, bias_ih, bias_hh):
    batch_size, seq_len, _ = inputs.shape
    hidden_size = weight_ih.shape[0]
    outputs = np.zeros((batch_size, seq_len, hidden_size))
    h_t = h0[0]
    hidden_states = [h_t]
    for t in range(seq_len):
        x_t = inputs[:, t, :]
        gate_input = x_t @ weight_ih.T + bias_ih                  # line 78
        gate_hidden = h_t @ weight_hh.T + bias_hh                 # line 79
        h_t = np.maximum(0, gate_input + gate_hidden)             # line 80
        outputs[:, t, :] = h_t                                    # line 83
        hidden_states.append(h_t)
    h_n = h_t[None]                                               # line 88
    return outputs, h_n, hidden_states

def backward(grad_output, grad_hn, inputs, h0, weight_ih, weight_hh, bias_ih, bias_hh, hidden_states):
    _, seq_len, _ = inputs.shape
    grad_inputs = np.zeros_like(inputs)
    grad_weight_ih = np.zeros_like(weight_ih); grad_weight_hh = np.zeros_like(weight_hh)
    grad_bias_ih = np.zeros_like(bias_ih); grad_bias_hh = np.zeros_like(bias_hh)
    grad_h = grad_hn[0]                                           # line 143
    for t in reversed(range(seq_len)):
        grad_h = grad_h + grad_output[:, t, :]                    # line 148
        h_prev = hidden_states[t]                                 # line 151
        x_t = inputs[:, t, :]
        gate_input = x_t @ weight_ih.T + bias_ih                  # line 158
        gate_hidden = h_prev @ weight_hh.T + bias_hh              # line 159
        relu_grad = (gate_input + gate_hidden) > 0                # line 160
        grad_h = grad_h * relu_grad.astype(float)                 # line 163
        grad_weight_ih += grad_h.T @ x_t                          # line 166
        grad_weight_hh += grad_h.T @ h_prev                       # line 167
        grad_bias_ih += grad_h.sum(axis=0)                        # line 168
        grad_bias_hh += grad_h.sum(axis=0)                        # line 169
        grad_inputs[:, t, :] = grad_h @ weight_ih                 # line 172
        grad_h_prev = grad_h @ weight_hh                          # line 173
        grad_h = grad_h_prev                                      # line 176
    grad_h0 = grad_h[None]                                        # line 179
    return grad_inputs, grad_h0, grad_weight_ih, grad_weight_hh, grad_bias_ih, grad_bias_hh

params = [inputs, h0, weight_ih, weight_hh, bias_ih, bias_hh]
def loss():
    out, hn, _ = forward(*params)
    return float(np.sum(Go * out) + np.sum(Gn * hn))

out, hn, hs = forward(*params)
grads = backward(Go, Gn, *params, hs)

def num_grad(A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old + eps; fp = loss(); A[idx] = old - eps; fm = loss(); A[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g

# make sure no pre-activation sits on the ReLU kink
pre_min = min(np.min(np.abs(inputs[:, t, :] @ weight_ih.T + bias_ih + hs[t] @ weight_hh.T + bias_hh)) for t in range(T))
print(f"smallest |pre-activation| = {pre_min:.3e} (FD step 1e-6)")
names = [("grad_inputs", 172), ("grad_h0", 179), ("grad_weight_ih", 166), ("grad_weight_hh", 167),
         ("grad_bias_ih", 168), ("grad_bias_hh", 169)]
ok_all = True
for (name, line), g, p in zip(names, grads, params):
    ng = num_grad(p)
    err = np.max(np.abs(g - ng)) / max(1e-12, np.max(np.abs(ng)))
    ok = err < 1e-6; ok_all &= ok
    print(f"line {line:>3} {name:<15} rel.err {err:.2e}  {'AGREES' if ok else 'DIFFERS'}")
# the returned dh0 is dL/dh0 of the whole sequence only because line 143 seeds grad_h with grad_hn
# and line 148 adds grad_output[:, t] at every step; dropping either would show up above.
print("ALL ROWS AGREE" if ok_all else "SOME ROWS DIFFER")
