# Finite-difference check of seqgru_element_research.md (Element-Research/rnn SeqGRU.lua).
# The Lua/Torch7 updateOutput/backward are transliterated line by line into numpy (float64),
# including the in-place buffer reuse; note line numbers in the labels.
import numpy as np

rng = np.random.default_rng(2)
T, N, D, H = 5, 3, 4, 3
weight = rng.normal(size=(D + H, 3 * H)) * 0.5     # rows 1..D = Wx, rows D+1..D+H = Wh; columns r | u | hc
bias = rng.normal(size=(3 * H,)) * 0.3
h0 = rng.normal(size=(N, H)) * 0.5
x = rng.normal(size=(T, N, D))
R = rng.normal(size=(T, N, H))                     # loss L = sum(R * output) + sum(P * h_T)
P = rng.normal(size=(N, H))                        # gradPrevOutput: external gradient on the last state
sig = lambda a: 1 / (1 + np.exp(-a))


def updateOutput(weight, bias, h0, x, maskzero=False):
    bias_expand = np.broadcast_to(bias.reshape(1, 3 * H), (N, 3 * H))  # L177
    Wx = weight[:D]; Wh = weight[D:]                                    # L178-179
    h = np.zeros((T, N, H)); gates = np.zeros((T, N, 3 * H))
    prev_h = h0
    for t in range(T):
        cur_x = x[t]
        cur_gates = bias_expand + cur_x @ Wx                            # L190
        cur_gates[:, :2 * H] += prev_h @ Wh[:, :2 * H]                  # L191
        cur_gates[:, :2 * H] = sig(cur_gates[:, :2 * H])                # L192
        r = cur_gates[:, :H]; u = cur_gates[:, H:2 * H]                 # L193-194
        next_h = r * prev_h                                             # L195 (temporary)
        cur_gates[:, 2 * H:] += next_h @ Wh[:, 2 * H:]                  # L196
        cur_gates[:, 2 * H:] = np.tanh(cur_gates[:, 2 * H:])            # L197
        hc = cur_gates[:, 2 * H:]
        next_h = hc + (-1) * u * hc                                     # L198 next_h:addcmul(hc, -1, u, hc)
        next_h = next_h + u * prev_h                                    # L199
        if maskzero:                                                    # L201-L209
            m = np.linalg.norm(cur_x, axis=1) == 0
            next_h[m] = 0; cur_gates[m] = 0
        h[t] = next_h; gates[t] = cur_gates
        prev_h = h[t]                                                   # L212
    return h, gates


def backward(weight, h0, x, h, gates, grad_h, gradPrevOutput=None, maskzero=False, scale=1.0):
    Wx = weight[:D]; Wh = weight[D:]                                    # L242-243
    gradWeight = np.zeros_like(weight); grad_b = np.zeros(3 * H)
    grad_Wx = gradWeight[:D]; grad_Wh = gradWeight[D:]                  # L244-246 (views)
    grad_x = np.zeros_like(x)
    grad_next_h = gradPrevOutput.copy() if gradPrevOutput is not None else np.zeros((N, H))  # L252
    temp_buffer = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        prev_h = h0 if t == 0 else h[t - 1]                             # L258 / L260
        grad_next_h += grad_h[t]                                        # L262
        if maskzero:                                                    # L264-L273
            m = np.linalg.norm(x[t], axis=1) == 0
            grad_next_h[m] = 0
        r = gates[t, :, :H]; u = gates[t, :, H:2 * H]; hc = gates[t, :, 2 * H:]   # L276-278
        grad_a = np.zeros((N, 3 * H))                                   # L280
        grad_ar = grad_a[:, :H]; grad_au = grad_a[:, H:2 * H]; grad_ahc = grad_a[:, 2 * H:]  # L281-283 (views)
        grad_au[...] = 0 + (-1) * u * grad_next_h + grad_next_h         # L290 grad_hc (in grad_au)
        grad_hc = grad_au
        grad_ahc[...] = (1 - hc * hc) * grad_hc                         # L291
        grad_au[...] = grad_ahc @ Wh[:, 2 * H:].T                       # L292
        grad_au *= prev_h
        grad_r = grad_au
        grad_ar[...] = (1 - r) * r * grad_r                             # L293
        temp_buffer[...] = -hc + prev_h                                 # L295
        grad_au[...] = (1 - u) * u * temp_buffer * grad_next_h          # L296
        grad_x[t] = grad_a @ Wx.T                                       # L297
        grad_Wx += scale * x[t].T @ grad_a                              # L298
        grad_Wh[:, :2 * H] += scale * prev_h.T @ grad_a[:, :2 * H]      # L299
        grad_a_sum = grad_a.sum(0)                                      # L301
        grad_b += scale * grad_a_sum                                    # L302
        temp_buffer[...] = prev_h * r                                   # L303
        grad_Wh[:, 2 * H:] += scale * temp_buffer.T @ grad_ahc          # L304
        grad_next_h *= u                                                # L305
        grad_next_h += grad_a[:, :2 * H] @ Wh[:, :2 * H].T              # L306
        temp_buffer[...] = (grad_a[:, 2 * H:] @ Wh[:, 2 * H:].T) * r    # L307
        grad_next_h += temp_buffer                                      # L308
    grad_h0 = grad_next_h.copy()                                        # L310
    return grad_h0, grad_x, gradWeight, grad_b


