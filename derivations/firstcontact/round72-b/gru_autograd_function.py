# source: public GitHub Python file, search-index file id 68549502941 (14,663 characters; the search index does not name its repository, path, author or date; a PyTorch research codebase for chunked/truncated BPTT of a multi-layer GRU (classes Model, CustomGRU, CustomGRUCell and a torch.autograd.Function GRUCellFunction with a hand-written backward; PyTorch gate layout r, z, n in w_ih/w_hh/b_ih/b_hh). Kept verbatim: the import block (source lines 1-9) and the classes CustomGRUCell and GRUCellFunction (from 'class CustomGRUCell' to the end of the file). Cut: class Model (classifier head, logit freezing for finished samples) and class CustomGRU (multi-layer loop over time steps with per-sample masking, reset_state, detach_state), which hold no gradient formulas. Sibling versions in the index (ids 68307105327, 68691892635) replace the weight gradients by a low-rank compression scheme; not used.
import torch
import torch.nn as nn
import math
from tools.Timers import Timers
import time
from typing import Tuple

timers = Timers()


class CustomGRUCell(nn.Module):
    def __init__(self, input_dim, hidden_dim, device):
        super().__init__()
        self.input_dim = input_dim
        self.hidden_dim = hidden_dim
        self.device = device
        
        self.w_ih = nn.Parameter(torch.Tensor(3 * hidden_dim, input_dim))
        self.w_hh = nn.Parameter(torch.Tensor(3 * hidden_dim, hidden_dim))
        self.b_ih = nn.Parameter(torch.Tensor(3 * hidden_dim))
        self.b_hh = nn.Parameter(torch.Tensor(3 * hidden_dim))
        
        self.reset_parameters()
    
    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_dim)
        for weight in self.parameters():
            nn.init.uniform_(weight, -stdv, stdv)
    
    def forward(self, inputs, hx):
        return GRUCellFunction.apply(inputs, hx, self.w_ih, self.w_hh, self.b_ih, self.b_hh)


class GRUCellFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input, hidden_state, w_ih, w_hh, b_ih, b_hh):
        # Split the weight matrix and the bias vector
        w_ir, w_iz, w_in = w_ih.chunk(3, 0)
        w_hr, w_hz, w_hn = w_hh.chunk(3, 0)
        b_ir, b_iz, b_in = b_ih.chunk(3)
        b_hr, b_hz, b_hn = b_hh.chunk(3)
        
        # Calculate the reset gate
        reset_gate = torch.sigmoid(
            torch.mm(input, w_ir.t()) + b_ir + torch.mm(hidden_state, w_hr.t()) + b_hr
        )
        
        # Calculate the update gate
        update_gate = torch.sigmoid(
            torch.mm(input, w_iz.t()) + b_iz + torch.mm(hidden_state, w_hz.t()) + b_hz
        )
        
        # Calculate the candidate hidden state
        n = torch.tanh(
            torch.mm(input, w_in.t()) + b_in + reset_gate * (torch.mm(hidden_state, w_hn.t()) + b_hn)
        )
        
        # Calculate the new hidden state
        hy = (1 - update_gate) * n + update_gate * hidden_state

        ctx.save_for_backward(input, hidden_state, w_ir, w_iz, w_in, w_hr, w_hz, w_hn,
                              reset_gate, update_gate, n, b_ir, b_iz, b_in, b_hr, b_hz, b_hn)
        
        return hy

    @staticmethod
    def backward(ctx, grad_hy):
        input, hidden_state, w_ir, w_iz, w_in, w_hr, w_hz, w_hn, \
        reset_gate, update_gate, n, b_ir, b_iz, b_in, b_hr, b_hz, b_hn = ctx.saved_tensors

        d_input = d_hidden_state = grad_w_ih = grad_w_hh = grad_b_ih = grad_b_hh = None

        # Calculate the gradients of the update gate
        d_update_gate = (hidden_state - n) * grad_hy
        d_update_gate = d_update_gate * update_gate * (1 - update_gate)

        # Calculate the gradients of the candidate hidden state
        d_n = (1 - update_gate) * grad_hy
        d_n_tanh = d_n * (1 - n ** 2)

        # Calculate the gradients of the reset gate
        hidden_w_hn = torch.mm(hidden_state, w_hn.t()) + b_hn
        d_reset_gate = d_n_tanh * hidden_w_hn
        d_reset_gate = d_reset_gate * reset_gate * (1 - reset_gate)

        # Calculate the gradients of the input
        d_input = (
            torch.mm(d_reset_gate, w_ir) +
            torch.mm(d_update_gate, w_iz) +
            torch.mm(d_n_tanh, w_in)
        )

        # Calculate the gradients of the hidden state
        d_hidden_state = (
            grad_hy * update_gate +
            torch.mm(d_reset_gate, w_hr) +
            torch.mm(d_update_gate, w_hz) +
            reset_gate * torch.mm(d_n_tanh, w_hn)
        )

        # Calculate the gradients of the weights
        start_calculate_gradients = time.time()
        
        # Calculate the gradients of w_ih
        grad_w_ir = torch.mm(d_reset_gate.t(), input)
        grad_w_iz = torch.mm(d_update_gate.t(), input)
        grad_w_in = torch.mm(d_n_tanh.t(), input)
        grad_w_ih = torch.cat((grad_w_ir, grad_w_iz, grad_w_in), dim=0)

        # Calculate the gradients of w_hh
        grad_w_hr = torch.mm(d_reset_gate.t(), hidden_state)
        grad_w_hz = torch.mm(d_update_gate.t(), hidden_state)
        grad_w_hn = torch.mm((d_n_tanh * reset_gate).t(), hidden_state)
        grad_w_hh = torch.cat((grad_w_hr, grad_w_hz, grad_w_hn), dim=0)

        end_calculate_gradients = time.time()
        time_backward = end_calculate_gradients - start_calculate_gradients
        
        # Calculate the gradients of b_ih
        grad_b_ir = d_reset_gate.sum(0)
        grad_b_iz = d_update_gate.sum(0)
        grad_b_in = d_n_tanh.sum(0)
        grad_b_ih = torch.cat((grad_b_ir, grad_b_iz, grad_b_in))

        # Calculate the gradients of b_hh
        grad_b_hr = d_reset_gate.sum(0)
        grad_b_hz = d_update_gate.sum(0)
        grad_b_hn = (d_n_tanh * reset_gate).sum(0)
        grad_b_hh = torch.cat((grad_b_hr, grad_b_hz, grad_b_hn))

        return d_input, d_hidden_state, grad_w_ih, grad_w_hh, grad_b_ih, grad_b_hh
