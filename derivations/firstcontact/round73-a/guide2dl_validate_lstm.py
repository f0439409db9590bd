# source: https://github.com/s-hironobu/guide2dl/blob/ecb8a76ab7cea2c86a91798e4b4d008201665f8b/Part-02/attic/validate-lstm.py (Hironobu Suzuki @ interdb.jp, "Guide to Deep Learning" companion repository, "LSTM Model Validation with Autograd"; file added 64e90f5 2024-05-15, last changed 359c0f5 2025-01-14 (copyright line only), same at HEAD ecb8a76; the same backward code is in Part-02/LSTM_from_scratch.py, class LSTM.back_prop, trained there with n_sequence = 25). Kept verbatim: file lines 1-229 (imports, helpers, weights, data, forward pass, BPTT, prints) and 430-446 (autograd loss, gradient_fun, eval_grad). Cut: lines 230-429 (the "Validate" section: the forward pass re-written as nested functions of the weights, hard-coded for exactly two time steps x[0], x[1], plus two docstring blocks of the same unrolled equations) and 447-568 (one eval_grad call per weight matrix / bias).
#
# LSTM Model Validation with Autograd
#
#
#   Copyright (c) 2024-2025, Hironobu Suzuki @ interdb.jp

import autograd.numpy as np
from autograd import grad

return_sequences = False

input_units = 1
hidden_units = 3
output_units = 1

#
# Define functions
#
def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def deriv_sigmoid(x):
    return sigmoid(x) * (1 - sigmoid(x))


def tanh(Z):
    return np.tanh(Z)


def deriv_tanh(Z):
    return 1.0 - np.tanh(Z) ** 2


def linear(Z):
    return Z


def deriv_linear(Z):
    return np.ones(Z.shape)


#
# Initialize Weights and Bias
#
Wi = np.arange(1, input_units * hidden_units + 1).reshape((hidden_units, input_units)) / 10
Wf = np.arange(1, input_units * hidden_units + 1).reshape((hidden_units, input_units)) / 10
Wc = np.arange(1, input_units * hidden_units + 1).reshape((hidden_units, input_units)) / 10
Wo = np.arange(1, input_units * hidden_units + 1).reshape((hidden_units, input_units)) / 10

Ui = np.arange(1, hidden_units * hidden_units + 1).reshape((hidden_units, hidden_units)) / 10
Uf = np.arange(1, hidden_units * hidden_units + 1).reshape((hidden_units, hidden_units)) / 10
Uc = np.arange(1, hidden_units * hidden_units + 1).reshape((hidden_units, hidden_units)) / 10
Uo = np.arange(1, hidden_units * hidden_units + 1).reshape((hidden_units, hidden_units)) / 10


bi = np.arange(1, 1 * hidden_units + 1).reshape((hidden_units, 1)) / 10
bf = np.arange(1, 1 * hidden_units + 1).reshape((hidden_units, 1)) / 10
bc = np.arange(1, 1 * hidden_units + 1).reshape((hidden_units, 1)) / 10
bo = np.arange(1, 1 * hidden_units + 1).reshape((hidden_units, 1)) / 10

V = np.arange(1, hidden_units * output_units + 1).reshape((output_units, hidden_units)) / 10
c = np.arange(1, output_units * 1 + 1).reshape((output_units, 1)) / 10

#
# Prepare inputs and outputs
#
n_sequence = 2

x = np.arange(n_sequence * input_units) + 10
if input_units != 1:
    x = x.reshape(n_sequence, input_units, 1)

if return_sequences == True:
    y = np.arange(n_sequence * output_units) * 10
    y = y.reshape(n_sequence, output_units, 1)
else:
    y = np.arange(output_units) * 10
    y = y.reshape(output_units, 1)

# ===================
# Forward Propagation
# ===================
h = np.zeros([n_sequence, hidden_units, 1])
C = np.zeros([n_sequence, hidden_units, 1])
i = np.zeros([n_sequence, hidden_units, 1])
i_p = np.zeros([n_sequence, hidden_units, 1])
c_h = np.zeros([n_sequence, hidden_units, 1])
c_h_p = np.zeros([n_sequence, hidden_units, 1])
f = np.zeros([n_sequence, hidden_units, 1])
f_p = np.zeros([n_sequence, hidden_units, 1])
o = np.zeros([n_sequence, hidden_units, 1])
o_p = np.zeros([n_sequence, hidden_units, 1])

# LSTM

for t in range(n_sequence):
    if t == 0:
        f_p[t] = np.dot(Wf, x[t]) + bf
        i_p[t] = np.dot(Wi, x[t]) + bi
        c_h_p[t] = np.dot(Wc, x[t]) + bc
        o_p[t] = np.dot(Wo, x[t]) + bo
    else:
        f_p[t] = np.dot(Wf, x[t]) + np.dot(Uf, h[t - 1]) + bf
        i_p[t] = np.dot(Wi, x[t]) + np.dot(Ui, h[t - 1]) + bi
        c_h_p[t] = np.dot(Wc, x[t]) + np.dot(Uc, h[t - 1]) + bc
        o_p[t] = np.dot(Wo, x[t]) + np.dot(Uo, h[t - 1]) + bo

    f[t] = sigmoid(f_p[t])
    i[t] = sigmoid(i_p[t])
    c_h[t] = tanh(c_h_p[t])
    o[t] = sigmoid(o_p[t])
    C[t] = i[t] * c_h[t] if t == 0 else i[t] * c_h[t] + f[t] * C[t - 1]
    h[t] = o[t] * tanh(C[t])


