# source: public GitHub Python file, search-index file id 47845483197 (11693 characters; the search index does not name its repository, path, author or date; Python 2 (print statements), 3-space indentation). A Karpathy-style character-level language model built from three stacked hand-written numpy GRU layers (class GRULayer with FwdParams/GradParams containers, Adagrad update, xent_loss.softmax_dy). The index holds a second, slightly different version of the same file (class 'loss' instead of 'xent_loss'). Kept verbatim: the file from its first line through the end of GRULayer.backprop (helpers onehot, xent_loss, softmax, sigmoid, tanh, FwdParams, GradParams, GRULayer.__init__/get_h/set_h/reset/forward/backprop); cut: GRULayer.update (Adagrad step with clipping), sample(), main() (pre-training and training loops that chain the layers as dG3 = G3.backprop(oG3, loss_grad), dG2 = G2.backprop(oG2, dG3.dx), dG1 = G1.backprop(oG1, dG2.dx) with loss_grad = xent_loss.softmax_dy(target_onehot, softmax_probabilities)) and the __main__ guard.
##!/usr/bin/env python
# -*- coding:utf-8 -*-

import numpy as np
import sys


def onehot(sz, pos):
   o = np.zeros(sz); o[pos] = 1
   return o


class xent_loss:
   @staticmethod
   def fn(x,y):
      return - np.dot(x, np.log(y))
   @staticmethod
   def dy(x,y):
      # Here 'y' is a probability.
      return - np.divide(x, y)
   @staticmethod
   def softmax_dy(x, y):
      # Here 'y' is an energy.
      return y - x
      
class softmax:
   @staticmethod
   def fn(x):
      e = np.exp(x - np.max(x))
      return e / e.sum()
   @staticmethod
   def jac(x):
      tmp = x.reshape((-1,1))
      return np.diag(x) - np.outer(tmp, tmp.T)

class sigmoid:
   @staticmethod
   def fn(x):
      return 1 / (1 + np.exp(-x))
   @staticmethod
   def df(x):
      return x * (1-x)

class tanh:
   @staticmethod
   def fn(x):
      return np.tanh(x)
   @staticmethod
   def df(x):
      return 1 - x**2


class FwdParams:
   def __init__(self, x = [], h = []):
      self.x  =  x    # Input.
      self.y  = [ ]   # Output.
      self.z  = [ ]   # Update.
      self.r  = [ ]   # Reset
      self.hh = [ ]   # Hidden (hat).
      self.h  =  h    # Hidden.

   def apply_softmax(self):
      self.y  = [softmax.fn(x) for x in self.y]
      return self


class GradParams:
   def __init__(self, xsz, hsz, ysz):
      self.dWz = np.zeros((hsz, xsz))
      self.dWr = np.zeros((hsz, xsz))
      self.dWh = np.zeros((hsz, xsz))
      self.dWy = np.zeros((ysz, hsz))

      self.dUz = np.zeros((hsz, hsz))
      self.dUr = np.zeros((hsz, hsz))
      self.dUh = np.zeros((hsz, hsz))

      self.dbz = np.zeros(hsz)
      self.dbr = np.zeros(hsz)
      self.dbh = np.zeros(hsz)
      self.dby = np.zeros(ysz)
   
   def apply_softmax_grad(self, L):
      self.dx = [np.dot(softmax.jac(x), y) for (x,y) in zip(L, self.dx)]
      return self



