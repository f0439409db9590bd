# source: public GitHub Python file, search-index file id 39820530672 (12,170 characters; the index does not name its repository, path, author or date). A student's solution of the Karlsruhe Institute of Technology (KIT) homework 'Minimal character-level LSTM model. Written by Ngoc Quan Pham' (template after Karpathy's min-char-rnn): numpy LSTM with character embedding, column vectors, concatenated input zs = [h; we]. Kept verbatim: file lines 1-31 (docstring, imports, sigmoid/dsigmoid/dtanh/softmax) and lines 46-218 (hyperparameters, model parameters, forward, backward); cut: 'data I/O' block and the option lines (file lines 33-45), and everything after backward (sample, the Adagrad training loop, the gradcheck driver).
"""
Minimal character-level LSTM model. Written by Ngoc Quan Pham
Code structure borrowed from the Vanilla RNN model from Andreij Karparthy @karparthy.
BSD License
"""
import numpy as np
from random import uniform
import sys


# Since numpy doesn't have a function for sigmoid
# We implement it manually here
def sigmoid(x):
  return 1 / (1 + np.exp(-x))


# The derivative of the sigmoid function
def dsigmoid(y):
    return y * (1 - y)


# The derivative of the tanh function
def dtanh(x):
    return 1 - x*x


# The numerically stable softmax implementation
def softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum()

# hyperparameters
emb_size = 8
hidden_size = 128  # size of hidden layer of neurons
seq_length = 32  # number of steps to unroll the RNN for
learning_rate = 10e-2
max_updates = 500000

concat_size = emb_size + hidden_size

# model parameters
# char embedding parameters
Wex = np.random.randn(emb_size, vocab_size)*std # embedding layer

# LSTM parameters
Wf = np.random.randn(hidden_size, concat_size) * std # forget gate
Wi = np.random.randn(hidden_size, concat_size) * std # input gate
Wo = np.random.randn(hidden_size, concat_size) * std # output gate
Wc = np.random.randn(hidden_size, concat_size) * std # c term

bf = np.zeros((hidden_size, 1)) # forget bias
bi = np.zeros((hidden_size, 1)) # input bias
bo = np.zeros((hidden_size, 1)) # output bias
bc = np.zeros((hidden_size, 1)) # memory bias

# Output layer parameters
Why = np.random.randn(vocab_size, hidden_size)*0.01 # hidden to output
by = np.zeros((vocab_size, 1)) # output bias


def forward(inputs, targets, memory):
    """
    inputs,targets are both list of integers.
    hprev is Hx1 array of initial hidden state
    returns the loss, gradients on model parameters, and last hidden state
    """

    # The LSTM is different than the simple RNN that it has two memory cells
    # so here you need two different hidden layers
    hprev, cprev = memory

    # Here you should allocate some variables to store the activations during forward
    # One of them here is to store the hiddens and the cells
    xs, cs, hs, os, ps, ys = {}, {}, {}, {}, {}, {}
    wes, zs, f_gate, i_gate, c_hat, o_gate= {}, {}, {}, {}, {}, {}

    hs[-1] = np.copy(hprev)
    cs[-1] = np.copy(cprev)

    loss = 0
    # forward pass
    for t in range(len(inputs)):
        xs[t] = np.zeros((vocab_size,1)) # encode in 1-of-k representation
        xs[t][inputs[t]] = 1

        # convert word indices to word embeddings
        wes[t] = np.dot(Wex, xs[t])

        # LSTM cell operation
        # first concatenate the input and h
        # This step is irregular (to save the amount of matrix multiplication we have to do)
        # I will refer to this vector as [h X]
        zs[t] = np.row_stack((hs[t-1], wes[t]))

        # YOUR IMPLEMENTATION should begin from here

        # compute the forget gate
        f_gate[t] = sigmoid(np.dot(Wf, zs[t]) + bf)

        # compute the input gate
        i_gate[t] = sigmoid(np.dot(Wi, zs[t]) + bi)

        # compute the candidate memory
        c_hat[t] = np.tanh(np.dot(Wc, zs[t]) + bc)

        # new memory: applying forget gate on the previous memory
        # and then adding the input gate on the candidate memory
        cs[t] = f_gate[t] * cs[t-1] + i_gate[t] * c_hat[t]

        # output gate
        o_gate[t] = sigmoid(np.dot(Wo, zs[t])+bo)

        # new hidden state for the LSTM
        hs[t] = o_gate[t] * np.tanh(cs[t])

        # DONE LSTM
        # output layer - softmax and cross-entropy loss
        # unnormalized log probabilities for next chars

        os[t] = np.dot(Why, hs[t]) + by

        # softmax for probabilities for next chars
        ps[t] = softmax(os[t])

        # cross-entropy loss
        # cross entropy loss at time t:
        # create an one hot vector for the label y
        ys[t] = np.zeros((vocab_size, 1))
        ys[t][targets[t]] = 1
        # and then cross-entropy (see the elman-rnn file for the hint)
        loss += -np.log(ps[t][targets[t],0]) #same function as the hint but using numpy array indexing
    # define your activations
    activations = (xs, cs, hs, ps, ys, zs, f_gate, i_gate, c_hat, o_gate)
    memory = (hs[len(inputs)-1], cs[len(inputs)-1])
    return loss, activations, memory