# Dense
if return_sequences == True:
    y_h = np.zeros([n_sequence, output_units, 1])
    for s in range(n_sequence):
        y_h[s] = np.dot(V, h[s]) + c
    _y = linear(y_h)
else:
    y_h = np.dot(V, h[-1]) + c
    _y = linear(y_h)


################################################
# BPTT
################################################

dWi = np.zeros_like(Wi)
dWf = np.zeros_like(Wf)
dWc = np.zeros_like(Wc)
dWo = np.zeros_like(Wo)

dUi = np.zeros_like(Ui)
dUf = np.zeros_like(Uf)
dUc = np.zeros_like(Uc)
dUo = np.zeros_like(Uo)

dbi = np.zeros_like(bi)
dbf = np.zeros_like(bf)
dbc = np.zeros_like(bc)
dbo = np.zeros_like(bo)

dV = np.zeros_like(V)
dc = np.zeros_like(c)

dh = np.zeros([n_sequence, hidden_units, 1])
dC = np.zeros([n_sequence, hidden_units, 1])

dL = _y - y

# Dense
if return_sequences == True:
    dc = deriv_linear(y_h) * dL
    grads = np.zeros([n_sequence, hidden_units, 1])
    for s in range(n_sequence):
        grads[s] = np.dot(V.T, dc[s])
else:
    dc = deriv_linear(y_h[-1]) * dL
    grads = np.dot(V.T, dc)

# LSTM

for t in reversed(range(n_sequence)):

    if t == n_sequence - 1:
        if return_sequences == True:
            dh[t] = grads[t]
        else:
            dh[t] = grads

        dC[t] = dh[t] * o[t] * deriv_tanh(C[t])
    else:
        d1 = np.dot(Uo.T, dh[t + 1] * tanh(C[t + 1]) * deriv_sigmoid(o_p[t + 1]))
        d2 = np.dot(Ui.T, dh[t + 1] * o[t + 1] * deriv_tanh(C[t + 1]) * c_h[t + 1] * deriv_sigmoid(i_p[t + 1]))
        d3 = np.dot(Uc.T, dh[t + 1] * o[t + 1] * deriv_tanh(C[t + 1]) * i[t + 1] * deriv_tanh(c_h_p[t + 1]))
        d4 = np.dot(Uf.T, dh[t + 1] * o[t + 1] * deriv_tanh(C[t + 1]) * C[t] * deriv_sigmoid(f_p[t + 1]))

        dh[t] = d1 + d2 + d3 + d4
        if return_sequences == True:
            dh[t] += grads[t]

        dC[t] = dh[t] * o[t] * deriv_tanh(C[t]) + dC[t + 1] * f[t + 1]

for t in range(n_sequence):

    _do = dh[t] * tanh(C[t]) * deriv_sigmoid(o_p[t])
    dbo += _do
    dWo += np.dot(_do, x[t].T)
    if t > 0:
        dUo += np.dot(_do, h[t - 1].T)

    _di = dC[t] * c_h[t] * deriv_sigmoid(i_p[t])
    dbi += _di
    dWi += np.dot(_di, x[t].T)
    if t > 0:
        dUi += np.dot(_di, h[t - 1].T)

    _dc = dC[t] * i[t] * deriv_tanh(c_h_p[t])
    dbc += _dc
    dWc += np.dot(_dc, x[t].T)
    if t > 0:
        dUc += np.dot(_dc, h[t - 1].T)

    if t > 0:
        _df = dC[t] * C[t - 1] * deriv_sigmoid(f_p[t])
        dbf += _df
        dWf += np.dot(_df, x[t].T)
        dUf += np.dot(_df, h[t - 1].T)


print("========== BPTT ==========")

print("dWo =", dWo)
print("dWi =", dWi)
print("dWc =", dWc)
print("dWf =", dWf)
print("dUo =", dUo)
print("dUi =", dUi)
print("dUc =", dUc)
print("dUf =", dUf)
print("dbo =", dbo)
print("dbi =", dbi)
print("dbc =", dbc)
print("dbf =", dbf)



def loss(_W, y):
    if return_sequences == True:
        return np.sum((forwardprop(_W, 0) - y[0]) ** 2 / 2) + np.sum((forwardprop(_W, 1) - y[1]) ** 2 / 2)
    else:
        return np.sum((forwardprop(_W) - y) ** 2 / 2)


gradient_fun = grad(loss)


def eval_grad(_W, _dW, param):
    weights = gradient_fun(_W, y)
    print("{} = {}".format(str(param), weights))
    print("\t=> OK") if np.allclose(weights, _dW) else print("***** ERROR!!!")

