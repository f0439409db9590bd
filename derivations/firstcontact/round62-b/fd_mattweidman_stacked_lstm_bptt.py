# FD check of mattweidman_stacked_lstm_bptt.md (numpy only, float64, deterministic).
# The author's two files at commit d1674056be32020091341fc9ba94e9ca658a1431 are embedded verbatim below (classes only are used).
import math
import numpy as np

def random_matrix(height, width):
    return np.random.randn(height, width) / math.sqrt(width)

# note to self: if I change this, I have to change backprop() as well
def phi(x):
    return np.tanh(x)

# note to self: if I change this, I have to change backprop() as well
def sigmoid(x):
    return 1/(1+np.exp(-x))

class LSTM_layer:
    def __init__(self, input_size, output_size):
        # initialize all parameters
        self.input_size = input_size
        self.output_size = output_size
        self.Wgx = random_matrix(output_size, input_size)
        self.Wix = random_matrix(output_size, input_size)
        self.Wfx = random_matrix(output_size, input_size)
        self.Wox = random_matrix(output_size, input_size)
        self.Wgh = random_matrix(output_size, output_size)
        self.Wih = random_matrix(output_size, output_size)
        self.Wfh = random_matrix(output_size, output_size)
        self.Woh = random_matrix(output_size, output_size)
        self.bg = random_matrix(output_size, 1)
        self.bi = random_matrix(output_size, 1)
        self.bf = random_matrix(output_size, 1)
        self.bo = random_matrix(output_size, 1)
        self.theta = [self.Wgx, self.Wix, self.Wfx, self.Wox,
            self.Wgh, self.Wih, self.Wfh, self.Woh,
            self.bg, self.bi, self.bf, self.bo]

    # magnitude of weights and biases
    def magnitude_theta(self):
        return sum([(w**2).sum() for w in self.theta])

    # calculate the state and hidden layer vectors for the next time step
    # x: input matrix, size (num_examples, input_size)
    # s_prev: previous internal state size (num_examples, output_size)
    # h_prev: previous output from this hidden layer, same size as s_prev
    # returns (internal state, hidden layer) tuple
    # if return_gates is true, returns a (g, i, f, o, s, h) tuple as well, each
    # size (output_size, num_examples)
    def forward_prop_once(self, x, s_prev, h_prev, return_gates=False):
        g = phi(self.Wgx.dot(x.T) + self.Wgh.dot(h_prev.T) + self.bg)
        i = sigmoid(self.Wix.dot(x.T) + self.Wih.dot(h_prev.T) + self.bi)
        f = sigmoid(self.Wfx.dot(x.T) + self.Wfh.dot(h_prev.T) + self.bf)
        o = sigmoid(self.Wox.dot(x.T) + self.Woh.dot(h_prev.T) + self.bo)
        s = g*i + s_prev.T*f
        h = phi(s)*o
        if return_gates:
            return s.T, h.T, (g, i, f, o, s, h)
        else:
            return s.T, h.T

    # finds the gradient of this LSTM layer by propagating forward and back
    # x, s_prev, and h_prev are as described in forward_prop_once
    # dloss is a function to compute the derivative of the loss with respect
    # to the output vector h and expected output y.
    # s_next_grad and h_next_grad are the gradients of s(t+1) and h(t+1)
    # default values for next_grad vectors are zero-vectors
    # returns an LSTM_layer_gradient object
    # note that for all matrix arguments to this function, num_examples is
    # the size of the first dimension
    # gate_values is a (g, i, f, o, s, h) tuple, each representing a gate, size
    # (output_size, num_examples)
    def backprop(self, x, dloss, s_prev, h_prev, s_next_grad=None,
            h_next_grad=None, gate_values=None):

        # default values for s_next_grad and h_next_grad
        if s_next_grad is None:
            s_next_grad = np.zeros(s_prev.shape)
        if h_next_grad is None:
            h_next_grad = np.zeros(h_prev.shape)

        # propagate forward
        if gate_values is None:
            _, _, (g, i, f, o, s, h) = self.forward_prop_once(x, s_prev,
                h_prev, return_gates=True)
        else:
            g, i, f, o, s, h = gate_values
        assert g.shape[0] == h.shape[0]
        assert i.shape[1] == h.shape[1]
        assert f.shape[0] == s.shape[0]
        assert o.shape[1] == s.shape[1]

        # backprop to each gates
        dLdh = dloss(h.T).T + h_next_grad.T
        dLdo = dLdh * phi(s)
        dLds = dLdh * o * (1-phi(s)**2) + s_next_grad.T
        dLdg = dLds * i
        dLdi = dLds * g
        dLdf = dLds * s_prev.T
        dLds_prev = dLds * f

        # finds dL/dW?x, dL/dW?h, dL/db?, dL/dx_?, and dL/dh_?
        # grad_in is equal to dL/d? * sigmoid_prime or dL/d? * phi_prime
        # ? indicates the name of a gate - g, i, f, or o
        def backprop_gate(grad_in, W_x, W_h):
            dLdW_x = grad_in.dot(x)
            dLdW_h = grad_in.dot(h_prev)
            dLdb_ = grad_in.sum(axis=1)[:,np.newaxis]
            dLdx_ = W_x.T.dot(grad_in)
            dLdh_ = W_h.T.dot(grad_in)
            return dLdW_x, dLdW_h, dLdb_, dLdx_, dLdh_

        # backprop within each gate
        g_prime = dLdg * (1-g**2)
        dLdWgx, dLdWgh, dLdbg, dLdxg, dLdhg = backprop_gate(g_prime, self.Wgx, self.Wgh)
        i_prime = dLdi * i*(1-i)
        dLdWix, dLdWih, dLdbi, dLdxi, dLdhi = backprop_gate(i_prime, self.Wix, self.Wih)
        f_prime = dLdf * f*(1-f)
        dLdWfx, dLdWfh, dLdbf, dLdxf, dLdhf = backprop_gate(f_prime, self.Wfx, self.Wfh)
        o_prime = dLdo * o*(1-o)
        dLdWox, dLdWoh, dLdbo, dLdxo, dLdho = backprop_gate(o_prime, self.Wox, self.Woh)

        # combine everything into one data structure
        dLdtheta = [dLdWgx, dLdWix, dLdWfx, dLdWox, dLdWgh, dLdWih, dLdWfh,
           dLdWoh, dLdbg, dLdbi, dLdbf, dLdbo]
        dLdx = dLdxg + dLdxi + dLdxf + dLdxo
        dLdh_prev = dLdhg + dLdhi + dLdhf + dLdho

        return LSTM_layer_gradient(dLdtheta, dLdx.T, dLds_prev.T, dLdh_prev.T)

    # update the parameters of this LSTM layer by SGD
    # parameters <- parameters - gradient * learning rate
    # gradient: LSTM_layer_gradient object
    def update_theta(self, gradient, learning_rate):
        for param, grad in zip(self.theta, gradient.dLdtheta):
            param -= learning_rate * grad

