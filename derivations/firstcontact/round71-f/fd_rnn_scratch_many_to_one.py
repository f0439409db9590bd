# Finite-difference check of rnn_scratch_many_to_one.py (ShafwanAdhi/rnn-from-scratch, RNNScratch).
# numpy only. The author's class is executed verbatim from the note file; the loss that is
# differentiated is the author's own calculate_loss (mse = mean over outputs, ce = -mean(label*log p)).
import numpy as np

ns_ = {}
exec(compile(open(__file__.replace("fd_", "")).read(), "rnn_scratch_many_to_one.py", "exec"), ns_)
RNNScratch = ns_["RNNScratch"]

def rep(label, a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    ok = np.allclose(a, b, atol=1e-7, rtol=1e-5)
    ratio = np.sum(a * b) / max(np.sum(b * b), 1e-300)
    print(f"  {label:44s} {'AGREE' if ok else 'DISAGREE'}  max|diff|={np.max(np.abs(a-b)):.2e}  <a,b>/<b,b>={ratio:.4f}")
    return ok

def check(act, out_act, loss, K, seed=0):
    np.random.seed(seed)
    m = RNNScratch(input_features=2, hidden_units=4, num_output=K, learning_rate=0.1,
                   loss=loss, activation=act, output_activation=out_act)
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(5, 2))
    if loss == "ce":
        y = np.zeros(K); y[rng.integers(K)] = 1.0
        if K == 1: y = np.array([1.0])
    else:
        y = rng.normal(size=K) * 0.5
    def L():
        return m.calculate_loss(m.forward(X), y)
    L(); m.backprop(); g = {k: np.array(v, copy=True) for k, v in m.gradient.items() if k != "hidden_state"}
    hs = [np.array(v) for v in m.gradient["hidden_state"]]
    print(f"== hidden={act}, output={out_act}, loss={loss}, num_output={K}")
    eps = 1e-6
    for d, keys in [(m.weights, ["wx", "wh", "wy"]), (m.bias, ["bh", "by"])]:
        for k in keys:
            fd = np.zeros_like(d[k])
            for idx in np.ndindex(d[k].shape):
                o = d[k][idx]
                d[k][idx] = o + eps; lp = L()
                d[k][idx] = o - eps; lm = L()
                d[k][idx] = o; fd[idx] = (lp - lm) / (2 * eps)
            line = {"wx": "L243", "wh": "L249", "wy": "L237", "bh": "L263", "by": "L259"}[k]
            rep(f"{line} gradient['{k}']", np.reshape(g[k], d[k].shape), fd)
    # dL/d(output pre-activation) = gradient['z']  (perturb 'by' == perturb z)
    # dL/d(hidden pre-activation a_t) = gradient['hidden_state'][t]: perturb a_t through a bias pulse at step t
    fd_a = []
    for t in range(X.shape[0]):
        col = np.zeros(4)
        for j in range(4):
            vals = []
            for s in (+1, -1):
                orig = m.hidden_act[act]
                def hooked(x, t0=t, j0=j, s0=s, cnt=[0]):
                    x = np.array(x, float)
                    if cnt[0] == t0: x = x.copy(); x[j0] += s0 * eps
                    cnt[0] += 1
                    return orig(x)
                m.hidden_act[act] = hooked
                vals.append(L())
                m.hidden_act[act] = orig
            col[j] = (vals[0] - vals[1]) / (2 * eps)
        fd_a.append(col)
    rep("L207/215/222 gradient['hidden_state'][t] all t", np.array([h.flatten() for h in hs]), np.array(fd_a))

check("tanh", "sigmoid", "mse", 3)
check("relu", "linear", "mse", 2)
check("sigmoid", "sigmoid", "mse", 1)
check("tanh", "softmax", "ce", 3)      # L92/L194: grad_z = p - y, but L112 averages over the 3 outputs
check("tanh", "sigmoid", "ce", 3)      # L100: der_ce = -y/p, missing the 1/num_output of L112
check("tanh", "sigmoid", "ce", 1)      # with one output the 1/num_output factor is 1, so it agrees
