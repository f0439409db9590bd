# source: https://github.com/shrikiran1999/my-torch-library/blob/549f8917b4175633954a4f2e3c5eaf9d4b404147/mytorch/gru_cell.py (SHRI_KIRAN, my-torch-library, student solution of CMU 11-785 HW3P1 GRUCell, commit 549f8917 'first commit', 2023-02-09). Kept verbatim: the whole file; Sigmoid/Tanh used here are mytorch/activation.py (Sigmoid.derivative() = state*(1-state), Tanh.derivative(state=None) = 1-state**2); cut: nothing
import numpy as np
from activation import *


class GRUCell(object):
    """GRU Cell class."""

    def __init__(self, in_dim, hidden_dim):

        self.d = in_dim
        self.h = hidden_dim
        h = self.h
        d = self.d
        self.x_t = 0

        self.Wrx = np.random.randn(h, d)
        self.Wzx = np.random.randn(h, d)
        self.Wnx = np.random.randn(h, d)

        self.Wrh = np.random.randn(h, h)
        self.Wzh = np.random.randn(h, h)
        self.Wnh = np.random.randn(h, h)

        self.brx = np.random.randn(h)
        self.bzx = np.random.randn(h)
        self.bnx = np.random.randn(h)

        self.brh = np.random.randn(h)
        self.bzh = np.random.randn(h)
        self.bnh = np.random.randn(h)

        self.dWrx = np.zeros((h, d))
        self.dWzx = np.zeros((h, d))
        self.dWnx = np.zeros((h, d))

        self.dWrh = np.zeros((h, h))
        self.dWzh = np.zeros((h, h))
        self.dWnh = np.zeros((h, h))

        self.dbrx = np.zeros((h))
        self.dbzx = np.zeros((h))
        self.dbnx = np.zeros((h))

        self.dbrh = np.zeros((h))
        self.dbzh = np.zeros((h))
        self.dbnh = np.zeros((h))

        self.r_act = Sigmoid()
        self.z_act = Sigmoid()
        self.h_act = Tanh()

        # Define other variables to store forward results for backward here

    def init_weights(self, Wrx, Wzx, Wnx, Wrh, Wzh, Wnh, brx, bzx, bnx, brh, bzh, bnh):
        self.Wrx = Wrx
        self.Wzx = Wzx
        self.Wnx = Wnx
        self.Wrh = Wrh
        self.Wzh = Wzh
        self.Wnh = Wnh
        self.brx = brx
        self.bzx = bzx
        self.bnx = bnx
        self.brh = brh
        self.bzh = bzh
        self.bnh = bnh

    def __call__(self, x, h):
        return self.forward(x, h)

    def init_weights(self, Wrx, Wzx, Wnx, Wrh, Wzh, Wnh, brx, bzx, bnx, brh, bzh, bnh):
        self.Wrx = Wrx
        self.Wzx = Wzx
        self.Wnx = Wnx

        self.Wrh = Wrh
        self.Wzh = Wzh
        self.Wnh = Wnh

        self.brx = brx
        self.bzx = bzx
        self.bnx = bnx

        self.brh = brh
        self.bzh = bzh
        self.bnh = bnh

    def forward(self, x, h):
        """GRU cell forward.

        Input
        -----
        x: (input_dim)
            observation at current time-step.

        h: (hidden_dim)
            hidden-state at previous time-step.

        Returns
        -------
        h_t: (hidden_dim)
            hidden state at current time-step.

        """
        self.x = x
        self.hidden = h
        
        # Add your code here.
        # Define your variables based on the writeup using the corresponding
        # names below.
        self.r = self.r_act.forward(self.Wrx@self.x + self.brx + self.Wrh@h + self.brh)
        self.z = self.z_act.forward(self.Wzx@self.x + self.bzx + self.Wzh@h + self.bzh)
        self.n = self.h_act.forward(self.Wnx@self.x + self.bnx + self.r*(self.Wnh@h + self.bnh))
        h_t = (1-self.z)*self.n + self.z*h
        # This code should not take more than 10 lines. 
        assert self.x.shape == (self.d,)
        assert self.hidden.shape == (self.h,)

        assert self.r.shape == (self.h,)
        assert self.z.shape == (self.h,)
        assert self.n.shape == (self.h,)
        assert h_t.shape == (self.h,) # h_t is the final output of you GRU cell.

        return h_t
        # raise NotImplementedError

    def backward(self, delta):
        """GRU cell backward.

        This must calculate the gradients wrt the parameters and return the
        derivative wrt the inputs, xt and ht, to the cell.

        Input
        -----
        delta: (hidden_dim)
                summation of derivative wrt loss from next layer at
                the same time-step and derivative wrt loss from same layer at
                next time-step.

        Returns
        -------
        dx: (1, input_dim)
            derivative of the loss wrt the input x.

        dh: (1, hidden_dim)
            derivative of the loss wrt the input hidden h.

        """
        # 1) Reshape self.x and self.hidden to (input_dim, 1) and (hidden_dim, 1) respectively
        #    when computing self.dWs...
        # 2) Transpose all calculated dWs...
        # 3) Compute all of the derivatives
        # 4) Know that the autograder grades the gradients in a certain order, and the
        #    local autograder will tell you which gradient you are currently failing.

        # ADDITIONAL TIP:
        # Make sure the shapes of the calculated dWs and dbs  match the
        # initalized shapes accordingly
        
        # This code should not take more than 25 lines.

        hidden = self.hidden.reshape((1, self.h))
        self.x = self.x.reshape((1, self.d))

        dz_t = delta * (-self.n + hidden) * self.z_act.derivative()
        dn_t = delta * (1-self.z) * self.h_act.derivative(self.n)
        dr_t = dn_t*(self.Wnh @ self.hidden + self.bnh)*self.r_act.derivative()

        dh = np.zeros((1, self.h))
        dh += delta * self.z + (dn_t * self.r) @ self.Wnh + dz_t @ self.Wzh + dr_t @ self.Wrh
        # dh += (dn_t * self.r) @ self.Wnh
        # dh += dz_t @ self.Wzh
        # dh += dr_t @ self.Wrh

        self.dWnx = dn_t.T@self.x
        self.dbnx = np.squeeze(dn_t)

        self.dWnh = (dn_t*self.r).T @ hidden
        self.dbnh = np.squeeze(dn_t*self.r)

        self.dWzx = dz_t.T@self.x
        self.dbzx = np.squeeze(dz_t)
        self.dWzh = dz_t.T@hidden
        self.dbzh = np.squeeze(dz_t)

        dr_t = dr_t
        self.dWrx = dr_t.T@self.x
        self.dbrx = np.squeeze(dr_t)
        self.dWrh = dr_t.T @ hidden
        self.dbrh = np.squeeze(dr_t)

        dx = np.zeros((1,self.d))
        dx += dn_t@self.Wnx + dz_t @ self.Wzx + dr_t @ self.Wrx
        # dx += dz_t @ self.Wzx
        # dx += dr_t @ self.Wrx



        assert dx.shape == (1, self.d)
        assert dh.shape == (1, self.h)

        return dx, dh
        # raise NotImplementedError
