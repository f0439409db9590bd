# source: https://github.com/NeighborhoodWang/CS224D-problem-set2/blob/58139d1a8f13587d23ac01fad06598dd5e512578/rnnlm.py (GitHub user NeighborhoodWang / commit author NeighborhoodGuo, student solution of Stanford CS224d (2015) problem set 2 part 2, RNN language model with truncated BPTT in the course's NNBase framework; commit 58139d1a 'cs224d Problem set 2', 2015-08-09, unchanged at HEAD eafd2c6). Kept verbatim: file lines 1-196 (imports, class docstring, __init__, _acc_grads = forward + BPTT, grad_check wrapper, compute_seq_loss). Cut: compute_loss, compute_mean_loss (wrappers), generate_sequence, class ExtraCreditRNNLM (unimplemented stubs). Framework semantics (course file nn/base.py, not kept): self.grads.* are dense accumulators; self.sgrads.L[idx] = v APPENDS (idx, v) to a list (SparseDelta.__setitem__) and updates with the same idx are summed (coalesce) before grad check / applied with += at update time, so '=' on sgrads accumulates. nn.math.sigmoid/softmax/make_onehot are the usual functions.
from numpy import *
import itertools
import time
import sys

# Import NN utils
from nn.base import NNBase
from nn.math import softmax, sigmoid, make_onehot
from nn.math import MultinomialSampler, multinomial_sample
from misc import random_weight_matrix


class RNNLM(NNBase):
    """
    Implements an RNN language model of the form:
    h(t) = sigmoid(H * h(t-1) + L[x(t)])
    y(t) = softmax(U * h(t))
    where y(t) predicts the next word in the sequence

    U = |V| * dim(h) as output vectors
    L = |V| * dim(h) as input vectors

    You should initialize each U[i,j] and L[i,j]
    as Gaussian noise with mean 0 and variance 0.1

    Arguments:
        L0 : initial input word vectors
        U0 : initial output word vectors
        alpha : default learning rate
        bptt : number of backprop timesteps
    """

    def __init__(self, L0, U0=None,
                 alpha=0.005, rseed=10, bptt=1):

        self.hdim = L0.shape[1] # word vector dimensions
        self.vdim = L0.shape[0] # vocab size
        param_dims = dict(H = (self.hdim, self.hdim),
                          U = L0.shape)
        # note that only L gets sparse updates
        param_dims_sparse = dict(L = L0.shape)
        NNBase.__init__(self, param_dims, param_dims_sparse)

        #### YOUR CODE HERE ####


        # Initialize word vectors
        # either copy the passed L0 and U0 (and initialize in your notebook)
        # or initialize with gaussian noise here
        
        sigma = 0.1
        mu = 0
        
        self.sparams.L = L0.copy()
        if U0 is None:
            self.params.U = sigma * np.random.randn(param_dims["U"]) + mu
        else:
            self.params.U = U0.copy()
                       
        # Initialize H matrix, as with W and U in part 1
        self.params.H = random_weight_matrix(*param_dims["H"])

        #self.alpha = alpha.copy()
        self.alpha = alpha
        #self.bptt = bptt.copy()
        self.bptt = bptt
        #### END YOUR CODE ####


    def _acc_grads(self, xs, ys):
        """
        Accumulate gradients, given a pair of training sequences:
        xs = [<indices>] # input words
        ys = [<indices>] # output words (to predict)

        Your code should update self.grads and self.sgrads,
        in order for gradient_check and training to work.

        So, for example:
        self.grads.H += (your gradient dJ/dH)
        self.sgrads.L[i] = (gradient dJ/dL[i]) # update row

        Per the handout, you should:
            - make predictions by running forward in time
                through the entire input sequence
            - for *each* output word in ys, compute the
                gradients with respect to the cross-entropy
                loss for that output word
            - run backpropagation-through-time for self.bptt
                timesteps, storing grads in self.grads (for H, U)
                and self.sgrads (for L)

        You'll want to store your predictions \hat{y}(t)
        and the hidden layer values h(t) as you run forward,
        so that you can access them during backpropagation.

        At time 0, you should initialize the hidden layer to
        be a vector of zeros.
        """

        # Expect xs as list of indices
        ns = len(xs)

        # make matrix here of corresponding h(t)
        # hs[-1] = initial hidden state (zeros)
        hs = zeros((ns+1, self.hdim))
        # predicted probas
        ps = zeros((ns, self.vdim))

        #### YOUR CODE HERE ####
        H = self.params.H
        U = self.params.U
        L = self.sparams.L
        bptt = self.bptt
        ##
        # Forward propagation
        for t in xrange(ns):
            hs[t + 1] = sigmoid(H.dot(hs[t]) + L[xs[t]])
            ps[t] = softmax(U.dot(hs[t + 1]))
        
        hs = hs[1:].copy()
        ##
        # Backward propagation through time
        for t in xrange(ns):
            y_t = make_onehot(ys[t], self.vdim)
            delta_t = ps[t] - y_t
            #self.grads.U += delta_t.dot(hs[t])
            self.grads.U += outer(delta_t, hs[t])
            delta = U.T.dot(delta_t) * hs[t] * (1 - hs[t])
            for i in xrange(t, t - bptt - 1, -1):
                if i - 1 >= 0:
                    self.grads.H += outer(delta, hs[i - 1])
                    self.sgrads.L[xs[i]] = delta
                    delta = H.T.dot(delta) * hs[i - 1] * (1 - hs[i - 1])
                    
        self.ps = ps
        self.ns = ns
        #### END YOUR CODE ####



    def grad_check(self, x, y, outfd=sys.stderr, **kwargs):
        """
        Wrapper for gradient check on RNNs;
        ensures that backprop-through-time is run to completion,
        computing the full gradient for the loss as summed over
        the input sequence and predictions.

        Do not modify this function!
        """
        bptt_old = self.bptt
        self.bptt = len(y)
        print >> outfd, "NOTE: temporarily setting self.bptt = len(y) = %d to compute true gradient." % self.bptt
        NNBase.grad_check(self, x, y, outfd=outfd, **kwargs)
        self.bptt = bptt_old
        print >> outfd, "Reset self.bptt = %d" % self.bptt


    def compute_seq_loss(self, xs, ys):
        """
        Compute the total cross-entropy loss
        for an input sequence xs and output
        sequence (labels) ys.

        You should run the RNN forward,
        compute cross-entropy loss at each timestep,
        and return the sum of the point losses.
        """

        J = 0
        #### YOUR CODE HERE ####
        # Expect xs as list of indices
        ns = len(xs)

        # make matrix here of corresponding h(t)
        # hs[-1] = initial hidden state (zeros)
        hs = zeros((ns+1, self.hdim))
        # predicted probas
        ps = zeros((ns, self.vdim))

        #### YOUR CODE HERE ####
        H = self.params.H
        U = self.params.U
        L = self.sparams.L
        bptt = self.bptt
        ##
        # Forward propagation
        for t in xrange(ns):
            hs[t + 1] = sigmoid(H.dot(hs[t]) + L[xs[t]])
            ps[t] = softmax(U.dot(hs[t + 1]))
        
        for t in xrange(ns):
            J -= log(ps[t][ys[t]])

        #### END YOUR CODE ####
        return J