class LSTM_layer_gradient():
    # dLdtheta: list of gradients with respect to LSTM_layer parameters
    # dLdx: gradient with prespect to x(t)
    # dLds_prev: gradient with respect to s(t-1)
    # dLdh_prev: gradient with respect to h(t-1)
    def __init__(self, dLdtheta, dLdx, dLds_prev, dLdh_prev):
        self.dLdtheta = dLdtheta
        self.dLdx = dLdx
        self.dLds_prev = dLds_prev
        self.dLdh_prev = dLdh_prev

    def to_tuple(self):
        return self.dLdtheta, self.dLdx, self.dLds_prev, self.dLdh_prev

    def add(self, other):
        dsumtheta = [sth+oth for sth, oth in zip(self.dLdtheta, other.dLdtheta)]
        return LSTM_layer_gradient(dsumtheta, self.dLdx+other.dLdx,
            self.dLds_prev+other.dLds_prev, self.dLdh_prev+other.dLdh_prev)

    def multiply(self, scalar):
        dprodtheta = [sth*scalar for sth in self.dLdtheta]
        return LSTM_layer_gradient(dprodtheta, self.dLdx*scalar,
            self.dLds_prev*scalar, self.dLdh_prev*scalar)

    def magnitude_theta(self):
        return sum([np.sum(p**2) for p in self.dLdtheta])

