"""Finite-difference check of binary_addition_rnn.md (llSourcell/recurrent_neural_net_demo rnn.py).

Conventions of the author: E = 1/2 * sum_t (y_t - layer_2_t)^2; every "*_delta" is MINUS the
gradient of E w.r.t. a pre-activation, every "*_update" is MINUS the gradient w.r.t. a weight
matrix, and the step "synapse += update * alpha" is therefore gradient descent.
"""
import copy
import numpy as np

rng = np.random.RandomState(0)
binary_dim = 8
input_dim, hidden_dim, output_dim = 2, 16, 1
syn0 = 2 * rng.random_sample((input_dim, hidden_dim)) - 1
syn1 = 2 * rng.random_sample((hidden_dim, output_dim)) - 1
synh = 2 * rng.random_sample((hidden_dim, hidden_dim)) - 1
# keep the net away from saturation so that FD is well conditioned
syn0 *= 0.5; syn1 *= 0.5; synh *= 0.5

largest = 2 ** binary_dim
binary = np.unpackbits(np.array([range(largest)], dtype=np.uint8).T, axis=1)
a_int, b_int = 57, 38
a, b, c = binary[a_int], binary[b_int], binary[a_int + b_int]

results = {}


def check(line, got, ref, expect):
    got = np.asarray(got, float); ref = np.asarray(ref, float)
    err = np.max(np.abs(got - ref)) / max(1e-12, np.max(np.abs(ref)))
    ok = err < 1e-6
    verdict = "pass" if ok else "fail"
    if not ok:
        assert err > 1e-2, (line, err)
    results[line] = verdict
    print(f"line {line}: rel.err {err:.2e} -> {verdict} (expected {expect})")
    assert verdict == expect, line


