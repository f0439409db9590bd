"""Notations as data: how a cell, its derivation and their names are written (time, gradients, products).

One table serves both directions: the printers of :mod:`symlstm.latex.printing` write a cell and
its derivation in a :class:`Notation`, and the verify reader (:mod:`symlstm.verify`) reads the same
forms back. Presets: ``greff`` (the default), ``pytorch``, ``d2l``, ``colah``, ``coursera``,
``goodfellow``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

__all__ = ["Notation", "PRESETS", "notation", "AXIS_METHODS", "AXIS_FUNCTION_NAMES", "GREEK_LETTERS", "TIME_WORDS", "TIME_WORD_ABBREVIATIONS",
           "TRANSPOSE_WORDS", "T_LABEL_WORDS", "GRADIENT_PREFIXES", "GRADIENT_SUFFIXES", "LEARNING_RATE_WORDS",
           "LOSS_NAMES", "LOSS_ABBREVIATIONS", "TIME_WORD_SPELLINGS", "ANY_PARAMETER_NAMES", "FUNCTION_WORDS", "BIG_OPERATORS", "PREACT_WORDS", "PREACT_LETTERS", "PREACT_CODE_SUFFIXES", "GATE_SYNONYMS", "UPSTREAM_GRADIENT_NAMES", "OUTPUT_DERIVATIVES", "time_latex"]

# ----------------------------------------------------------------------------- facts the reader knows
#: Greek letters read as names (\\sigma is also the logistic function).
GREEK_LETTERS = {"alpha", "beta", "gamma", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa",
                 "lambda", "mu", "nu", "xi", "pi", "rho", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
                 "Gamma", "Theta", "Lambda", "Xi", "Pi", "Phi", "Psi", "Omega", "Sigma", "Upsilon", "ell", "sigma"}

#: Words that stand for a time in a subscript, as an offset from the step t of the row.
#: (``prec``: French précédent, Italian precedente, as in ``h_prec``.)
TIME_WORDS = {"prev": -1, "previous": -1, "prec": -1, "old": -1, "next": 0}
#: Time words read as another one (its spelling in other words or languages): the word a name keeps.
TIME_WORD_SPELLINGS = {"previous": "prev", "prec": "prev"}
#: A gate named by its word in code (``input_gate = sigmoid(...)``, ``forget_gate``): the letter its gradient is
#: written with (``di``, ``df``) where no row defines that letter (DLFS2's LSTM: ``di = ds * g`` beside
#: ``input_gate``).
GATE_WORD_LETTERS = {"input": "i", "forget": "f", "output": "o", "update": "u", "reset": "r", "cell": "g"}
#: Words of a subscript that hold the time letter t and are labels all the same (``W_{out}``, ``L_{tot}``): never
#: read as letters at step t (``ot`` is o at step t; ``out`` is not ou at step t).
T_LABEL_WORDS = frozenset({"out", "tot", "act", "tgt", "att", "txt", "hat"})
#: One-letter abbreviations of time words ending a code name (EpyNN's ``hp`` = h previous, ``dhn`` = dh next):
#: read so only when the name is never defined and what comes before the letter is a name a row defines.
TIME_WORD_ABBREVIATIONS = {"p": "prev", "n": "next"}
#: Superscripts that mean a transpose.
TRANSPOSE_WORDS = {"T", "Tr", "\\top", "\\intercal", "top", "intercal", "\\T"}
#: Words a superscript names a copy of a quantity by (an encoder's state h^{enc}, a decoder's h^{dec}, a
#: direction's h^{fwd}): labels of the name, never powers.  Words read already as labels beside a time
#: (\delta^{out,t}: T_LABEL_WORDS; W^{(in)}) are not here.
SUPERSCRIPT_LABELS = ("enc", "dec", "fwd", "bwd", "rec", "hid", "emb", "src")
#: Prefixes of gradient names written as one word (dW, dh_{next}, d\_x as in course notebooks, TF docs).
GRADIENT_PREFIXES = ("d_", "d")
#: Words that start with d and name no gradient (``denominator = np.sum(np.exp(x), axis=1)``, ``decay``): a
#: code's own names, not d + a quantity. (Not ``dropout``: a dropout table read as a name made a min-char-rnn's
#: in-place mask ``hraw = hraw * dropout_table`` a forward row, and three right rows failed.)
D_WORDS = {"denominator", "denom", "decay", "data", "dataset", "dim", "dims", "dist", "distance", "dense",
           "decoder", "default", "device", "depth", "done", "dtype", "dict", "digits", "delay", "deriv", "derivative"}
#: Suffixes of gradient names in code written with escaped underscores (W\_v\_d, x\_grad, h\_prev\_grad: NumPy
#: notebooks, TF kernels): read as the prefix form (dW_v, dx, dh_prev) of the name before the suffix.
GRADIENT_SUFFIXES = ("_grad", "_d", "_diff")
#: Names of the loss (``\varepsilon``: notes copying Pascanu et al. 2013, whose loss is \mathcal{E}; ``\epsilon``
#: is not one, it usually names a small constant; ``\xi``: Roelants' loss, written only as derivatives' numerator).
LOSS_NAMES = {"L", "E", "J", "ell", "loss", "Loss", "mathcal:L", "l", "cal:L", "varepsilon", "xi"}
#: Abbreviations a row may define the loss under (``CE = -\sum_i y_i \log \sigma(z_t)``): a loss name only where a
#: row defines it, bare, and the text never writes it as a function (``CE(y, \hat y)``, CS224n's notes) (lossabbrev.py).
LOSS_ABBREVIATIONS = {"CE", "NLL", "BCE", "MSE", "SSE", "XE", "CEL"}
#: Word labels of a loss letter that name the loss itself (MIT 6.390's \mathcal{L}_\text{seq}, the sequence's loss;
#: \mathcal{L}_\text{elt}(g_t, y_t), the loss of one element, read through its arguments): dropped.
LOSS_LABEL_WORDS = {"seq", "sequence", "total", "tot", "elt", "element", "elem"}
#: Names of a learning rate (a positive step size: W -= \alpha dW), read in update rules (verify/updates.py).
LEARNING_RATE_NAMES = {"alpha", "eta", "lr", "epsilon", "gamma", "lambda"}
#: Code's names of a learning rate, as the reader spells them (``learning_rate`` is the name learning with the
#: subscript rate): ``W -= learning_rate * dW`` is gradient descent.
LEARNING_RATE_WORDS = {("learning", "rate"), ("learn", "rate"), ("step", "size"), ("lr", "rate"), ("learningRate", None),
                       ("learningrate", None), ("stepsize", None)}
#: Names that stand for any parameter (\theta in Pascanu et al.'s \partial\mathcal{E}/\partial\theta) when a
#: derivation never defines them and writes them only as the variable of derivatives.
ANY_PARAMETER_NAMES = {"theta"}
#: Function words: name -> (function, derivative order, written through its output?).
FUNCTION_WORDS = {
    "sigma": ("sigmoid", 0), "sigmoid": ("sigmoid", 0), "sigm": ("sigmoid", 0), "tanh": ("tanh", 0),
    "Tanh": ("tanh", 0), "Sigmoid": ("sigmoid", 0), "expit": ("sigmoid", 0),      # scipy.special.expit      # capitalised as class names (course notes' Tanh(h))
    "Softmax": ("softmax", 0), "Identity": ("identity", 0),        # a = Identity(z): the identity activation, a class name of course notes
    "exp": ("exp", 0), "log": ("log", 0), "ln": ("log", 0), "softmax": ("softmax", 0), "diag": ("diag", 0),
    "Diag": ("diag", 0), "prod": ("prod", 0), "dsigmoid": ("dsigmoid_out", 0), "dtanh": ("dtanh_out", 0),
    # crossentropy(p_t, labels_t): -sum labels log p, of the probabilities (a quantity) and a one-hot target
    "crossentropy": ("crossentropy", 0), "CrossEntropy": ("crossentropy", 0), "CE": ("crossentropy", 0),
    # np.mean(v) (code): the mean of the entries, a sum scaled by 1/n (never dropped)
    "mean": ("mean", 0),
    # clip(cs, cell_clip) (code): clipping to [-c, c], read where it does not bind (the identity on its first
    # argument; backward passes ignore it too): a wrong first argument still fails
    "clip": ("clip", 0),
    # sech^2(z) = 1 - tanh^2(z): tanh's derivative as some notes write it
    "sech": ("sech", 0), "cosh": ("cosh", 0),
    # np.abs(e) (code): the absolute value, entry by entry (a mean absolute error's metric)
    "abs": ("abs", 0),
}

#: Code's methods over one axis of an array: ``d.sum(axis=0)``, ``d.mean(axis=0)``, ``dy.shape[0]`` (spelt
#: ``.size(axis=0)`` by the code reader); the reader writes the function ``<method>:<axis>``.
AXIS_METHODS = ("sum", "mean", "size", "newaxis")
AXIS_FUNCTION_NAMES = frozenset(f"{m}:{a}" for m in AXIS_METHODS for a in (0, 1))
FUNCTION_WORDS.update({name: (name, 0) for name in AXIS_FUNCTION_NAMES})

#: Big operators read with an index range: command -> sum | prod. ``\amalg`` (the coproduct sign) is a
#: misprint of ``\prod`` seen in course notes copying Pascanu et al. 2013; it is read as the product, as is
#: ``\bigodot`` (the element-wise product over a range: ``\bigodot_{k=t}^{T-1} \alpha_{k+1}``).
BIG_OPERATORS = {"sum": "sum", "prod": "prod", "amalg": "prod", "bigodot": "prod"}
#: Gate letters that name the same gate in different texts (Coursera's update gate u is the input gate i).
GATE_SYNONYMS = {"u": "i", "i": "u"}
#: Names of the gradient a layer is handed from the layer above, by its outputs (EpyNN's and course code's
#: ``dA``, cs231n-style ``dout``, ``doutput``, NNFS's ``dvalues``), after the gradient prefix: where the derivation
#: defines no such quantity, ``dA_t`` in a row of LaTeX is the loss's gradient by the layer's output at step t, its
#: direct part (in code the array's offset against the steps is not written: not read there).
UPSTREAM_GRADIENT_NAMES = frozenset({"A", "out", "Out", "output", "outputs", "values", "upstream", "Y_out"})
#: Labels that name a pre-activation (dh_{raw}: the gradient of h's pre-activation).
PREACT_WORDS = {"raw", "pre", "in", "net", "input", "affine", "lin", "linear", "unactivated", "preact"}
#: Letters written before a gate's name for its pre-activation (``\partial L / \partial az``, ``dar``: the
#: activation's input a of z and r), read only where no row defines the name so spelled (in code, where no row
#: assigns it: Coursera's a is the hidden state, and its ``dao`` the gradient of a concatenation ``ao``).
PREACT_LETTERS = ("a_", "a")
#: Letters written after a gate's name in code for its pre-activation's gradient (``dz_l``, ``dhhl``, ``drl``: the
#: gradient of the linear part, before the activation), read only where no row defines the name so spelled.
PREACT_CODE_SUFFIXES = ("_l", "l")
#: Code suffixes of several words naming a pre-activation (``dh_tilda_b_act``: before the activation).
PREACT_SUFFIXES = ("_b_act", "_before_act", "_before_activation", "_pre_act", "_preact")
#: Derivatives written as functions of the unit's output (dsigmoid(y) = y(1 - y)).
OUTPUT_DERIVATIVES = {"dsigmoid_out", "dtanh_out"}


@dataclass(frozen=True)
class Notation:
    r"""How one community writes a recurrent cell and its backward pass.

    time: ``sub`` (x_t), ``sup`` (x^t), ``paren`` (x^{(t)}), ``angle`` (x^{\\langle t \\rangle}),
    ``words`` (x_{prev}, x_{next}); gradient: ``delta`` (\\delta h_t), ``d`` (dh_t), ``partial``
    (\\frac{\\partial L}{\\partial h_t}), ``nabla`` (\\nabla_{h_t} L); product: the element-wise sign;
    transpose: the transpose superscript; layout: ``column`` (W x) or ``row`` (x W); names: the
    cell's names written in this notation (gates, weights), and ``preact``: how a pre-activation
    is written (``bar``: \\bar{i}_t, ``z``: z_i).
    """

    name: str
    time: str = "sub"
    gradient: str = "delta"
    product: str = r"\odot"
    transpose: str = r"^{\top}"
    layout: str = "column"
    names: dict = field(default_factory=dict)
    preact: str = "bar"
    time_var: str = "t"
    source: str = ""

    def time_script(self, k: int, var: str | None = None) -> str:
        """The script of step t + k: ``_{t-1}``, ``^{(t-1)}``, ``_{prev}``."""
        return time_latex(self.time, k, var or self.time_var)

    def quantity(self, base: str, k: int) -> str:
        return f"{self.names.get(base, base)}{self.time_script(k)}"

    def gradient_of(self, body: str) -> str:
        """The gradient of ``body`` (LaTeX of a quantity at a time or a parameter)."""
        if self.gradient == "d":
            return f"d{body}"
        if self.gradient == "partial":
            return rf"\frac{{\partial L}}{{\partial {body}}}"
        if self.gradient == "nabla":
            return rf"\nabla_{{{body}}} L"
        return rf"\delta {body}"

    def with_(self, **kw) -> "Notation":
        return replace(self, **kw)


def time_latex(style: str, k: int, var: str = "t") -> str:
    s = var if k == 0 else f"{var}{k:+d}"
    if style == "sup":
        return f"^{{{s}}}"
    if style == "paren":
        return f"^{{({s})}}"
    if style == "angle":
        return rf"^{{\langle {s} \rangle}}"
    if style == "words":
        return {0: "_{next}", -1: "_{prev}"}.get(k, f"_{{{s}}}")
    return f"_{{{s}}}"


_LSTM_WEIGHTS = {f"{w}_{g}": f"{w}_{{{g}}}" for w in "WUb" for g in "ifog"}

PRESETS: dict[str, Notation] = {
    "greff": Notation("greff", time="sub", gradient="delta", source="Greff et al. 2017, LSTM: A Search Space Odyssey"),
    "pytorch": Notation("pytorch", time="sub", gradient="partial", product=r"\odot", layout="column",
                        names={"W_i": "W_{ii}", "W_f": "W_{if}", "W_o": "W_{io}", "W_g": "W_{ig}",
                               "U_i": "W_{hi}", "U_f": "W_{hf}", "U_o": "W_{ho}", "U_g": "W_{hg}",
                               "W_r": "W_{ir}", "W_z": "W_{iz}", "W_n": "W_{in}", "U_r": "W_{hr}",
                               "U_z": "W_{hz}", "U_n": "W_{hn}"},
                        source="PyTorch documentation, torch.nn.LSTM / GRU"),
    "d2l": Notation("d2l", time="sub", gradient="partial", product=r"\odot", layout="row",
                    names={"i": "I", "f": "F", "o": "O", "g": r"\tilde{C}", "c": "C", "h": "H", "x": "X",
                           "W_i": "W_{xi}", "W_f": "W_{xf}", "W_o": "W_{xo}", "W_g": "W_{xc}",
                           "U_i": "W_{hi}", "U_f": "W_{hf}", "U_o": "W_{ho}", "U_g": "W_{hc}",
                           "r": "R", "z": "Z", "n": r"\tilde{H}", "W_r": "W_{xr}", "W_z": "W_{xz}",
                           "W_n": "W_{xh}", "U_r": "W_{hr}", "U_z": "W_{hz}", "U_n": "W_{hh}",
                           "b_g": "b_{c}", "b_n": "b_{h}"},
                    source="Dive into Deep Learning, ch. 9-10"),
    "colah": Notation("colah", time="sub", gradient="delta", product=r"*", layout="column",
                      names={"c": "C", "g": r"\tilde{C}"}, source="C. Olah, Understanding LSTM Networks (2015)"),
    "coursera": Notation("coursera", time="angle", gradient="d", product="*", layout="column",
                         names={"h": "a", "i": r"\Gamma_{u}", "f": r"\Gamma_{f}", "o": r"\Gamma_{o}",
                                "g": r"\tilde{c}", "r": r"\Gamma_{r}", "z": r"\Gamma_{u}",
                                "W_i": "W_{u}", "U_i": "U_{u}", "b_i": "b_{u}", "W_g": "W_{c}", "U_g": "U_{c}",
                                "b_g": "b_{c}"},
                         source="DeepLearning.AI Sequence Models, week 1 notebooks"),
    "goodfellow": Notation("goodfellow", time="paren", gradient="nabla", product=r"\odot", layout="column",
                           source="Goodfellow, Bengio, Courville, Deep Learning, ch. 10"),
}


def notation(spec) -> Notation:
    """A :class:`Notation` by preset name (or a Notation, returned as is)."""
    if isinstance(spec, Notation):
        return spec
    if spec is None:
        return PRESETS["greff"]
    if not isinstance(spec, str):
        raise TypeError(f"a notation is a preset name or a Notation, got {type(spec).__name__}")
    key = spec.strip().lower()
    if key not in PRESETS:
        raise ValueError(f"unknown notation {spec!r}; the presets are {', '.join(PRESETS)}")
    return PRESETS[key]


#: Labels of an output layer's parameters (b_y, V_{out}): a weight so labelled that no row defines
#: belongs to a layer the derivation does not state, not a crossed label of the cell's own weights (W_f or W_i in a
#: GRU, W_x beside the input X_t). Within a label of several letters, the letters below count so too.
HEAD_LABELS = ("y", "out")
#: Letters of such labels of several letters: the output's (W_{hq}, W_{hy}) and the components' (W_{ij}).
COMPONENT_LETTERS = ("y", "q", "i", "j", "k", "l", "m", "n")

#: Letters that name the true class when nothing binds them (a component of the output or the target).
TRUE_CLASS_LETTERS = ("k",)

#: Names of the label used as an index, ``p_{t, y_t}``, ``\hat{y}^{(t)}_{y^{(t)}}``: the component at the true class
#: (read as the true-class letter above; names.py). A name of the loss's target (vocab.targets) is read so too.
TRUE_LABEL_NAMES = ("y",)

#: Graves' component notation (Graves 2012): a weight named by a pair of unit indices, w_{ih}, w_{hk}, w_{c\iota},
#: whose layers are those of its index letters. Letter (or Greek command) -> the layer its units belong to.
#: ``j`` is any node (no layer). Read by verify/judging/gravesweights.py and gravesread.py.
GRAVES_LAYER_LETTERS = {"i": "input", "h": "hidden", "k": "output", "c": "cell", "iota": "input gate",
                        "phi": "forget gate", "omega": "output gate"}
#: The letter each layer's names carry once read (a_h^t -> a_{h}, w_{ih} -> W_{hx}: receiving, sending).
GRAVES_LAYER_CODES = {"input": "x", "hidden": "h", "output": "o", "cell": "c", "input gate": "iota",
                      "forget gate": "phi", "output gate": "omega"}
#: The capital letters a sum over a layer's units runs to (\sum_{h'=1}^{H}); the cells and their gates (one unit
#: per cell) are the H hidden units.
GRAVES_LAYER_SIZES = {"input": ("I",), "hidden": ("H",), "output": ("K",), "cell": ("C", "H"),
                      "input gate": ("H",), "forget gate": ("H",), "output gate": ("H",)}
#: Names of one layer, written without a label once read (x_i^t -> x^t, y_k^t -> y^t).
GRAVES_PLAIN_NAMES = {"x": "input", "y": "output"}
#: A layer no forward row defines, read as another (an LSTM's hidden units h are its cell outputs b_c).
GRAVES_LAYER_STANDS = {"hidden": "cell"}
#: Gradient names when the file defines none: \delta_j^t = \partial L / \partial a_j^t.
GRAVES_GRADIENTS = {"delta": "a"}
#: Letters applied to a bracket that are the activation function (an open smooth function), not a parameter.
GRAVES_FUNCTIONS = {"theta": True}

#: Accents that mark a variant of the plain letter's quantity, never its gradient: ``\tilde{h}_t`` (a candidate
#: state) beside ``h_t``. Where the rows define no such name, a row writing it misuses the family of the plain
#: letter (the name is undefined, as ``W_f`` in a GRU with ``W_z``, ``W_r``). ``\bar``/``\hat`` are not here:
#: a bar may be an adjoint (``\bar{h}_t``) and a hat a prediction the prose names.
VARIANT_ACCENTS = ("tilde",)
