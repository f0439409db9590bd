"""Finite-difference check of ladih/Layered-RNN rec_net.py RNN.step (BPTT part), numpy only.
Re-implements the author's forward pass and the author's backward formulas as written
(including the fact that `hprevs = self.hidden_states` is the same list object the forward
pass overwrites, so at t == 0 line 87 uses the LAST hidden state of the sequence)."""
import numpy as np

rng = np.random.default_rng(0)
V, H = 5, [4, 3]           # vocabulary, two hidden layers
L = len(H)
T = 4

def init():
    Ws = [rng.uniform(-.4, .4, (V, H[0]))]
    for i in range(L - 1):
        Ws.append(rng.uniform(-.4, .4, (H[i], H[i])))
        Ws.append(rng.uniform(-.4, .4, (H[i], H[i + 1])))
    Ws.append(rng.uniform(-.4, .4, (H[-1], H[-1])))
    Ws.append(rng.uniform(-.4, .4, (H[-1], V)))
    bs = [rng.normal(0, .1, (1, s)) for s in H] + [rng.normal(0, .1, (1, V))]
    return Ws, bs

Ws, bs = init()
h_init = [rng.normal(0, .5, (1, s)) for s in H]     # carried-over state (train_text calls step(..., hprevs=1))
xs = [np.eye(V)[[rng.integers(V)]] for _ in range(T)]
ys = [np.eye(V)[[rng.integers(V)]] for _ in range(T)]

def forward(Ws, bs, h0):
    hidden_states = [h.copy() for h in h0]
    raws_t, ps_t, loss = [], [], 0.0
    for t in range(T):
        yraw = [xs[t]]
        for i in range(L):
            hidden = np.tanh(yraw[-1] @ Ws[i*2] + hidden_states[i] @ Ws[i*2+1] + bs[i])   # line 52
            hidden_states[i] = hidden
            yraw.append(hidden)
        y = yraw[-1] @ Ws[-1] + bs[-1]                                                  # line 57
        ps = np.exp(y) / np.sum(np.exp(y))                                              # line 58
        ps_t.append(ps); raws_t.append(yraw)
        loss += -np.log(ps[0][np.argmax(ys[t])])                                        # line 61
    return loss, raws_t, ps_t, hidden_states

def backward(Ws, bs, h0, alias=True):
    loss, raws_t, ps_t, hidden_after = forward(Ws, bs, h0)
    hprevs = hidden_after if alias else h0      # author: hprevs aliases self.hidden_states (overwritten)
    next_dhraws = [np.zeros((1, s)) for s in H]
    dW = [np.zeros_like(m) for m in Ws]; db = [np.zeros_like(b) for b in bs]
    for t in reversed(range(T)):
        bp_y = np.copy(ps_t[t]); bp_y[0][np.argmax(ys[t])] -= 1                         # lines 75-76
        dW[-1] += raws_t[t][-1].T @ bp_y                                                # lines 77-78
        db[-1] += bp_y                                                                  # line 79
        for l in range(L):
            bp = bp_y @ Ws[-2*l-1].T + next_dhraws[-l-1] @ Ws[-2*l-2].T                 # line 81
            bp_tanh = (1 - raws_t[t][-l-1] * raws_t[t][-l-1]) * bp                      # line 82
            if t == 0:
                dWh = hprevs[-l-1].T @ bp_tanh                                          # line 87
            else:
                dWh = raws_t[t-1][-l-1].T @ bp_tanh                                     # line 89
            dWx = raws_t[t][-l-2].T @ bp_tanh                                           # line 90
            dW[-2*l-2] += dWh; dW[-2*l-3] += dWx; db[-l-2] += bp_tanh                   # lines 91-93
            next_dhraws[-l-1] = bp_tanh; bp_y = bp_tanh                                 # lines 94-95
    return dW, db

def num_grad(Ws, bs, h0, eps=1e-6):
    gW, gb = [], []
    for lst, out in ((Ws, gW), (bs, gb)):
        for k in range(len(lst)):
            g = np.zeros_like(lst[k])
            for idx in np.ndindex(lst[k].shape):
                old = lst[k][idx]
                lst[k][idx] = old + eps; lp = forward(Ws, bs, h0)[0]
                lst[k][idx] = old - eps; lm = forward(Ws, bs, h0)[0]
                lst[k][idx] = old
                g[idx] = (lp - lm) / (2 * eps)
            out.append(g)
    return gW, gb

names = ["W[0] input->h0 (dWx, line 90)", "W[1] h0->h0 (dWh, lines 87/89)", "W[2] h0->h1 (dWx, line 90)",
         "W[3] h1->h1 (dWh, lines 87/89)", "W[4] h1->out (line 77)"]
gW, gb = num_grad(Ws, bs, h_init)
for label, h0 in (("carried-over nonzero initial state", h_init), ("zero initial state", [np.zeros((1, s)) for s in H])):
    if h0 is not h_init:
        gW, gb = num_grad(Ws, bs, h0)
    aW, ab = backward(Ws, bs, h0, alias=True)
    fW, fb = backward(Ws, bs, h0, alias=False)
    print("==", label)
    for k, n in enumerate(names):
        e_a = np.max(np.abs(aW[k] - gW[k])); e_f = np.max(np.abs(fW[k] - gW[k]))
        print("%-34s author as written: %s (max err %.1e) | line 87 with true h_{-1}: %s (%.1e)"
              % (n, "AGREE" if e_a < 1e-6 else "DISAGREE", e_a, "AGREE" if e_f < 1e-6 else "DISAGREE", e_f))
    for k in range(len(bs)):
        e = np.max(np.abs(ab[k] - gb[k]))
        print("bias %d (lines 79/93): %s (max err %.1e)" % (k, "AGREE" if e < 1e-6 else "DISAGREE", e))
