# source: public GitHub Python file, search-index file id 31622518224 (21,138 characters; the search index does not name its repository, path, author or date): a student's Python 2 solution of Stanford CS231n assignment 3 'rnn_layers.py' (image captioning with RNN/LSTM), with an own formulation of the LSTM step backward through helper derivatives itanh/isigmoid evaluated on the pre-activation score. Kept verbatim: module header (import, docstring), itanh, isigmoid, sigmoid, lstm_step_forward, lstm_step_backward, lstm_forward, lstm_backward. Cut: rnn_step_forward/backward, rnn_forward/backward, word_embedding_forward/backward (before itanh) and temporal_affine_forward/backward, temporal_softmax_loss (after lstm_backward). Notebook driver (not kept): h from lstm_forward feeds temporal_affine + temporal_softmax_loss; the notebook grad-checks with dh random upstream.
import numpy as np

"""
This file defines layer types that are commonly used for recurrent neural
networks.
"""


def itanh(x):
    return 1-np.tanh(x)**2

def isigmoid(x):
    return sigmoid(x)*(1-sigmoid(x))

def sigmoid(x):
    """
    A numerically stable version of the logistic sigmoid function.
    """
    pos_mask = (x >= 0)
    neg_mask = (x < 0)
    z = np.zeros_like(x)
    z[pos_mask] = np.exp(-x[pos_mask])
    z[neg_mask] = np.exp(x[neg_mask])
    top = np.ones_like(x)
    top[neg_mask] = z[neg_mask]
    return top / (1 + z)


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    """
    Forward pass for a single timestep of an LSTM.

    The input data has dimension D, the hidden state has dimension H, and we use
    a minibatch size of N.

    Inputs:
    - x: Input data, of shape (N, D)
    - prev_h: Previous hidden state, of shape (N, H)
    - prev_c: previous cell state, of shape (N, H)
    - Wx: Input-to-hidden weights, of shape (D, 4H)
    - Wh: Hidden-to-hidden weights, of shape (H, 4H)
    - b: Biases, of shape (4H,)

    Returns a tuple of:
    - next_h: Next hidden state, of shape (N, H)
    - next_c: Next cell state, of shape (N, H)
    - cache: Tuple of values needed for backward pass.
    """
    next_h, next_c, cache = None, None, None
    #############################################################################
    # TODO: Implement the forward pass for a single timestep of an LSTM.        #
    # You may want to use the numerically stable sigmoid implementation above.  #
    #############################################################################

    H = prev_h.shape[1]

    score = x.dot(Wx) + prev_h.dot(Wh) + b.reshape([1,-1])
    i = sigmoid(score[:,0:H])
    f = sigmoid(score[:,H:2*H])
    o = sigmoid(score[:,2*H:3*H])
    g = np.tanh(score[:,3*H:4*H])

    next_c = f*prev_c + i*g
    next_h = o*np.tanh(next_c)

    cache = [i,f,o,g,next_c,score, prev_c, prev_h, x, Wx, Wh]

    ##############################################################################
    #                               END OF YOUR CODE                             #
    ##############################################################################

    return next_h, next_c, cache


def lstm_step_backward(dnext_h, dnext_c, cache):
    """
    Backward pass for a single timestep of an LSTM.

    Inputs:
    - dnext_h: Gradients of next hidden state, of shape (N, H)
    - dnext_c: Gradients of next cell state, of shape (N, H)
    - cache: Values from the forward pass

    Returns a tuple of:
    - dx: Gradient of input data, of shape (N, D)
    - dprev_h: Gradient of previous hidden state, of shape (N, H)
    - dprev_c: Gradient of previous cell state, of shape (N, H)
    - dWx: Gradient of input-to-hidden weights, of shape (D, 4H)
    - dWh: Gradient of hidden-to-hidden weights, of shape (H, 4H)
    - db: Gradient of biases, of shape (4H,)
    """
    dx, dh, dc, dWx, dWh, db = None, None, None, None, None, None
    #############################################################################
    # TODO: Implement the backward pass for a single timestep of an LSTM.       #
    #                                                                           #
    # HINT: For sigmoid and tanh you can compute local derivatives in terms of  #
    # the output value from the nonlinearity.                                   #
    #############################################################################

    i = cache[0]
    f = cache[1]
    o = cache[2]
    g = cache[3]
    next_c = cache[4]
    score = cache[5]
    prev_c = cache[6]
    prev_h = cache[7]
    x = cache[8]
    Wx = cache[9]
    Wh = cache[10]

    N, H = dnext_h.shape

    dprev_c = dnext_c * f + dnext_h * o * itanh(next_c) * f

    dnext_c_dscore = np.concatenate((g*isigmoid(score[:,0:H]),
                                    prev_c * isigmoid(score[:, H:2 * H]),
                                    np.zeros([N,H]),
                                    i * itanh(score[:, 3 * H:4 * H])), axis = 1)

    dscore = np.tile(dnext_c + (dnext_h*o*itanh(next_c)),4) * dnext_c_dscore
    dscore[:,2*H:3*H] += dnext_h * np.tanh(next_c)*isigmoid(score[:,2*H:3*H])

    dx = dscore.dot(Wx.T)
    dWx = x.T.dot(dscore)
    dprev_h = dscore.dot(Wh.T)
    dWh = prev_h.T.dot(dscore)
    db = np.sum(dscore,axis=0).reshape([-1,])


    ##############################################################################
    #                               END OF YOUR CODE                             #
    ##############################################################################

    return dx, dprev_h, dprev_c, dWx, dWh, db


