# source: https://github.com/wilhelmagren/DD2424-Deep-Learning/blob/f880f33999d9f10a1febc4dea2023253785e96a3/assign4/rnn.py (Wilhelm Ågren, KTH DD2424 Assignment 4 vanilla RNN, commit f880f33 2021-06-03). Kept verbatim: header, class line, init_model, forward, backprop, __loss__, __softmax__; cut: __init__, data loading, fit/AdaGrad loop, synthesize, numerical_grad, load/save/plot helpers, main
"""
Author: Wilhelm Ågren, wagren@kth.se
Last edited: 13/05-2021
"""
import numpy as np


class RNN:
    def init_model(self):
        self.b = np.zeros((self.m, 1))
        self.c = np.zeros((self.K, 1))
        self.U = np.random.normal(0, self.sigma, size=(self.m, self.K))
        self.W = np.random.normal(0, self.sigma, size=(self.m, self.m))
        self.V = np.random.normal(0, self.sigma, size=(self.K, self.m))
        self.grad_b = np.zeros((self.m, 1))
        self.grad_c = np.zeros((self.K, 1))
        self.grad_U = np.zeros((self.m, self.K))
        self.grad_W = np.zeros((self.m, self.m))
        self.grad_V = np.zeros((self.K, self.m))
        self.h0 = np.zeros((self.m, 1))
        self.hprev = np.zeros((self.m, 1))
        self.x_chars = np.zeros((self.K, self.seq_length))
        self.y_chars = np.zeros((self.K, self.seq_length))


    def forward(self, xt, yt, ht, b=None, c=None, W=None, V=None, U=None, grad=None) -> (list, list, list, list, float):
        """
        func forward/69
        @spec :: () => (list, list, list, list, float)
            Calculates the forward pass of the network/evaluation of the network, given the data sequence xt,
            target sequence yt, and initial state for hidden layer ht. Current activation function used is tanh,
            in order to avoid both under- and overflows in gradient computations. Testing with ReLU lead to instant
            overflows in gradient computations -> because the hidden states did not represent a code with values
            from [-1, 1], but was instead anything in [0, inf] because of the linear transformation in ReLU for anything
            larger than 0. The ReLU was suggested as another activation function in instructions but it did not work.
        """
        if b is None:
            b = self.b
        if c is None:
            c = self.c
        if W is None:
            W = self.W
        if V is None:
            V = self.V
        if U is None:
            U = self.U
        if grad is not None:
            for key in grad:
                if key == 'c':
                    c = grad[key]
                if key == 'b':
                    b = grad[key]
                if key == 'W':
                    W = grad[key]
                if key == 'V':
                    V = grad[key]
                if key == 'U':
                    U = grad[key]

        tau = len(xt)
        hl, pl, al, ol, ll = [], [], [], [], []
        hl.append(ht)
        for t in range(tau):
            al.append(W@hl[-1] + U@xt[t] + b)
            hl.append(np.tanh(al[-1]))
            ol.append(V@hl[-1] + c)
            pl.append(self.__softmax__(ol[-1]))
            ll.append(self.__loss__(pl[-1], yt[t]))
        hl.pop(0)
        return hl, pl, al, ol, sum(ll)

    def backprop(self, xt, yt, h) -> (int, np.array):
        """
        func backprop/4
        @spec :: (Class(RNN), np.array, np.array, np.array) => (integer, np.array)
            Back Propagation Through Time gradient computations for RNN.
            Takes the current sequence of data xt, corresponding targets ty, and last calculated state of h.
            Recursively calculates gradients of c, b, W, V, U. Clips gradients from [-5, 5] to avoid overflows.
        """
        tau = len(xt)
        ht, pt, at, ot, loss = self.forward(xt=xt, yt=yt, ht=h)

        assert len(ht) == tau
        assert len(pt) == tau
        assert len(at) == tau
        assert len(ot) == tau
        for (htt, ptt, att, ott) in zip(ht, pt, at, ot):
            assert htt.shape == (self.m, 1)
            assert ptt.shape == (self.K, 1)
            assert att.shape == (self.m, 1)
            assert ott.shape == (self.K, 1)

        grad_o_l, grad_h_l, grad_a_l = [np.zeros(1) for _ in range(tau)], \
                                       [np.zeros(1) for _ in range(tau)], \
                                       [np.zeros(1) for _ in range(tau)]

        grad_c = np.zeros((self.K, 1))
        grad_b = np.zeros((self.m, 1))
        grad_V = np.zeros((self.K, self.m))
        grad_W = np.zeros((self.m, self.m))
        grad_U = np.zeros((self.m, self.K))

        for t in reversed(range(tau)):
            grad_o_l[t] = -(yt[t] - pt[t]).T
            grad_c += grad_o_l[t].T
            grad_V += grad_o_l[t].T@ht[t].T

            if t == tau - 1:
                grad_h_l[t] = grad_o_l[t]@self.V
            else:
                grad_h_l[t] = grad_o_l[t]@self.V + grad_a_l[t + 1]@self.W
            grad_a_l[t] = grad_h_l[t]@np.diag(1 - (ht[t][:, 0]**2))

            grad_W += grad_a_l[t].T@ht[t - 1].T
            grad_U += grad_a_l[t].T@xt[t].T
            grad_b += grad_a_l[t].T

        grad_c = np.clip(a=grad_c, a_min=-5, a_max=5)
        grad_b = np.clip(a=grad_b, a_min=-5, a_max=5)
        grad_V = np.clip(a=grad_V, a_min=-5, a_max=5)
        grad_W = np.clip(a=grad_W, a_min=-5, a_max=5)
        grad_U = np.clip(a=grad_U, a_min=-5, a_max=5)

        self.grad_c = grad_c
        self.grad_b = grad_b
        self.grad_V = grad_V
        self.grad_W = grad_W
        self.grad_U = grad_U

        return loss, ht[-1]

    @staticmethod
    def __loss__(p, y) -> float:
        """
        func __loss__/2
        @spec :: (np.array, np.array) => np.array
            Computes the cross-entropy loss between the given output probabilities p
            and the onehot encoded target labels y. Returns the loss as a np.array.
            If you want an integer, extract it from the array by accessing __loss__()[0, 0].
        """
        return -np.log(np.dot(y.T, p))[0, 0]

    @staticmethod
    def __softmax__(x) -> np.array:
        """
        func __softmax__/1
        @spec :: (np.array) => np.array
            Computes the softmax of the given np.array x.
            This turns the values of x into probabilities such that they sum to 1.
        """
        return np.exp(x) / np.sum(np.exp(x), axis=0)