def check(name, a, b, tol=1e-6):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print(f"{'AGREE ' if err < tol else 'DIFFER'}  rel.err={err:9.2e}  {name}")


def fd(f, p, eps=1e-6):
    g = np.zeros_like(p)
    for idx in np.ndindex(p.shape):
        old = p[idx]; p[idx] = old + eps; up = f(); p[idx] = old - eps; dn = f(); p[idx] = old
        g[idx] = (up - dn) / (2 * eps)
    return g


# forward against an independent GRU (reset applied before the recurrent product, h = (1-u) hc + u h_prev)
hp = h0; ref = []
for t in range(T):
    a = x[t] @ weight[:D] + bias
    r = sig(a[:, :H] + hp @ weight[D:, :H]); u = sig(a[:, H:2 * H] + hp @ weight[D:, H:2 * H])
    hc = np.tanh(a[:, 2 * H:] + (r * hp) @ weight[D:, 2 * H:])
    hp = (1 - u) * hc + u * hp; ref.append(hp)
check("L190-L199 forward GRU", updateOutput(weight, bias, h0, x)[0], np.array(ref))

for maskzero in (False, True):
    if maskzero:
        x[2, 1] = 0.0; x[4, 0] = 0.0      # zero input vectors -> masked steps
    L = lambda: np.sum(R * updateOutput(weight, bias, h0, x, maskzero)[0]) + np.sum(P * updateOutput(weight, bias, h0, x, maskzero)[0][-1])
    h, gates = updateOutput(weight, bias, h0, x, maskzero)
    g_h0, g_x, g_W, g_b = backward(weight, h0, x, h, gates, R, P, maskzero)
    tag = "maskzero " if maskzero else ""
    gW = fd(L, weight)
    check(f"{tag}L298 grad_Wx", g_W[:D], gW[:D])
    check(f"{tag}L299 grad_Wh[:, r|u]", g_W[D:, :2 * H], gW[D:, :2 * H])
    check(f"{tag}L304 grad_Wh[:, hc]", g_W[D:, 2 * H:], gW[D:, 2 * H:])
    check(f"{tag}L301-302 grad_b", g_b, fd(L, bias))
    gx = fd(L, x)
    if maskzero:   # the mask is a step function of x at x = 0: compare only unmasked (t, n) rows
        keep = np.linalg.norm(x, axis=2) != 0
        check(f"{tag}L297 grad_x (unmasked steps)", g_x[keep], gx[keep])
        print(f"        grad_x at masked steps is {np.abs(g_x[~keep]).max():.1e} (mask is not differentiable there; FD meaningless)")
    else:
        check(f"{tag}L297 grad_x", g_x, gx)
    check(f"{tag}L305-L310 grad_h0 (recursion)", g_h0, fd(L, h0))