import numpy as np

class LSTM:
    def __init__(self):
        self.layers = []

    def add_layer(self, layer):
        self.layers.append(layer)

    # quick way of choosing default values for None inputs
    def empty_or_same(self, num_examples, v):
        return [np.zeros((num_examples, l.output_size))
            for l in self.layers] if v is None else v

    # forward propagate through this entire LSTM network
    # s_prev and h_prev are lists of numpy matrices, where the ith element
    # of is input to the ith layer (x is input to only one layer)
    # elements of s_prev and h_prev are size (num_examples, layer_output_size)
    # returns (internal state, hidden layer) tuple (which are same
    # dimensions as s_prev and h_prev)
    # if return_gates is true, also returns list of (g,i,f,o,s,h) tuples
    def forward_prop_once(self, x, s_prev, h_prev, return_gates=False):
        s = []
        h = []
        gates = []
        for i in range(len(self.layers)):
            if return_gates:
                si, hi, gi = self.layers[i].forward_prop_once(x, s_prev[i],
                    h_prev[i], return_gates)
                gates.append(gi)
            else:
                si, hi = self.layers[i].forward_prop_once(x, s_prev[i],
                    h_prev[i])
            s.append(si)
            h.append(hi)
            x = hi.copy()
        if return_gates:
            return s, h, gates
        else:
            return s, h

    # forward propagate input through this LSTM
    # X is a matrix of size (num_examples, input_size) if feedback
    # X is size (num_examples, seq_length, input_size) if one2one
    # for feedback, the output at each timestep is calculated by using the
    # previous output as input, and seq_length MUST be provided
    # if seq_length is not provided, assume one2one
    # input_size and output_size must therefore be the same if feedback
    # returns (X, slist, hlist) tuple, where X is a
    # (num_examples, seq_length, input_size) tensor and slist and hlist are
    # lists of s and h values for each sequence element
    def forward_prop_lists(self, X, seq_length=None, s0=None, h0=None):

        # record whether this is feedback, sanity checks
        is_feedback = seq_length is not None
        if seq_length is None:
            assert len(X.shape) == 3
            seq_length = X.shape[1]
        else:
            assert len(X.shape) == 2

        # default values
        num_examples = X.shape[0]
        s0 = self.empty_or_same(num_examples, s0)
        h0 = self.empty_or_same(num_examples, h0)

        # forward prop through sequence
        s, h = s0, h0
        slist, hlist = [], []
        if is_feedback:
            x = X
            X = np.zeros((x.shape[0], 0, x.shape[1]))
        for i in range(seq_length):
            if is_feedback: X = np.concatenate((X, x[:,np.newaxis,:]), axis=1)
            else: x = X[:,i,:]
            s, h = self.forward_prop_once(x, s, h)
            slist.append(s)
            hlist.append(h)
            if is_feedback: x = h[-1]

        return X, slist, hlist

    # forward propagate input through this LSTM
    # X is a matrix of size (num_examples, input_size) if feedback
    # X is size (num_examples, seq_length, input_size) if one2one
    # for feedback, the output at each timestep is calculated by using the
    # previous output as input, and seq_length MUST be provided
    # if seq_length is not provided, assume one2one
    # input_size and output_size must therefore be the same if feedback
    # returns an output Y of size (num_examples, seq_length, output_size)
    def forward_prop(self, X, seq_length=None, s0=None, h0=None):
        X, slist, hlist = self.forward_prop_lists(X, seq_length, s0, h0)
        num_examples = X.shape[0]
        outp = np.zeros((num_examples, 0, self.layers[-1].output_size))
        for h in hlist:
            outp = np.concatenate((outp, h[-1][:,np.newaxis,:]), axis=1)
        return outp

    # perform backpropagation on one element in the sequence
    # x is the input, size (num_examples, input_size)
    # y is the expected output, size (num_examples, output_size)
    # dloss is a function that computes the gradient of the loss function,
    # given the output (h) and the expected output (y)
    # s_prev is a list of s(t-1) matrices for each layer
    # h_prev is a list of h(t-1) matrices for each layer
    # s_next_grad is a list of s(t+1) gradients for each layer
    # h_next_grad is a list of h(t+1) gradients for each layer
    # returns a list of LSTM_layer_gradient objects
    def backprop_once(self, x, y, dloss, s_prev, h_prev, s_next_grad=None,
            h_next_grad=None):

        # default values for s_prev, h_prev, s_next_grad, and h_next_grad
        num_examples = x.shape[0]
        nonelist = lambda: [None] * len(self.layers)
        s_prev = self.empty_or_same(num_examples, s_prev)
        h_prev = self.empty_or_same(num_examples, h_prev)
        if s_next_grad is None: s_next_grad = nonelist()
        if h_next_grad is None: h_next_grad = nonelist()

        # forward propagate
        s, h, gates = self.forward_prop_once(x, s_prev, h_prev,
            return_gates=True)

        # backprop each layer
        gradient = []
        layer_dloss = lambda h_: dloss(h_, y)
        for i in range(len(self.layers)-1, -1, -1):
            inp = x if i==0 else h[i-1]
            grad_i = self.layers[i].backprop(inp, layer_dloss, s_prev[i],
                h_prev[i], s_next_grad[i], h_next_grad[i], gates[i])
            layer_dloss = lambda h_: grad_i.dLdx
            gradient.append(grad_i)

        return gradient[::-1]

    # perform backpropagation through time on input X
    # X is input size (num_examples, seq_length, input_size) for one2one
    # X is size (num_examples, input_size) for feedback
    # Y is the expected output; size (num_examples, seq_length, output_size)
    # seq_length MUST be provided for feedback BPTT, which is the length of
    # the sequence to be output
    # if seq_length is None, one2one will be assumed; else, feedback is assumed
    # s0 and h0 are initial internal state and hidden layer lists
    # sn_grad and hn_grad are gradients you can inject into the last element
    # of the sequence during backprop
    # dloss is the gradient of the loss function; function of h and y
    def BPTT(self, X, Y, dloss, seq_length=None, s0=None, h0=None, sn_grad=None,
            hn_grad=None):

        num_examples = X.shape[0]

        # forward prop through sequence
        s, h = s0, h0
        X, slist, hlist = self.forward_prop_lists(X, seq_length=seq_length,
            s0=s0, h0=h0)

        is_feedback = seq_length is not None
        if seq_length is None: seq_length = X.shape[1]

        # backprop for every element in the sequence
        s_next_grad = sn_grad
        h_next_grad = hn_grad
        x_next_grad = 0#np.zeros((num_examples, self.layers[0].input_size))
        gradients = []
        for i in range(seq_length-1, -1, -1):
            s_prev = s0 if i == 0 else slist[i-1]
            h_prev = h0 if i == 0 else hlist[i-1]
            grad = self.backprop_once(X[:,i,:], Y[:,i,:],
                lambda h_, y_: dloss(h_, y_) + x_next_grad,
                s_prev, h_prev, s_next_grad, h_next_grad)
            s_next_grad = [gl.dLds_prev for gl in grad]
            h_next_grad = [gl.dLdh_prev for gl in grad]
            if is_feedback:
                x_next_grad = grad[0].dLdx
            gradients.append(grad)

        # average the gradients
        actual_length = X.shape[1] if seq_length is None else seq_length
        gradsum = gradients[0]
        for i in range(1, len(gradients)):
            for sum_layer, grad_layer in zip(gradsum, gradients[i]):
                sum_layer = sum_layer.add(grad_layer.multiply(1/actual_length))
        return gradsum

    # use the gradient to update parameters in theta
    def update_theta(self, gradient, learning_rate):
        for l, g in zip(self.layers, gradient):
            l.update_theta(g, learning_rate)

    # performs stochastic gradient descent
    # X: input; size (num_ex, seq_len, inp_size) if one2one,
    # size (num_ex, inp_size) if feedback
    # Y: expected output; size (num_ex, seq_len, out_size)
    # loss: function of h (output) and y (expected output), computes the loss
    # dloss: derivative of loss, also function of h and y
    # num_epochs: number of iterations to run
    # learning_rate: gradient multiplier during updates
    # momentum: multiplier for v(t-1) each epoch
    # batch_size: number of examples to select; chooses all examples if None
    # seq_length: length of sequence if feedback; if one2one, leave it as None
    # print_progress: prints cost and gradient each iteration if true
    # s0, h0: initial internal state and hidden output lists
    def SGD(self, X, Y, loss, dloss, num_epochs, learning_rate,
            momentum=None, batch_size=None, seq_length=None,
            print_progress=False, s0=None, h0=None):

        num_examples = X.shape[0]
        v_prev = None
        for epoch in range(num_epochs):

            # compute gradient for entire input
            if batch_size is None:
                grad = self.BPTT(X, Y, dloss, seq_length=seq_length, s0=s0,
                    h0=h0)

            # compute gradient for one batch
            else:
                batch_indices = np.random.choice(np.arange(0,num_examples),
                    batch_size)
                inpt = X[batch_indices]
                exp_outp = Y[batch_indices]
                grad = self.BPTT(inpt, exp_outp, dloss, seq_length=seq_length,
                    s0=s0, h0=h0)

            # update parameters
            if v_prev is not None and momentum is not None:
                grad = [gl.multiply(learning_rate).add(vl.multiply(-momentum))
                    for gl, vl in zip(grad, v_prev)]
                self.update_theta(grad, 1)
            else: self.update_theta(grad, learning_rate)
            v_prev = grad

            # forward propagate and print the cost
            if print_progress:
                outp = self.forward_prop(X, seq_length=seq_length)
                total_loss = loss(outp, Y)
                magnitude = sum([gl.magnitude_theta() for gl in grad])
                print("cost:%f\tgradient:%f" % (total_loss, magnitude))

        if print_progress:
            print("Training complete")

