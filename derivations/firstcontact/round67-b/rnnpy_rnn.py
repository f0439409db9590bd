# source: https://github.com/sadikul1500/RNNpy/blob/bdbcb10a34e81076076e7232deaa39222dd2c7d0/char-level.py (sadikul haque sadi, char-level.py, commit bdbcb10 of 2019-02-13). Kept verbatim: import, parameter initialisation, TANH, my_clip, softmax, cross_entropy_loss, rnn_forward, rnn_backward; cut: data i/o, hyperparameters, optimiser memory variables, gradient clip, update_parameters (RMSprop), sampling, printing, optimise/model training loop, __main__.
import numpy as np

#parameters
Wxh = np.random.randn(num_of_neuron, vocabulary_size)*leaning_rate   #input to hidden layer
Whh = np.random.randn(num_of_neuron, num_of_neuron)*leaning_rate     #hidden layer to hidden layer
Why = np.random.randn(vocabulary_size, num_of_neuron)*leaning_rate   #hidden layer to output
bh = np.zeros((num_of_neuron, 1), dtype=float)                       #hidden bias
by = np.zeros((vocabulary_size, 1), dtype=float)                     #output bias


def TANH(z):
    return (np.exp(z)-np.exp(-1*z)) / (np.exp(z) + np.exp(-1*z))



def my_clip(x, min_value, max_value):

    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            if x[i][j] > max_value:
                x[i][j] = max_value

            elif x[i][j] < min_value:
                x[i][j] = min_value

    return x

def softmax(x):

    e_x=np.exp(x - np.max(x))

    return e_x / np.sum(e_x, axis=0)



def cross_entropy_loss(y, y_s):

    #print(len(y_s))
    #print(type(y_s))
    #print(y_s)
    #print(sum(y_s))
   # print(len(y))
    #print(type(y))

    y_s = my_clip(y_s, 1e-10, 1. - 1e-10)
    n = y_s.shape[0]
    c_e = -np.sum(y * np.log(y_s + 1e-10)) / n

    return c_e




def rnn_forward(x, y, h_previous, parameters):
    #retrieve parameters
    Wxh = parameters['Wxh']
    Whh = parameters['Whh']
    Why = parameters['Why']
    by = parameters['by']
    bh = parameters['bh']


    x_s, h_s, y_s= {}, {}, {}
    #print(h_previous.shape)
    h_s[-1] = np.copy(h_previous)
    x_s[0] = np.zeros((vocabulary_size, 1), dtype=float)
    #print(h_s)

    loss = 0
    #print(h_s)

    for t in range(len(x)):

        if t > 0:
            x_s[t] = np.zeros((vocabulary_size, 1), dtype=float)
            x_s[t][x[t]] = 1

        h_s[t] = TANH(Wxh.dot(x_s[t]) + Whh.dot(h_s[t - 1]) + bh)
        y_s[t] = softmax(Why.dot(h_s[t]) + by)


        #loss += -(-y[t]*np.log(y_s[t]) + (1-y[t])*np.log(1-y_s[t]))
        #loss += -np.log(y_s[t][y[t], 0])
        loss += cross_entropy_loss(y[t], y_s[t])

    #loss += cross_entropy_loss(y, y_s)
    cache = (x_s, h_s, y_s)

    return loss, cache

def rnn_backward(y, parameters, cache):

    #retrieve x_s,h_s,y_s
    x_s, h_s, y_s = cache

    #initialize all gradients to zero
    dh_next = np.zeros_like(h_s[0])

    gradients = {}

    for parameters_names in parameters.keys():
        gradients['d'+parameters_names] = np.zeros_like(parameters[parameters_names])


    for t in reversed(range(len(x_s))):
        dy = np.copy(y_s[t])
        dy[y[t]] -= 1
        gradients['dWhy'] = dy.dot(h_s[t].T)
        gradients['dby'] += dy

        dh=parameters['Why'].T.dot(dy) + dh_next
        d_tanh=(1 - h_s[t] ** 2) * dh

        gradients['dWhh'] += d_tanh.dot(h_s[t-1].T)
        gradients['dWxh'] += d_tanh.dot(x_s[t].T)
        gradients['dbh'] += d_tanh
        dh_next=parameters['Whh'].T.dot(d_tanh)

    h_previous=h_s[len(x_s)-1]

    return gradients,h_previous

