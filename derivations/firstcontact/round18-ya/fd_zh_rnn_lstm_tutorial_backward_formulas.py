"""FD check of zh_rnn_lstm_tutorial_backward_formulas.md.  Column vectors, one LSTM step as in the note's forward
(lines 23-39 = 51-67): f,i,o = sig(W h_{t-1} + U x_t + b), c_t = f*c_{t-1} + i*tanh(W_c h_{t-1} + U_c x_t + b_c),
h_t = o*tanh(c_t).  The loss E is not specified; it reaches this step through h_t and (from the future) c_t:
E = gh.h_t + gc.c_t, so dE/dh_t = gh (partial) and dE/dc_t = gc + gh*o*(1-tanh^2 c_t) (total).
Products written by juxtaposition between vectors are read element-wise (the note's only operators are \\odot and
juxtaposition).  Every backward row is compared with central differences; also with gc = 0 (no future) and
with D = H for the rows that are ill-typed when D != H."""
import numpy as np
from fd_common import sig, num_grad, check, illtyped

def run(H, D, use_gc, seed):
    rng = np.random.default_rng(seed)
    W = {k: rng.normal(size=(H, H)) for k in "fioc"}; U = {k: rng.normal(size=(H, D)) for k in "fioc"}
    b = {k: rng.normal(size=H) for k in "fioc"}
    x = rng.normal(size=D); hp = rng.normal(size=H); cp = rng.normal(size=H)
    gh = rng.normal(size=H); gc = rng.normal(size=H) if use_gc else np.zeros(H)
    def fwd(hp, cp, x):
        f = sig(W["f"] @ hp + U["f"] @ x + b["f"]); i = sig(W["i"] @ hp + U["i"] @ x + b["i"])
        o = sig(W["o"] @ hp + U["o"] @ x + b["o"]); g = np.tanh(W["c"] @ hp + U["c"] @ x + b["c"])
        c = f * cp + i * g; h = o * np.tanh(c); return f, i, o, g, c, h
    def E():
        *_, c, h = fwd(hp, cp, x); return gh @ h + gc @ c
    f, i, o, g, c, h = fwd(hp, cp, x)
    dE_dh = gh                                   # partial w.r.t. the output h_t
    dE_dc = gc + gh * o * (1 - np.tanh(c)**2)    # total w.r.t. c_t
    # check the two 'truths' themselves by FD on c and h treated as free variables
    dhp = num_grad(E, hp); dcp = num_grad(E, cp); dx = num_grad(E, x)
    tag = f"H={H},D={D},{'with' if use_gc else 'no'} future c-path"
    print("--", tag)
    check("L75 dE/dh_t = dE/dc_t o(1-o)", dE_dc * o * (1 - o), dE_dh)
    check("L79 dE/dc_t = dE/dh_t o tanh(c_t)", gh * o * np.tanh(c), dE_dc)
    check("L83 dE/dh_{t-1} = dE/dc_t * f * (1-f)", dE_dc * f * (1 - f), dhp)
    if D != H:
        illtyped("L87/L99 dE/dx_t = dE/dh_t (U_o o_t)(1-o_t)", f"U_o is {H}x{D}, o_t has {H} entries")
    else:
        check("L87/L99 dE/dx_t = dE/dh_t (U_o o_t)(1-o_t)", gh * (U["o"] @ o) * (1 - o), dx)
    check("L91 dE/dh_{t-1} = dE/dh_t o tanh(c_t)", gh * o * np.tanh(c), dhp)
    check("L95 dE/dc_{t-1} = dE/dh_t o tanh(c_t)(1-o) f", gh * o * np.tanh(c) * (1 - o) * f, dcp)
    # reference: the correct step-local results
    check("   (ref) dE/dc_{t-1} = dE/dc_t * f", dE_dc * f, dcp)

for H, D, gcflag in ((3, 2, True), (3, 2, False), (3, 3, False)):
    run(H, D, gcflag, seed=H * 10 + D)
