# source: search-index file id 5434058683 (public GitHub Python file, 10834 characters; a "research index" entry of an ML-history package, `from ...core.taxonomy import MLMethod, MethodEra, MethodCategory, MethodLineage`, method_id "gru_2014"; the search index does not name its repository, path, author or date; licence not seen). Kept verbatim: module docstring, the import, the MLMethod registry entry GRU (with its forward equations), pseudocode() (GRU forward pass, GRU vs LSTM comparison, GRU backward pass) and key_equations() (LaTeX forward equations and the "gradient_flow" Jacobian). Cut: get_method_info(), get_historical_context(), get_limitations(), get_applications(), compare_to_lstm() (prose lists, no maths).
"""
Gated Recurrent Unit (GRU) Networks (2014)

Cho et al.'s simplified gating mechanism that achieves similar performance
to LSTM with fewer parameters and faster training.

Paper: "Learning Phrase Representations using RNN Encoder-Decoder
        for Statistical Machine Translation" (2014)
Authors: Kyunghyun Cho, Bart van Merrienboer, Caglar Gulcehre,
         Dzmitry Bahdanau, Fethi Bougares, Holger Schwenk, Yoshua Bengio
Venue: EMNLP 2014

Key Innovation:
    Simplified gating architecture with only two gates:
    - Reset gate: Controls how much of previous hidden state to forget
    - Update gate: Controls how much of new state vs old state to use

    No separate cell state - the hidden state serves both purposes.
    Fewer parameters than LSTM while achieving comparable performance.

This is a research index entry, not a runnable implementation.
"""

from ...core.taxonomy import MLMethod, MethodEra, MethodCategory, MethodLineage


# Method Registry Entry
GRU = MLMethod(
    method_id="gru_2014",
    name="Gated Recurrent Unit (GRU)",
    year=2014,
    era=MethodEra.DEEP_LEARNING,
    category=MethodCategory.ARCHITECTURE,
    lineages=[MethodLineage.RNN_LINE],
    authors=[
        "Kyunghyun Cho",
        "Bart van Merrienboer",
        "Caglar Gulcehre",
        "Dzmitry Bahdanau",
        "Fethi Bougares",
        "Holger Schwenk",
        "Yoshua Bengio",
    ],
    paper_title="Learning Phrase Representations using RNN Encoder-Decoder for Statistical Machine Translation",
    paper_url="https://arxiv.org/abs/1406.1078",
    key_innovation=(
        "Simplified gating architecture with only reset and update gates, "
        "eliminating the separate cell state of LSTM. Achieves similar "
        "performance with fewer parameters and faster training."
    ),
    mathematical_formulation="""
    GRU Equations:

    Update gate (controls state mixing):
        z_t = sigma(W_z * [h_{t-1}, x_t])

    Reset gate (controls memory access):
        r_t = sigma(W_r * [h_{t-1}, x_t])

    Candidate hidden state:
        h_tilde_t = tanh(W * [r_t * h_{t-1}, x_t])

    Hidden state update (interpolation):
        h_t = (1 - z_t) * h_{t-1} + z_t * h_tilde_t

    Where:
        sigma = sigmoid function
        * = element-wise multiplication
        [a, b] = concatenation

    Note: The update gate z_t controls how much of the new candidate
    state to use. When z_t = 0, the hidden state is just copied
    (like LSTM forget gate = 1). When z_t = 1, completely new state.
    """,
    predecessors=["lstm_1997", "simple_rnn_elman_1990"],
    successors=["minimal_gru", "transformer_2017"],
    tags=["recurrent", "gating", "simplified", "encoder-decoder", "machine-translation"],
)