def backward(activations, clipping=True):

    # backward pass: compute gradients going backwards
    # Here we allocate memory for the gradients
    dWex, dWhy = np.zeros_like(Wex), np.zeros_like(Why)
    dby = np.zeros_like(by)
    dWf, dWi, dWc, dWo = np.zeros_like(Wf), np.zeros_like(Wi),np.zeros_like(Wc), np.zeros_like(Wo)
    dbf, dbi, dbc, dbo = np.zeros_like(bf), np.zeros_like(bi),np.zeros_like(bc), np.zeros_like(bo)

    xs, cs, hs, ps, ys, zs, f_gate, i_gate, c_hat, o_gate = activations
    # similar to the hidden states in the vanilla RNN
    # We need to initialize the gradients for these variables
    dhnext = np.zeros_like(hs[0])
    dcnext = np.zeros_like(cs[0])

    # back propagation through time starts here
    for t in reversed(range(len(inputs))):

        # IMPLEMENT YOUR BACKPROP HERE
        # refer to the file elman_rnn.py for more details
        dos = ps[t] - ys[t]

        dWhy += np.dot(dos, hs[t].T)
        dby += dos

        dh = np.dot(Why.T, dos) + dhnext
        dc = dh * o_gate[t] * dtanh(np.tanh(cs[t])) + dcnext
        
        delta_c = o_gate[t] * dtanh(np.tanh(cs[t]))
        dhpre = np.dot(Wo[:,:hidden_size].T, dsigmoid(o_gate[t])) * np.tanh(cs[t])
        dhpre += np.dot(Wf[:,:hidden_size].T, (delta_c * dsigmoid(f_gate[t])) * cs[t-1])
        dhpre += np.dot(Wc[:,:hidden_size].T, (delta_c * i_gate[t] * dtanh(c_hat[t])))
        dhpre += np.dot(Wi[:,:hidden_size].T, (delta_c * c_hat[t] * dsigmoid(i_gate[t])))
        dhnext = dhpre * dh
        dcnext = dc * f_gate[t]

        df_gate = dc * cs[t-1] * dsigmoid(f_gate[t])
        di_gate = dc * c_hat[t] * dsigmoid(i_gate[t])
        dc_hat = dc * i_gate[t] * dtanh(c_hat[t])
        do_gate = dh * np.tanh(cs[t]) * dsigmoid(o_gate[t])

        dWf += np.dot(df_gate, zs[t].T)
        dWi += np.dot(di_gate, zs[t].T)
        dWc += np.dot(dc_hat, zs[t].T)
        dWo += np.dot(do_gate, zs[t].T)

        dbf += df_gate
        dbi += di_gate
        dbc += dc_hat
        dbo += do_gate

        dzs = np.dot(Wf.T, df_gate)
        dzs += np.dot(Wi.T, di_gate)
        dzs += np.dot(Wc.T, dc_hat)
        dzs += np.dot(Wo.T, do_gate)
        
        dwes = dzs[hidden_size:, 0].reshape((emb_size,1))
        dWex += np.dot(dwes, xs[t].T)

    if clipping:
        # clip to mitigate exploding gradients
        for dparam in [dWex, dWf, dWi, dWo, dWc, dbf, dbi, dbo, dbc, dWhy, dby]:
            np.clip(dparam, -5, 5, out=dparam)

    gradients = (dWex, dWf, dWi, dWo, dWc, dbf, dbi, dbo, dbc, dWhy, dby)

    return gradients
