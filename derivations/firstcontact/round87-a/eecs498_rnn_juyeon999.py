# source: https://github.com/juyeon999/Deep_Learning_For_Visual_Recognition/blob/3487c5986f2dcaa7384041729e4f3d3a3035fc72/09_rnn_lstm_captioning.py (GitHub user juyeon999, student solution of the University of Michigan EECS 498-007/598-005 'Deep Learning for Computer Vision' assignment 'rnn_lstm_captioning.py' (vanilla RNN with hand-written backward in PyTorch tensors), commit 3487c59; date not seen). Kept verbatim: module docstring and imports, rnn_step_forward, rnn_step_backward, rnn_forward, rnn_backward. Cut: hello() (between imports and rnn_step_forward) and everything after rnn_backward (class RNN, ImageEncoder, WordEmbedding, temporal_softmax_loss, captioning model, LSTM, attention).
"""
Implements rnn and lstm for image captioning in PyTorch.
WARNING: you SHOULD NOT use ".to()" or ".cuda()" in each implementation block.
"""
import math
from typing import Optional, Tuple

import torch
import torchvision
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models import feature_extraction


def rnn_step_forward(x, prev_h, Wx, Wh, b):
    """
    Run the forward pass for a single timestep of a vanilla RNN that uses
    a tanh activation function.

    The input data has dimension D, the hidden state has dimension H, and we
    use a minibatch size of N.

    Args:
    - x: Input data for this timestep, of shape (N, D).
    - prev_h: Hidden state from previous timestep, of shape (N, H)
    - Wx: Weight matrix for input-to-hidden connections, of shape (D, H)
    - Wh: Weight matrix for hidden-to-hidden connections, of shape (H, H)
    - b: Biases, of shape (H,)

    Returns a tuple of:
    - next_h: Next hidden state, of shape (N, H)
    - cache: Tuple of values needed for the backward pass.
    """
    next_h, cache = None, None
    ##########################################################################
    # TODO: Implement a single forward step for the vanilla RNN. Store next  #
    # hidden state and any values you need for the backward pass in next_h   #
    # and cache variables respectively.                                      #
    # Hint: torch.tanh                                                       #
    ##########################################################################
    # Replace "pass" with your code (do not modify this line)
    next_h = torch.tanh(torch.mm(prev_h, Wh) + torch.mm(x, Wx) + b)
    cache = (x, prev_h, Wx, Wh, next_h)

    ## ref: No reference(My own code)
    ##########################################################################
    #                            END OF YOUR CODE                            #
    ##########################################################################
    return next_h, cache


def rnn_step_backward(dnext_h, cache):
    """
    Backward pass for a single timestep of a vanilla RNN.

    Args:
    - dnext_h: Gradient of loss with respect to next hidden state,
      of shape (N, H)
    - cache: Cache object from the forward pass

    Returns a tuple of:
    - dx: Gradients of input data, of shape (N, D)
    - dprev_h: Gradients of previous hidden state, of shape (N, H)
    - dWx: Gradients of input-to-hidden weights, of shape (D, H)
    - dWh: Gradients of hidden-to-hidden weights, of shape (H, H)
    - db: Gradients of bias vector, of shape (H,)
    """
    dx, dprev_h, dWx, dWh, db = None, None, None, None, None
    ##########################################################################
    # TODO: Implement a single backward step of a vanilla RNN.               #
    # Hint: d tanh(x) / dx = 1 - [tanh(x)]^2                                 #
    ##########################################################################
    # Replace "pass" with your code (do not modify this line)
    x, prev_h, Wx, Wh, next_h = cache

    dL = dnext_h * (1 - next_h ** 2)      # (N, H)
    dx = torch.mm(dL, Wx.T)  # upstream: dnext_h (N, D)
                             # downstream: torch.mm(dtanh, Wx.T) where dtanh (N, H), Wx (D, H)
                             # * is elementwise multiplication
                             # inner differential: Wx
    dprev_h = torch.mm(dL, Wh.T)  # inner differential: Wh
    dWx = torch.mm(x.T, dL)       # inner differential: x
    dWh = torch.mm(prev_h.T, dL)  # inner differential: prev_h
    db = torch.sum(dL, dim=0)     # b is constant so that summation of all elements of dL
    
    # ref: https://github.com/AndreiKeino/EECS-498-007-598-005-Deep-Learning-for-Computer-Vision/blob/master/assignments/4/rnn_lstm_attention_captioning_completed.ipynb
    ##########################################################################
    #                            END OF YOUR CODE                            #
    ##########################################################################
    return dx, dprev_h, dWx, dWh, db