def pseudocode() -> str:
    """Return pseudocode describing GRU operation."""
    return '''
GRU FORWARD PASS:
=================

function gru_forward(X, W_z, W_r, W, b_z, b_r, b):
    # Process a sequence through a GRU cell.
    #
    # Args:
    #     X: Input sequence of shape (T, input_dim)
    #     W_z: Update gate weights
    #     W_r: Reset gate weights
    #     W: Candidate state weights
    #     b_z, b_r, b: Biases
    #
    # Returns:
    #     H: Hidden state sequence

    T = length(X)
    h_prev = zeros(hidden_dim)  # Initialize hidden state

    H = []  # Store hidden states

    for t in range(T):
        x_t = X[t]

        # Concatenate previous hidden state and current input
        combined = concatenate([h_prev, x_t])

        # === UPDATE GATE ===
        # Controls how much of new state to use
        # z = 0: copy old state, z = 1: use new state entirely
        z_t = sigmoid(W_z @ combined + b_z)

        # === RESET GATE ===
        # Controls how much of previous hidden state to expose
        # r = 0: ignore previous state, r = 1: use all of it
        r_t = sigmoid(W_r @ combined + b_r)

        # === CANDIDATE HIDDEN STATE ===
        # New candidate, with reset gate applied to h_{t-1}
        # Reset gate allows ignoring irrelevant past information
        h_reset = r_t * h_prev
        combined_reset = concatenate([h_reset, x_t])
        h_tilde_t = tanh(W @ combined_reset + b)

        # === HIDDEN STATE UPDATE ===
        # Interpolation between old and new state
        # This is equivalent to LSTM cell state update when:
        #   - z_t = i_t (input gate)
        #   - (1 - z_t) = f_t (forget gate)
        h_t = (1 - z_t) * h_prev + z_t * h_tilde_t

        # Store state
        H.append(h_t)

        # Update for next step
        h_prev = h_t

    return H


GRU VS LSTM COMPARISON:
=======================

LSTM has 4 components:
    - Forget gate: f_t
    - Input gate: i_t
    - Cell state: C_t
    - Output gate: o_t

GRU has 2 components:
    - Reset gate: r_t (similar to forget gate, but applied differently)
    - Update gate: z_t (combines input and forget gate functions)

Key simplifications:
1. No separate cell state (h_t serves both roles)
2. Update gate z_t controls both forgetting and updating
3. Reset gate r_t applied to hidden state before computing candidate
4. No output gate (hidden state is directly the output)

Parameter count comparison (hidden_dim = h, input_dim = x):
    LSTM: 4 * (h * (h + x) + h) = 4h^2 + 4hx + 4h
    GRU:  3 * (h * (h + x) + h) = 3h^2 + 3hx + 3h

    GRU has ~25% fewer parameters!


GRU BACKWARD PASS:
==================

function gru_backward(dH, cache):
    # Backpropagation through GRU.
    #
    # Gradient flow through update gate interpolation:
    #     h_t = (1 - z_t) * h_{t-1} + z_t * h_tilde_t
    #
    #     dh_{t-1} = dh_t * (1 - z_t)  (linear path when z_t small!)
    #
    # Similar to LSTM, when update gate is small (z_t ~ 0),
    # gradients flow through unchanged.

    dh_next = 0

    for t in reversed(range(T)):
        dh = dH[t] + dh_next

        # Gradient of interpolation
        dh_prev_direct = dh * (1 - z[t])
        dh_tilde = dh * z[t]
        dz = dh * (h_tilde[t] - h[t-1])

        # Through candidate computation
        dh_tilde_raw = dh_tilde * tanh_derivative(h_tilde[t])

        # Through reset gate
        dh_reset = W.T @ dh_tilde_raw  # gradient to reset hidden
        dr = dh_reset * h[t-1]
        dh_prev_reset = dh_reset * r[t]

        # Through gates
        dz_raw = dz * sigmoid_derivative(z[t])
        dr_raw = dr * sigmoid_derivative(r[t])

        # Accumulate weight gradients
        # ...

        # Total gradient to previous timestep
        dh_next = dh_prev_direct + dh_prev_reset + gate_gradients

    return gradients
'''


def key_equations() -> dict:
    """
    Return key GRU equations in LaTeX-style notation.

    These are the standard GRU equations as formulated by
    Cho et al. (2014).
    """
    return {
        # Gate equations
        "update_gate": r"z_t = \sigma(W_z \cdot [h_{t-1}, x_t])",
        "reset_gate": r"r_t = \sigma(W_r \cdot [h_{t-1}, x_t])",
        "candidate_hidden": r"\tilde{h}_t = \tanh(W \cdot [r_t \odot h_{t-1}, x_t])",
        "hidden_state": r"h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t",

        # Gradient flow
        "gradient_flow": r"\frac{\partial h_t}{\partial h_{t-1}} = (1 - z_t) + z_t \cdot \frac{\partial \tilde{h}_t}{\partial h_{t-1}}",
        "gradient_preservation": r"\text{When } z_t \approx 0: \frac{\partial h_t}{\partial h_{t-1}} \approx I",
    }