# ------------------------------------------------------------------ checks
EPS = 1e-6
def fd(f, A):
    g = np.zeros_like(A)
    for ix in np.ndindex(A.shape):
        o = A[ix]; A[ix] = o + EPS; lp = f(); A[ix] = o - EPS; lm = f(); A[ix] = o; g[ix] = (lp - lm) / (2 * EPS)
    return g
def close(u, v): return np.allclose(u, v, rtol=1e-5, atol=1e-7)
res = {}
np.random.seed(62)
N, D, H = 3, 4, 5
L = LSTM_layer(D, H)
x = np.random.randn(N, D); s_prev = np.random.randn(N, H); h_prev = np.random.randn(N, H)
A = np.random.randn(N, H)      # dloss(h) (constant upstream gradient from above, row layout)
Bh = np.random.randn(N, H)     # h_next_grad (dL/dh(t) arriving through recurrence)
Bs = np.random.randn(N, H)     # s_next_grad (dL/ds(t) arriving through recurrence)
# single-step objective J = <A+Bh, h> + <Bs, s>
def pre(x, h_prev):
    return (L.Wgx.dot(x.T) + L.Wgh.dot(h_prev.T) + L.bg, L.Wix.dot(x.T) + L.Wih.dot(h_prev.T) + L.bi,
            L.Wfx.dot(x.T) + L.Wfh.dot(h_prev.T) + L.bf, L.Wox.dot(x.T) + L.Woh.dot(h_prev.T) + L.bo)