def rnn_forward(x, h0, Wx, Wh, b):
    """
    Run a vanilla RNN forward on an entire sequence of data. We assume an input
    sequence composed of T vectors, each of dimension D. The RNN uses a hidden
    size of H, and we work over a minibatch containing N sequences. After
    running the RNN forward, we return the hidden states for all timesteps.

    Args:
    - x: Input data for the entire timeseries, of shape (N, T, D).
    - h0: Initial hidden state, of shape (N, H)
    - Wx: Weight matrix for input-to-hidden connections, of shape (D, H)
    - Wh: Weight matrix for hidden-to-hidden connections, of shape (H, H)
    - b: Biases, of shape (H,)

    Returns a tuple of:
    - h: Hidden states for the entire timeseries, of shape (N, T, H).
    - cache: Values needed in the backward pass
    """
    h, cache = None, None
    ##########################################################################
    # TODO: Implement the forward pass for a vanilla RNN running on a        #
    # sequence of input data. You should use the rnn_step_forward function   #
    # that you defined above.                                                #
    # Hint: You may want to use a for-loop.                                  #
    ##########################################################################
    # Replace "pass" with your code (do not modify this line)
    N, T, D, = x.shape
    H = Wx.shape[1]

    h = torch.zeros((N, T, H)).to(x)
    cache = []
    prev_h = h0.clone()  # for iteration

    for t in range(T):
        xt = x[:, t, :]
        prev_h, cache_t = rnn_step_forward(xt, prev_h, Wx, Wh, b)

        h[:, t, :] = prev_h
        cache.append(cache_t)

    ## ref: My own code (No reference)
    ##########################################################################
    #                            END OF YOUR CODE                            #
    ##########################################################################
    return h, cache


def rnn_backward(dh, cache):
    """
    Backward pass for a vanilla RNN over an entire sequence of data.

    Args:
    - dh: Upstream gradients of all hidden states, of shape (N, T, H).

    NOTE: 'dh' contains the upstream gradients produced by the
    individual loss functions at each timestep, *not* the gradients
    being passed between timesteps (which you'll have to compute yourself
    by calling rnn_step_backward in a loop).

    Returns a tuple of:
    - dx: Gradient of inputs, of shape (N, T, D)
    - dh0: Gradient of initial hidden state, of shape (N, H)
    - dWx: Gradient of input-to-hidden weights, of shape (D, H)
    - dWh: Gradient of hidden-to-hidden weights, of shape (H, H)
    - db: Gradient of biases, of shape (H,)
    """
    dx, dh0, dWx, dWh, db = None, None, None, None, None
    ##########################################################################
    # TODO: Implement the backward pass for a vanilla RNN running on a       #
    # sequence of input data. You should use the rnn_step_backward functio   #
    # that you defined above.                                                #
    # Hint: You may want to use a for-loop.                                  #
    ##########################################################################
    # Replace "pass" with your code (do not modify this line)
    N, T, H = dh.shape
    _, D = cache[0][0].shape  # second element of x dimension (N, D)

    # Make null container
    dx  = torch.zeros((N, T, D)).to(dh)  # match dtype and device by torch.to()
    dh0 = torch.zeros((N, H)).to(dh) 
    dWx = torch.zeros((D, H)).to(dh) 
    dWh = torch.zeros((H, H)).to(dh) 
    db  = torch.zeros(H).to(dh) 

    # Gradient flow
    for t in range(T-1, -1, -1):
        dnext_h = dh[:, t, :]
        dx_t, dprev_h, dWx_t, dWh_t, db_t = rnn_step_backward(dh0 + dnext_h, cache[t])
        # dh0 + dnext_h
        # - is upstream gradients
        # - summation of dh0 (loss function at each timestep) 
        #   and dnext_h (gradients being passed between timesteps)
        dh0 = dprev_h  # update dprev_h
        dx[:, t, :] = dx_t  # store dx at timestep
        dWx += dWx_t  # additive
        dWh += dWh_t  # additive
        db += db_t    # additive 

    ## ref: https://github.com/AndreiKeino/EECS-498-007-598-005-Deep-Learning-for-Computer-Vision/blob/master/assignments/4/rnn_lstm_attention_captioning_completed.ipynb
    ##########################################################################
    #                            END OF YOUR CODE                            #
    ##########################################################################
    return dx, dh0, dWx, dWh, db