class GRULayer:
   def __init__(self, xsz, hsz, ysz):
      # Dimensions.
      self.xsz = xsz
      self.hsz = hsz
      self.ysz = ysz

      self.h  = np.zeros(hsz)  # Hidden state.

      # Parameters.
      self.Wz = np.random.rand(hsz, xsz) * 0.1 - 0.05
      self.Uz = np.random.rand(hsz, hsz) * 0.1 - 0.05
      self.bz = np.zeros(hsz) 

      self.Wr = np.random.rand(hsz, xsz) * 0.1 - 0.05
      self.Ur = np.random.rand(hsz, hsz) * 0.1 - 0.05
      self.br = np.zeros(hsz) 

      self.Wh = np.random.rand(hsz, xsz) * 0.1 - 0.05
      self.Uh = np.random.rand(hsz, hsz) * 0.1 - 0.05
      self.bh = np.zeros(hsz) 

      self.Wy = np.random.rand(ysz, hsz) * 0.1 - 0.05
      self.by = np.zeros(ysz) 

      # Adagrad parameters.
      self.mdWz = np.zeros_like(self.Wz)
      self.mdWr = np.zeros_like(self.Wr)
      self.mdWh = np.zeros_like(self.Wh)
      self.mdWy = np.zeros_like(self.Wy)

      self.mdUz = np.zeros_like(self.Uz)
      self.mdUr = np.zeros_like(self.Ur)
      self.mdUh = np.zeros_like(self.Uh)

      self.mdbz = np.zeros_like(self.bz)
      self.mdbr = np.zeros_like(self.br)
      self.mdbh = np.zeros_like(self.bh)
      self.mdby = np.zeros_like(self.by)


   def get_h(self):
      return self.h

   def set_h(self, h):
      self.h = h

   def reset(self):
      self.h  = np.zeros(self.hsz)



   def forward(self, x):
      '''The parameter x is a list of 'np.array'. Outputs
      a 'FwdParams' object.'''

      fwd = FwdParams(x = x[:], h = [self.h])
      prevh = self.h

      for t in range(len(x)):
         # Equations below are the definition of GRU.
         z = sigmoid.fn(np.dot(self.Wz, x[t]) + \
               np.dot(self.Uz, prevh) + self.bz)
         r = sigmoid.fn(np.dot(self.Wr, x[t]) + \
               np.dot(self.Ur, prevh) + self.br)
         hh = tanh.fn(np.dot(self.Wh, x[t]) + \
               np.dot(self.Uh, np.multiply(r, prevh)) + self.bh)
         h = np.multiply(z, prevh) + np.multiply((1-z), hh)
         y = np.dot(self.Wy, h) + self.by

         fwd.z.append(z)
         fwd.r.append(r)
         fwd.hh.append(hh)
         fwd.h.append(h)
         fwd.y.append(y)

         prevh = h

      self.h = h

      # Return 'FwdParams' object.
      return fwd


   def backprop(self, fwd, dy):
      '''dy is a list of gradients in output of the GRU layer.'''

      grd = GradParams(self.xsz, self.hsz, self.ysz)
      grd.dx = [None] * len(dy)

      dhn = np.zeros(self.hsz)

      for t in reversed(range(len(dy))):
         # Layer output.
         grd.dby += dy[t]
         grd.dWy += np.outer(dy[t], fwd.h[t+1])

         # Intermediates.
         dh   = np.dot(self.Wy.T, dy[t]) + dhn
         dhh  = np.multiply(dh, (1-fwd.z[t]))
         dhhl = np.multiply(dhh, tanh.df(fwd.hh[t]))

         # Gradient for 'hhat' parameters.
         grd.dWh += np.outer(dhhl, fwd.x[t])
         grd.dUh += np.outer(dhhl, np.multiply(fwd.r[t], fwd.h[t]))
         grd.dbh += dhhl

         # Intermediates
         drh = np.dot(self.Uh.T, dhhl)
         dr  = np.multiply(drh, fwd.h[t])
         drl = dr * sigmoid.df(fwd.r[t])

         # Gradient for 'r' parameters.
         grd.dWr += np.outer(drl, fwd.x[t])
         grd.dUr += np.outer(drl, fwd.h[t])
         grd.dbr += drl

         # Intermediates
         dz  = np.multiply(dh, fwd.h[t] - fwd.hh[t])
         dzl = dz * sigmoid.df(fwd.z[t])

         # Gradient for 'z' parameters.
         grd.dWz += np.outer(dzl, fwd.x[t])
         grd.dUz += np.outer(dzl, fwd.h[t].T)
         grd.dbz += dzl

         # Gradient for next 'h'
         dh1 = np.dot(self.Uz.T, dzl)
         dh2 = np.dot(self.Ur.T, drl)
         dh3 = np.multiply(dh, fwd.z[t])
         dh4 = np.multiply(drh, fwd.r[t])

         dhn = dh1 + dh2 + dh3 + dh4

         # Send down the gradient.
         dxr = np.dot(self.Wr.T, drl)
         dxz = np.dot(self.Wz.T, dzl)
         grd.dx[t] = dxr + dxz

      return grd
