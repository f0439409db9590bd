# source: public GitHub Python 2 file, search-index file id 21369514736 (9236 characters; the index does not name its repository, path, author or date; an earlier stored version of the same file is id 21353638918 (8561 chars; d_wh uses the current h_t) and a later one id 21268634631 (20744 chars; d_aO uses np.tanh(state[:,4*K:5*K]) and adds debug prints)). Numpy LSTM layer without peepholes, batch-major rows, one weight matrix wx for [x, 1] (bias row LAST) and wh for h, state per step [bI, bF, bO, g(aC), sc, h]. Kept verbatim: file lines 1-102 (imports, sigmoid, class LSTMLayer: __init__, forward_t, forward, backward_t, backward). Cut: update() (SGD step), checkSequentialMatchesBatch(), fwd(), GradientChecking() and __main__ (the file's own test: pred = h_t of every step, cost = EuclideanLoss from the author's nn module, grads = cost.backward(pred, y) split per step and passed as d_h_o; Karpathy-style finite-difference check of wx, wh, sc0, h0).
import numpy as np

from nn import FC, Sigmoid, EuclideanLoss


sigmoid = lambda x: 1. / (1. + np.exp(-x))


class LSTMLayer(object):

    def __init__(self, I, K, name=None):
        # I : Input size
        # K : Hidden size
        self.wx = np.random.random([1+I, 4*K]) # [wI, wF, wO, wC]
        self.d_wx = np.zeros(self.wx.shape)
        self.wh = np.random.random([K, 4*K])
        self.d_wh = np.zeros(self.wh.shape)
        self.name = name

    def forward_t(self, x, sc0=None, h0=None):
        # forward at time step t
        # x : input at time step t
        # sc0, h0 are results from last time step
        K = self.wh.shape[1] / 4
        state = np.zeros([x.shape[0], 6*K]) # [bI, bF, bO, g(aC), sc, h]

        # [aI, aF, aO, aC]
        state[:, :4*K] = np.dot(np.concatenate((x, np.ones([x.shape[0], 1])), axis=1), self.wx)
        if h0 is not None:
            state[:, :4*K] += np.dot(h0, self.wh)
        # [bI, bF, bO]
        state[:, :3*K] = sigmoid(state[:, :3*K])
        # [g(aC)]
        state[:, 3*K:4*K] = np.tanh(state[:, 3*K:4*K])
        # sc
        state[:, 4*K:5*K] = state[:, :1*K] * state[:, 3*K:4*K]
        if sc0 is not None:
            state[:, 4*K:5*K] += state[:, 1*K:2*K] * sc0
        # h
        state[:, 5*K:6*K] = state[:, 2*K:3*K] * np.tanh(state[:, 4*K:5*K])

        return state

    def forward(self, x, sc_init=None, h_init=None):
        # x : a list of inputs over time steps
        # sc0 : initial state
        # h0 : initial result, which should be None at first time
        k = self.wh.shape[1] / 4
        T = len(x)
        state = []
        sc0 = sc_init
        h0 = h_init
        for t in xrange(T):
            state.append( self.forward_t(x[t], sc0, h0) )
            sc0 = state[-1][:, 4*k:5*k]
            h0 = state[-1][:, 5*k:6*k]
        return state

    def backward_t(self, d_sc, d_h, x, state, sc0=None, h0=None):
        # d_sc : do / dsc at time step t
        # d_h : do / dh at time step t
        # state : state at time step t
        # sc0 : sc at previous time step t-1
        # return d_sc, d_h, d_x of next backpropagation
        K = self.wh.shape[1] / 4
        grad = np.zeros([state.shape[0], 4*K]) # [d_aI, d_aF, d_aO, d_aC]
        # d_aO
        grad[:, 2*K:3*K] = d_h * np.tanh(d_h) * state[:, 2*K:3*K] * (1. - state[:, 2*K:3*K])
        # d_sc
        d_sc += d_h * state[:, 2*K:3*K] * (1. - np.tanh(state[:, 4*K:5*K])**2)
        # d_aC
        grad[:, 3*K:4*K] = d_sc * state[:, :1*K] * (1 - state[:, 3*K:4*K]**2)
        # d_aF
        if sc0 is not None:
            grad[:, 1*K:2*K] = d_sc * sc0 * state[:, 1*K:2*K] * (1. - state[:, 1*K:2*K])
        # d_aI
        grad[:, :1*K] = d_sc * state[:, 3*K:4*K] * state[:, :1*K] * (1. - state[:, :1*K])
        # d_w
        self.d_wx += np.dot(np.concatenate((x, np.ones([x.shape[0], 1])), axis=1).T, grad)
        if h0 is not None:
            self.d_wh += np.dot(h0.T, grad)
        return d_sc * state[:, 4*K:5*K], np.dot(grad, self.wh.T), np.dot(grad, self.wx[1:,:].T)

    def backward(self, x, state, d_h_o, sc_init=None, h_init=None):
        # d_h_o : a list of do/dht
        k = self.wh.shape[1] / 4
        T = len(d_h_o)
        d_x = []
        d_h = np.copy(d_h_o)
        d_sc = np.zeros([state[0].shape[0], k])
        for t in reversed(xrange(T)):
            if 0 == t:
                sc0 = sc_init
                h0 = h_init
            else:
                sc0 = state[t-1][:, 4*k:5*k]
                h0 = state[t-1][:, 5*k:6*k]
            d_sc, d_h_tmp, d_x_tmp = self.backward_t(d_sc, d_h[t], x[t], state[t], sc0, h0)
            if 0 != t:
                d_h[t-1] += d_h_tmp
            d_x.append(d_x_tmp)
        return d_x, d_h, d_sc, d_h_tmp # now d_sc = d_sc0, d_h_tmp = d_h0
