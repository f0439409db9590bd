# Finite-difference check of torch_rnn_vanilla_rnn.md (jcjohnson/torch-rnn VanillaRNN.lua).
# The Lua/Torch7 forward and backward are transliterated line by line into numpy (float64);
# note line numbers in the labels.
import numpy as np

rng = np.random.default_rng(1)
N, T, D, H = 3, 5, 4, 3
weight = rng.normal(size=(D + H, H)) * 0.5      # rows 1..D = Wx, rows D+1..D+H = Wh
bias = rng.normal(size=(H,)) * 0.3
h0 = rng.normal(size=(N, H)) * 0.5
x = rng.normal(size=(N, T, D))
R = rng.normal(size=(N, T, H))                  # loss L = sum(R * output)  ->  gradOutput = R


def updateOutput(weight, bias, h0, x):
    bias_expand = np.broadcast_to(bias.reshape(1, H), (N, H))   # L125
    Wx = weight[0:D]                                            # L126
    Wh = weight[D:D + H]                                        # L127
    output = np.zeros((N, T, H))
    prev_h = h0
    for t in range(T):
        cur_x = x[:, t]
        next_h = bias_expand + cur_x @ Wx                       # L134 next_h:addmm(bias_expand, cur_x, Wx)
        next_h = next_h + prev_h @ Wh                           # L135 next_h:addmm(prev_h, Wh)
        next_h = np.tanh(next_h)                                # L136
        output[:, t] = next_h
        prev_h = output[:, t]                                   # L137
    return output


def backward(weight, bias, h0, x, output, grad_h, scale=1.0):
    Wx = weight[0:D]; Wh = weight[D:D + H]                      # L158-159
    gradWeight = np.zeros_like(weight); gradBias = np.zeros_like(bias)
    grad_Wx = gradWeight[0:D]; grad_Wh = gradWeight[D:D + H]    # L160-161 (views)
    grad_b = gradBias                                           # L162
    grad_h0 = np.zeros_like(h0)
    grad_x = np.zeros_like(x)
    grad_next_h = np.zeros_like(h0)
    for t in range(T - 1, -1, -1):
        next_h = output[:, t]                                   # L168
        prev_h = h0 if t == 0 else output[:, t - 1]             # L170 / L172
        grad_next_h += grad_h[:, t]                             # L174
        grad_a = grad_h0                                        # L175 (buffer alias)
        grad_a[...] = (1 - next_h * next_h) * grad_next_h       # L176 fill(1):addcmul(-1, h, h):cmul(grad_next_h)
        grad_x[:, t] = grad_a @ Wx.T                            # L177
        grad_Wx += scale * x[:, t].T @ grad_a                   # L178
        grad_Wh += scale * prev_h.T @ grad_a                    # L179
        grad_next_h = grad_a @ Wh.T                             # L180
        buffer2 = grad_a.sum(0, keepdims=True)                  # L181
        grad_b += scale * buffer2.reshape(-1)                   # L182
    grad_h0[...] = grad_next_h                                  # L184
    return grad_h0, grad_x, gradWeight, gradBias


def check(name, a, b, tol=1e-6):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print(f"{'AGREE ' if err < tol else 'DIFFER'}  rel.err={err:9.2e}  {name}")


def fd(f, p, eps=1e-6):
    g = np.zeros_like(p)
    for idx in np.ndindex(p.shape):
        old = p[idx]; p[idx] = old + eps; up = f(); p[idx] = old - eps; dn = f(); p[idx] = old
        g[idx] = (up - dn) / (2 * eps)
    return g


L = lambda: np.sum(R * updateOutput(weight, bias, h0, x))
# forward rows against an independent textbook RNN h_t = tanh(x_t Wx + h_{t-1} Wh + b)
h = h0; ref = []
for t in range(T):
    h = np.tanh(x[:, t] @ weight[:D] + h @ weight[D:] + bias); ref.append(h)
out = updateOutput(weight, bias, h0, x)
check("L125-L137 forward: h_t = tanh(b + x_t Wx + h_{t-1} Wh)", out, np.stack(ref, 1))

g_h0, g_x, g_W, g_b = backward(weight, bias, h0, x, out, R)
check("L178 grad_Wx (rows 1..D of gradWeight), summed over t", g_W[:D], fd(L, weight)[:D])
check("L179 grad_Wh (rows D+1..D+H), summed over t", g_W[D:], fd(L, weight)[D:])
check("L181-L182 grad_b (batch sum, summed over t)", g_b, fd(L, bias))
check("L177 grad_x[t] = grad_a Wx^T", g_x, fd(L, x))
check("L174/L176/L180/L184 grad_h0 (recursion through Wh^T and 1-h^2)", g_h0, fd(L, h0))

# gradient with the loss on the last output only (checks the recursion alone)
R[:, :-1] = 0
g_h0, g_x, g_W, g_b = backward(weight, bias, h0, x, out, R)
check("last-output loss: grad_h0", g_h0, fd(L, h0))
check("last-output loss: grad_Wh", g_W[D:], fd(L, weight)[D:])