def J_from(g, i, f, o, sp):
    s = g*i + sp.T*f; h = np.tanh(s)*o
    return np.sum((A + Bh).T * h) + np.sum(Bs.T * s)
def J():
    zg, zi, zf, zo = pre(x, h_prev)
    return J_from(np.tanh(zg), sigmoid(zi), sigmoid(zf), sigmoid(zo), s_prev)
# forward rows 10, 20-25 (compare with the standard LSTM definitions)
zg, zi, zf, zo = pre(x, h_prev)
sT, hT, (g, i, f, o, s, h) = L.forward_prop_once(x, s_prev, h_prev, return_gates=True)
res[6] = close(phi(zg), np.tanh(zg))
res[10] = close(sigmoid(zi), 0.5 * (1 + np.tanh(zi / 2)))
res[20] = close(g, np.tanh(zg)); res[21] = close(i, 0.5*(1+np.tanh(zi/2)))
res[22] = close(f, 0.5*(1+np.tanh(zf/2))); res[23] = close(o, 0.5*(1+np.tanh(zo/2)))
res[24] = close(s, g*i + s_prev.T*f); res[25] = close(h, np.tanh(s)*o)
# backprop rows: recompute the author's intermediates as written
dloss = lambda h_: A
dLdh = dloss(h.T).T + Bh.T
dLdo = dLdh * phi(s)
dLds = dLdh * o * (1-phi(s)**2) + Bs.T
dLdg = dLds * i; dLdi = dLds * g; dLdf = dLds * s_prev.T; dLds_prev = dLds * f
G_, I_, F_, O_ = g.copy(), i.copy(), f.copy(), o.copy(); SP = s_prev.copy()
hh = h.copy(); ss = s.copy()
res[63] = close(dLdh, fd(lambda: np.sum((A + Bh).T * hh), hh))
res[64] = close(dLdo, fd(lambda: J_from(G_, I_, F_, O_, s_prev), O_))
def J_s(sv): return np.sum((A + Bh).T * (np.tanh(sv)*o)) + np.sum(Bs.T * sv)
res[65] = close(dLds, fd(lambda: J_s(ss), ss))
res[66] = close(dLdg, fd(lambda: J_from(G_, I_, F_, O_, s_prev), G_))
res[67] = close(dLdi, fd(lambda: J_from(G_, I_, F_, O_, s_prev), I_))
res[68] = close(dLdf, fd(lambda: J_from(G_, I_, F_, O_, s_prev), F_))
res[69] = close(dLds_prev.T, fd(lambda: J_from(G_, I_, F_, O_, SP), SP))
# pre-activation gradients (83, 85, 87, 89)
Z = [z.copy() for z in (zg, zi, zf, zo)]
def Jz(): return J_from(np.tanh(Z[0]), sigmoid(Z[1]), sigmoid(Z[2]), sigmoid(Z[3]), s_prev)
g_prime = dLdg * (1-g**2); i_prime = dLdi * i*(1-i); f_prime = dLdf * f*(1-f); o_prime = dLdo * o*(1-o)
res[83] = close(g_prime, fd(Jz, Z[0])); res[85] = close(i_prime, fd(Jz, Z[1]))
res[87] = close(f_prime, fd(Jz, Z[2])); res[89] = close(o_prime, fd(Jz, Z[3]))
# backprop_gate rows 75-79 checked through the layer's returned gradient (rows 84-98)
gr = L.backprop(x, dloss, s_prev, h_prev, Bs, Bh)
names = ["Wgx", "Wix", "Wfx", "Wox", "Wgh", "Wih", "Wfh", "Woh", "bg", "bi", "bf", "bo"]
okW = all(close(gr.dLdtheta[k], fd(J, L.theta[k])) for k in range(12))
okx = close(gr.dLdx, fd(J, x)); okh = close(gr.dLdh_prev, fd(J, h_prev)); oks = close(gr.dLds_prev, fd(J, s_prev))
okWx = all(close(gr.dLdtheta[k], fd(J, L.theta[k])) for k in range(4))
okWh = all(close(gr.dLdtheta[k], fd(J, L.theta[k])) for k in range(4, 8))
okb = all(close(gr.dLdtheta[k], fd(J, L.theta[k])) for k in range(8, 12))
res[75] = okWx; res[76] = okWh; res[77] = okb; res[78] = okx; res[79] = okh
for ln in (84, 86, 88, 90, 93): res[ln] = okW
res[95] = okx; res[96] = okh; res[98] = okW and okx and oks and okh
# add / multiply (115-122)
g2 = L.backprop(x, lambda h_: Bh, s_prev, h_prev, Bs, A)
sm = gr.add(g2); mu = gr.multiply(0.3)
res[115] = all(close(sm.dLdtheta[k], gr.dLdtheta[k] + g2.dLdtheta[k]) for k in range(12))
res[116] = close(sm.dLdx, gr.dLdx + g2.dLdx) and close(sm.dLdh_prev, gr.dLdh_prev + g2.dLdh_prev)
res[120] = all(close(mu.dLdtheta[k], 0.3 * gr.dLdtheta[k]) for k in range(12))
res[121] = close(mu.dLdx, 0.3 * gr.dLdx)