def lstm_forward(x, h0, Wx, Wh, b):
    """
    Forward pass for an LSTM over an entire sequence of data. We assume an input
    sequence composed of T vectors, each of dimension D. The LSTM uses a hidden
    size of H, and we work over a minibatch containing N sequences. After running
    the LSTM forward, we return the hidden states for all timesteps.

    Note that the initial cell state is passed as input, but the initial cell
    state is set to zero. Also note that the cell state is not returned; it is
    an internal variable to the LSTM and is not accessed from outside.

    Inputs:
    - x: Input data of shape (N, T, D)
    - h0: Initial hidden state of shape (N, H)
    - Wx: Weights for input-to-hidden connections, of shape (D, 4H)
    - Wh: Weights for hidden-to-hidden connections, of shape (H, 4H)
    - b: Biases of shape (4H,)

    Returns a tuple of:
    - h: Hidden states for all timesteps of all sequences, of shape (N, T, H)
    - cache: Values needed for the backward pass.
    """
    h, cache = None, None
    #############################################################################
    # TODO: Implement the forward pass for an LSTM over an entire timeseries.   #
    # You should use the lstm_step_forward function that you just defined.      #
    #############################################################################

    N,T,_ = x.shape
    H = h0.shape[1]

    prev_h = h0
    prev_c = np.zeros([N,H])
    h = np.zeros([N,T,H])
    cache = []

    for cnt1 in xrange(T):
        prev_h, prev_c, cache1 = lstm_step_forward(x[:,cnt1,:],prev_h,prev_c,Wx,Wh,b)
        h[:,cnt1,:] = prev_h
        cache.append(cache1)

    ##############################################################################
    #                               END OF YOUR CODE                             #
    ##############################################################################

    return h, cache


def lstm_backward(dh, cache):
    """
    Backward pass for an LSTM over an entire sequence of data.]

    Inputs:
    - dh: Upstream gradients of hidden states, of shape (N, T, H)
    - cache: Values from the forward pass

    Returns a tuple of:
    - dx: Gradient of input data of shape (N, T, D)
    - dh0: Gradient of initial hidden state of shape (N, H)
    - dWx: Gradient of input-to-hidden weight matrix of shape (D, 4H)
    - dWh: Gradient of hidden-to-hidden weight matrix of shape (H, 4H)
    - db: Gradient of biases, of shape (4H,)
    """
    dx, dh0, dWx, dWh, db = None, None, None, None, None
    #############################################################################
    # TODO: Implement the backward pass for an LSTM over an entire timeseries.  #
    # You should use the lstm_step_backward function that you just defined.     #
    #############################################################################

    N,T,H = dh.shape
    D = cache[0][8].shape[1]

    dnext_h = dh[:,T-1,:]
    dnext_c = np.zeros([N,H])

    dx = np.zeros([N,T,D])
    dWx = np.zeros([D,4*H])
    dWh = np.zeros([H,4*H])
    db = np.zeros([4*H,])

    for cnt1 in xrange(T):
        dx1, dprev_h, dprev_c, dWx1, dWh1, db1 = lstm_step_backward(dnext_h,dnext_c,cache[T-cnt1-1])
        dWx += dWx1
        dWh += dWh1
        db += db1
        dx[:,T-cnt1-1,:] = dx1
        dnext_h = dprev_h + dh[:,T-cnt1-2,:]
        dnext_c = dprev_c

    dh0 = dprev_h


    ##############################################################################
    #                               END OF YOUR CODE                             #
    ##############################################################################

    return dx, dh0, dWx, dWh, db