def sigmoid_ref(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


# ---- author's helper functions (lines 11, 16) ----
def sigmoid(x):
    output = 1/(1+np.exp(-x))
    return output


def sigmoid_output_to_derivative(output):
    return output*(1-output)


xs = np.linspace(-3, 3, 13)
check(11, sigmoid(xs), sigmoid_ref(xs), "pass")
h = 1e-6
dnum = (sigmoid_ref(xs + h) - sigmoid_ref(xs - h)) / (2 * h)
check(16, sigmoid_output_to_derivative(sigmoid(xs)), dnum, "pass")


# ---- model with hooks on the pre-activations ----
def forward(s0, s1, sh, hook1=None, hook2=None):
    T = binary_dim
    if hook1 is None: hook1 = np.zeros((T, hidden_dim))
    if hook2 is None: hook2 = np.zeros((T, output_dim))
    hs = [np.zeros((1, hidden_dim))]
    outs, E = [], 0.0
    for p in range(T):
        X = np.array([[a[T - p - 1], b[T - p - 1]]], float)
        y = np.array([[c[T - p - 1]]], float)
        net1 = X @ s0 + hs[-1] @ sh + hook1[p]
        l1 = sigmoid_ref(net1)
        net2 = l1 @ s1 + hook2[p]
        l2 = sigmoid_ref(net2)
        E += 0.5 * float(np.sum((y - l2) ** 2))
        hs.append(l1); outs.append(l2)
    return E, hs, outs


def fd(fun, arr, h=1e-6):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = arr[i]
        arr[i] = old + h; fp = fun()
        arr[i] = old - h; fm = fun()
        arr[i] = old
        g[i] = (fp - fm) / (2 * h)
    return g


T = binary_dim
H1 = np.zeros((T, hidden_dim)); H2 = np.zeros((T, output_dim))
dE_dnet1 = fd(lambda: forward(syn0, syn1, synh, H1, H2)[0], H1)
dE_dnet2 = fd(lambda: forward(syn0, syn1, synh, H1, H2)[0], H2)
S0, S1, SH = syn0.copy(), syn1.copy(), synh.copy()
dE_d0 = fd(lambda: forward(S0, syn1, synh)[0], S0)
dE_d1 = fd(lambda: forward(syn0, S1, synh)[0], S1)
dE_dh = fd(lambda: forward(syn0, syn1, SH)[0], SH)

# ---- forward rows 75, 78, 81 ----
E, hs, outs = forward(syn0, syn1, synh)
layer_1_values = [np.zeros(hidden_dim)]
l2s, l2errs = [], []
for position in range(binary_dim):
    X = np.array([[a[binary_dim - position - 1], b[binary_dim - position - 1]]])
    y = np.array([[c[binary_dim - position - 1]]]).T
    layer_1 = sigmoid(np.dot(X, syn0) + np.dot(layer_1_values[-1], synh))       # line 75
    layer_2 = sigmoid(np.dot(layer_1, syn1))                                      # line 78
    layer_2_error = y - layer_2                                                   # line 81
    l2s.append(layer_2); l2errs.append(layer_2_error)
    layer_1_values.append(copy.deepcopy(layer_1))
check(75, np.array(layer_1_values[1:]).reshape(T, -1), np.array(hs[1:]).reshape(T, -1), "pass")
check(78, np.array(l2s).reshape(T, -1), np.array(outs).reshape(T, -1), "pass")
# residual y - l2 equals -dE/d(l2) for E = 1/2 (y - l2)^2
dE_dl2 = np.array([(np.array(outs[p]) - c[T - p - 1]) for p in range(T)]).reshape(T, -1)
check(81, np.array(l2errs).reshape(T, -1), -dE_dl2, "pass")

# ---- line 82: layer_2 delta = -dE/dnet2 ----
l2d = np.array([l2errs[p] * sigmoid_output_to_derivative(l2s[p]) for p in range(T)]).reshape(T, -1)
check(82, l2d, -dE_dnet2, "pass")
# the correction proposed in issue #2 (helper applied to the pre-activation) is NOT right:
alt = np.array([l2errs[p] * sigmoid_output_to_derivative(np.dot(layer_1_values[p + 1], syn1))
                for p in range(T)]).reshape(T, -1)
assert np.max(np.abs(alt + dE_dnet2)) > 1e-2

# ---- backward rows 102, 105, 106, 107, 109 (each with true inputs) ----
true_l1d = -dE_dnet1   # row p is forward position p
u0 = np.zeros_like(syn0); u1 = np.zeros_like(syn1); uh = np.zeros_like(synh)
rows102 = []; rows109 = []
for position in range(binary_dim):
    tf = T - 1 - position                     # forward time of this backward step
    X = np.array([[a[position], b[position]]])
    layer_1 = layer_1_values[-position-1]
    prev_layer_1 = layer_1_values[-position-2]
    layer_2_delta = -dE_dnet2[tf].reshape(1, 1)
    future_true = true_l1d[tf + 1] if tf + 1 < T else np.zeros(hidden_dim)
    layer_1_delta = (future_true.dot(synh.T) + layer_2_delta.dot(syn1.T)) * sigmoid_output_to_derivative(layer_1)
    rows102.append(layer_1_delta.ravel())
    l1d_true = true_l1d[tf].reshape(1, -1)
    u1 += np.atleast_2d(layer_1).T.dot(layer_2_delta)
    uh += np.atleast_2d(prev_layer_1).T.dot(l1d_true)
    u0 += X.T.dot(l1d_true)
    future_layer_1_delta = l1d_true             # line 109: carried to the next (earlier) step
    rows109.append(future_layer_1_delta.ravel())
check(102, np.array(rows102), true_l1d[::-1], "pass")
check(105, u1, -dE_d1, "pass")
check(106, uh, -dE_dh, "pass")
check(107, u0, -dE_d0, "pass")
# line 109: the value carried must be the delta of forward time tf, used at time tf-1
check(109, np.array(rows109[:-1]), true_l1d[::-1][:-1], "pass")

# ---- lines 112-114: descent step (update = -grad) decreases E for small alpha ----
alpha = 1e-4
E0 = forward(syn0, syn1, synh)[0]
for line, (W, U) in zip((112, 113, 114), ((0, u0), (1, u1), (2, uh))):
    Ws = [syn0.copy(), syn1.copy(), synh.copy()]
    Ws[W] = Ws[W] + U * alpha
    E1 = forward(*Ws)[0]
    dec = E0 - E1
    pred = alpha * np.sum(U * U)           # first-order decrease for a descent step
    ok = abs(dec - pred) / pred < 1e-2
    results[line] = "pass" if ok else "fail"
    print(f"line {line}: decrease {dec:.3e} vs first-order {pred:.3e} -> {results[line]}")
    assert ok

print("all verdicts as expected:", results)