# ---- stacked network + BPTT
def build(din, sizes, seed):
    np.random.seed(seed); net = LSTM(); d = din
    for hsz in sizes: net.add_layer(LSTM_layer(d, hsz)); d = hsz
    return net
def sq_loss(outp, Y): return 0.5 * np.sum((outp - Y) ** 2)
dl = lambda h_, y_: h_ - y_
T = 4
net = build(D, [5, 3], 7)
X = np.random.randn(N, T, D); Y = np.random.randn(N, T, 3)
def Lnet(): return sq_loss(net.forward_prop(X), Y)
# forward rows 152-160: layer i+1 takes h of layer i
sl, hl = net.forward_prop_once(X[:, 0, :], net.empty_or_same(N, None), net.empty_or_same(N, None))
s0a, h0a = net.layers[0].forward_prop_once(X[:, 0, :], np.zeros((N, 5)), np.zeros((N, 5)))
s1a, h1a = net.layers[1].forward_prop_once(h0a, np.zeros((N, 3)), np.zeros((N, 3)))
res[152] = res[156] = close(hl[0], h0a) and close(sl[0], s0a)
res[160] = close(hl[1], h1a) and close(sl[1], s1a)
# collect per-step gradients exactly as BPTT does, then sum correctly (the fixed version)
def per_step_grads(net, X, Y, seq_length=None):
    captured = []
    orig = net.backprop_once
    def spy(*a, **k):
        r = orig(*a, **k); captured.append(r); return r
    net.backprop_once = spy
    out = net.BPTT(X, Y, dl, seq_length=seq_length)
    del net.backprop_once
    return captured, out
