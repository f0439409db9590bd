# source: https://github.com/sadikul1500/SPL-1/blob/98405e84f1ee9c21b56488cb44f802aa771572ea/gru.py (sadikul haque sadi, gru.py, commit 98405e8 of 2019-05-24). Kept verbatim: imports, weight initialisation, activation helpers, gru_forward, gru_backward; cut: dataset preparation, hyperparameters, clip/ReLU helpers, optimisers, sampling, training loop, generation, __main__ (CRLF line ends normalised to LF).
import numpy as np

#weight parameters initialize randomly
W_r = np.random.randn(number_of_neuron, vocabulary_size) * weight_sd + .1
W_C = np.random.randn(number_of_neuron, vocabulary_size) * weight_sd + .1
W_u = np.random.randn(number_of_neuron, vocabulary_size) * weight_sd + .1
W_y = np.random.randn(vocabulary_size, number_of_neuron) * weight_sd + .1

U_r = np.random.randn(number_of_neuron, number_of_neuron) * weight_sd + .1
U_C = np.random.rand(number_of_neuron, number_of_neuron) * weight_sd + .1
U_u = np.random.rand(number_of_neuron, number_of_neuron) * weight_sd + .1

#biases initialize with zero
b_r = np.zeros((number_of_neuron, 1), dtype=float)
b_C = np.zeros((number_of_neuron, 1), dtype=float)
b_u = np.zeros((number_of_neuron, 1), dtype=float)
b_y = np.zeros((vocabulary_size, 1), dtype=float)



parameters = {'W_r': W_r, 'W_C': W_C, 'W_u': W_u, 'W_y': W_y, 'U_r': U_r, 'U_C': U_C, 'U_u': U_u}
biases = {'b_r': b_r, 'b_C': b_C, 'b_u': b_u, 'b_y': b_y}


def sigmoid(p):
    #return 1 / (1 + np.exp(-1 * x))

    for i in range(p.shape[0]):
        for j in range(p.shape[1]):
            if p[i][j] > 0:
                p[i][j] = 1. / (1. + np.exp(-p[i][j]))
            elif p[i][j] <= 0:
                p[i][j] = np.exp(p[i][j]) / (1 + np.exp(p[i][j]))
            else:
                raise ValueError


    return p



def dsigmoid(x):
    return x * (1 - x)


def TANH(p):
    #print(type((np.exp(z) - np.exp(-1 * z)) / (np.exp(z) + np.exp(-1 * z))))
    #return (np.exp(z) - np.exp(-1 * z)) / (np.exp(z) + np.exp(-1 * z))
    for i in range(p.shape[0]):
        for j in range(p.shape[1]):

            if p[i][j] > 0:
                p[i][j] = (1 - np.exp(-2 * p[i][j])) / (1 + np.exp(-2 * p[i][j]))
            elif p[i][j] <= 0:
                p[i][j] = (np.exp(2 * p[i][j]) - 1) / (np.exp(2 * p[i][j]) + 1)
            else:
                raise ValueError

    return p


def dtanh(z):
    return 1 - z * z


def softmax(x):
    e_x = np.exp(x - np.max(x))

    return e_x / np.sum(e_x, axis=0)


def gru_forward(x, y, C_previous):

    reset_gate, update_gate, cell_state, C_bar, input_gate = {}, {}, {}, {}, {}
    probability, target = {}, {}

    cell_state[-1] = np.copy(C_previous)
    input_gate[0] = np.zeros((vocabulary_size, 1), dtype=float)

    loss = 0
    input_len = len(x)



    for t in range(input_len):

        input_gate[t] = np.zeros((vocabulary_size, 1), dtype=float)
        input_gate[t][x[t]] = 1

        reset_gate[t] = sigmoid(W_r.dot(input_gate[t]) + U_r.dot(cell_state[t-1]) + b_r)
        update_gate[t] = sigmoid(W_u.dot(input_gate[t]) + U_u.dot(cell_state[t-1]) + b_u)
        C_bar[t] = TANH(W_C.dot(input_gate[t]) + U_C.dot(np.multiply(reset_gate[t], cell_state[t-1])) + b_C)
        cell_state[t] = update_gate[t] * cell_state[t-1] + (1 - update_gate[t]) * C_bar[t]

        probability[t] = softmax(W_y.dot(cell_state[t]) + b_y)

        target[t] = np.zeros_like(input_gate[t])
        target[t][y[t]] = 1

        for i in range(vocabulary_size):
            loss += -target[t][i, 0] * np.log(probability[t][i, 0])

        cache = (input_gate, cell_state, C_bar, reset_gate, update_gate, probability)
        return cache, loss



def gru_backward(y, cache):

    input_gate, cell_state, C_bar, reset_gate, update_gate, probability = cache

    # print('dh  ', dh_next.shape)
    dC_next = np.zeros_like(cell_state[0])
    input_len = len(input_gate)

    gradients = {}
    d_biases = {}

    global parameters, biases

    for parameters_name in parameters.keys():
        gradients['d_' + parameters_name] = np.zeros_like(parameters[parameters_name])

    for bias_name in biases.keys():
        d_biases['d_' + bias_name] = np.zeros_like(biases[bias_name])

    for t in range(input_len - 1, -1, -1):

        d_y = np.copy(probability[t])
        d_y[y[t]] -= 1

        gradients['d_W_y'] += d_y.dot(cell_state[t-1].T)
        d_biases['d_b_y'] += d_y

        d_cell = parameters['W_y'].T.dot(d_y) + dC_next
        dC_bar = d_cell * (1 - update_gate[t])

        gradients['d_W_C'] += (dC_bar * dtanh(C_bar[t])).dot(input_gate[t].T)
        gradients['d_U_C'] += (dC_bar * dtanh(C_bar[t])).dot(np.multiply(reset_gate[t], cell_state[t-1]).T)
        d_biases['d_b_C'] += dC_bar * dtanh(cell_state[t])

        d_r = (parameters['U_C'].T.dot(dC_bar * dtanh(cell_state[t]))) * cell_state[t-1]

        gradients['d_W_r'] += (d_r * dsigmoid(reset_gate[t])).dot(input_gate[t].T)
        gradients['d_U_r'] += (d_r * dsigmoid(reset_gate[t])).dot(cell_state[t-1].T)
        d_biases['d_b_r'] += d_r * dsigmoid(reset_gate[t])

        d_u = d_cell * (cell_state[t-1] - C_bar[t])

        gradients['d_W_u'] += (d_u * dsigmoid(update_gate[t])).dot(input_gate[t].T)
        gradients['d_U_u'] += (d_u * dsigmoid(update_gate[t])).dot(cell_state[t-1].T)
        d_biases['d_b_u'] += d_u * dsigmoid(update_gate[t])

        d_cell_update = parameters['U_C'].T.dot(d_u * dsigmoid(update_gate[t]))
        d_cell_reset = parameters['U_r'].T.dot(d_r * dsigmoid(reset_gate[t]))
        d_cell_cell = gradients['d_W_C'] * update_gate[t]
        d_cell_C_bar = (parameters['U_C'].T.dot(dC_bar * dtanh(cell_state[t]))) * reset_gate[t]

        dC_next = d_cell_update + d_cell_reset + d_cell_cell + d_cell_C_bar


    return gradients, d_biases, cell_state[input_len - 1]