caps, author_sum = per_step_grads(net, X, Y)
true_sum = [[sum(c[l].dLdtheta[k] for c in caps) for k in range(12)] for l in range(2)]
fdg = [[fd(Lnet, net.layers[l].theta[k]) for k in range(12)] for l in range(2)]
ok_sum = all(close(true_sum[l][k], fdg[l][k]) for l in range(2) for k in range(12))
# rows 193-199, 228-242: the per-step pieces sum to the true gradient of the stacked net
for ln in (193, 195, 196, 198, 228, 229, 230, 235, 238, 239): res[ln] = ok_sum
# lower layer alone also matches -> the gradient passed down (layer_dloss = grad_i.dLdx) is right
res[198] = res[198] and all(close(true_sum[0][k], fdg[0][k]) for k in range(12))
# rows 245-249: the author's gradsum
actual_length = T
res[245] = actual_length == X.shape[1]
res[246] = all(close(caps[0][l].dLdtheta[k], caps[0][l].dLdtheta[k]) for l in range(2) for k in range(12))
author_ok = all(close(author_sum[l].dLdtheta[k], fdg[l][k]) for l in range(2) for k in range(12))
# author's result is just the last-time-step gradient (rebinding sum_layer does not change gradsum)
res[249] = author_ok
assert all(np.array_equal(author_sum[l].dLdtheta[k], caps[0][l].dLdtheta[k]) for l in range(2) for k in range(12))
# even if the rebinding worked, the intended 1*g_T + (1/T)*sum(others) is not the gradient either
intended = [[caps[0][l].dLdtheta[k] + sum(c[l].dLdtheta[k] for c in caps[1:]) / T for k in range(12)] for l in range(2)]
assert not all(close(intended[l][k], fdg[l][k]) for l in range(2) for k in range(12))

# feedback mode (row 241): input at t+1 is h_top(t); input_size == top output size
netf = build(3, [4, 3], 11)
Xf = np.random.randn(N, 3); Yf = np.random.randn(N, T, 3)
def Lf(): return sq_loss(netf.forward_prop(Xf, seq_length=T), Yf)
capsf, _ = per_step_grads(netf, Xf, Yf, seq_length=T)
okf = all(close(sum(c[l].dLdtheta[k] for c in capsf), fd(Lf, netf.layers[l].theta[k])) for l in range(2) for k in range(12))
res[241] = okf

expected_fail = {249}
bad = []
for ln, ok in sorted(res.items()):
    want = ln not in expected_fail
    if bool(ok) != want: bad.append((ln, ok))
print("checked rows:", len(res), "fails as expected:", sorted(expected_fail))
assert not bad, bad
print("OK")
