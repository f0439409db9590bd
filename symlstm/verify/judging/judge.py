"""Judge every row of a derivation in the author's own vocabulary: pass, fail or unreadable, and under which reading.

This module reads the file as a whole: it parses the rows, joins continuation rows (``&= ...``) to the row
that opened them, cuts the file into segments (a new forward pass starts a new cell), builds the author's
cell from each segment's forward rows (:class:`~symlstm.verify.author.Model`) and hands every other row to
:mod:`~symlstm.verify.rowjudge`, which evaluates it at each step t of random runs with each reading of its
gradient symbols (total gradients first; then step readings: a parameter's contribution of step t, what
reaches a state through one step, a pre-activation named like its activation); :mod:`~symlstm.verify.links`
checks its links (``a = b = c``) under one reading. The verdicts are :class:`~symlstm.verify.report.RowResult`.
"""
from __future__ import annotations

import functools
import os
from dataclasses import replace
import re

import numpy as np

from ...latex.notation import FUNCTION_WORDS, LOSS_NAMES
from .atpoint import lower_points
from ..text.signs import declared_products, with_declared_products
from ..text.prosescope import first_step_rows
from ..text.proseloss import named_loss_rows
from ..text.lossabbrev import abbreviated_losses
from .scopedrows import bare_definition, scoped_zero
from .outputprimes import activation_primes, gate_derivatives
from .failednames import rest_on_failed_names
from .authorvalues import author_rejudge
from .usereadings import UseReadings
from ..text.names import IllTyped
from ..numeric.losses import loss_sensitive
from ..cell.authorcell import _grad_like, _lhs_keys, _prefixes, _time_var, build
from ..text.trees import has_derivative as _has_derivative, nodes, rebuild, walk as _walk
from .increments import as_increment
from .lossargs import restated_loss_calls
from .givenparts import given_carried
from .rebinding import code_statements, suffix_gradient_name, suffix_gradient_names
from .blockgrads import stack_by_block_gradients
from .flagcases import flag_cases, flag_off_equations, merge as merge_flag_cases
from .mergedspellings import merged_spellings
from ..cell.namingrows import naming_row
from ..text.labelled import rewrite_rows as rewrite_labels
from ..text.latexparse import LatexError
from ..text.codeindex import code_time_index
from ..text.batchunits import batch_sums, drop_index_pairs, packed_arrays, reads_packed, stored_elsewhere
from ..text.parennames import paren_names
from ..cell.abstractfn import abstract_rows, loss_applications
from .formrows import form_verdict
from ..cell.formcalls import rest_on_forms
from ..cell.layers import expand as expand_layers
from ..numeric.baretime import bare_in_forward, timed_only
from ..numeric.laststep import reads_last_only
from ..numeric.stacknames import stacked_gradient, stacked_target
from ..cell.stackedlayers import stacked_layer_rows
from ..cell.restate import input_made_state, new_cell_start, new_parameters, other_functions, swapped_weights
from .restatedweights import restatement_names
from .unreadshapes import soften, unread_shape_label
from ..cell.dangling import dangling
from ..cell.elementrows import element_restatements
from ..cell.crossedlabels import CROSSED_WHY, crossed_labels, last_step_inputs, odd_gate_functions, \
    same_weight_updates, stray_inputs
from ..cell.gradlikedef import function_derivative_claim, gradient_like_definition, local_derivative_row
from .dsteps import d_means_total, partial_means_total
from .currentstep import current_is_last
from .examplesteps import example_totals, prose_values, worked_numbers, worked_row
from ..cell.stabilizers import drop_stabilizers
from .prosenames import named_in_prose
from .recalledcell import given_rows, omitted_activations, recall_cells, recalled_bounds
from .namedlinks import named_parts
from .steplossdeltas import step_error_deltas
from ..text.gradletters import gradient_letter_rows
from ..text.supdeltas import superscript_deltas
from ..numeric.pathlabels import frac_path_labels
from .laststeploss import loss_at_current_step
from .links import numerator_chains
from .gradlayout import column_gradients
from .orientation import unoriented_vectors
from .layoutvotes import transpose_votes
from ..numeric.numgrad import superscript_quantity
from ..numeric.slices import file_convention
from .disjointparts import disjoint_split, forward_failures
from .stepgradnames import numbered_step_why, numbered_steps, unresolved_step_gradient
from .steplossnames import step_loss_names
from .lonedeltadef import lone_delta_definition
from ..numeric.lonedelta import recurrent_state
from ..text.texfile import NAMES_ARGUMENT
from .proseclaims import prose_claim
from ..text.placeholders import fill_placeholders
from .otherform import block_row_names
from .preactnames import named_preact_gradients
from .codepreacts import code_named_preacts
from .unreaddefs import resting_on_unread
from .unreadclaims import claims_on_unread, passes_on_stand_ins
from .gravesweights import graves_rows
from .gravesread import graves_rewrite
from .deltanames import by_convention, delta_convention, single_derivative
from .deltalabels import by_label, label_convention
from .incomplete import abstract_lhs, left_undefined, reads_any, why as incomplete_why
from .earliercell import earlier_keys, left_to_earlier, right_keys, why as earlier_why
from .completecell import SYNTHETIC_TEXT, carry_starts, complete_restated, merge as merge_readings, \
    readings as loop_readings
from ..text.joinedtime import joined_time_names
from ..text.names import NotReadable, Vocab, gradient_split, keys_in, resolve, sums_over_time, time_arguments
from .partials import lettered_parts, partial_sums
from .gradnames import untied_gradient_name
from .entrywise import overrule
from .report import GUESSED_CELL, MAX_READINGS, READING_SECONDS, TOLERANCE, DerivationReport, RowResult
from .rowjudge import CodeReadings, _name_of, gradient_target, judge_tree
from ..text.rowparse import parse_row
from ..text.numberedsteps import chained_digit_rows, numbered_step_rows
from .temporaries import code_temporaries, held_names_shown, judge_temporary, meant_from_use, name_products
from .summedparts import part_why, summed_parts
from ..text.vectorlabels import row_gradients, vector_labels
from ..numeric.arrowparts import arrow_definitions
from .namedblockrows import named_block_rows
from ..text.statedshapes import not_an_equation, read_statements, reshaped_scalars, stated_layout
from ..numeric.lossweights import loss_arguments
from ..numeric.dummycopy import dummy_copies
from ..numeric.laststep import step_count_letters
from ..cell.namedcalls import strip_arguments
from ..cell.paramcalls import parameter_calls
from ..cell.lossofparams import loss_of_parameters
from ..numeric.otimesread import writes_otimes
from .specialvalues import SPECIAL_VALUE, special_values
from .updates import split_updates, update_chain
from .identities import identity_rows
from .shiftedrows import at_step_t, shift_ahead_rows
from .renamedparams import renamed_parameter
from .shortnames import shortened_parameter
from .selfderivs import drop_self_derivatives
from .unstatedloss import loss_steps_unknown
from .unnamedlinks import chain_through_unnamed, through_unnamed
from ..text.slashfrac import slash_derivatives
from ..text.prodscope import product_scopes
from ..text.bigspread import spread_scopes
from ..text.undersets import check_labels, strip_equations as _labels, statements as underset_statements

__all__ = ["RowResult", "judge_rows", "TOLERANCE", "MAX_READINGS", "DerivationReport", "verify_derivation",
           "verify_line"]


# ============================================================================ judging
def judge_rows(equations, *, strict=False, seed=0, notation=None, seconds=READING_SECONDS, legend=None, shapes=(),
               through=None, prose=(), code=False, batch=False):
    """RowResults of every equation (a list of ``TexEquation``) of one derivation; ``seconds``: the time
    spent trying the readings of one row; ``legend``: the file's :class:`~symlstm.verify.legend.Legend`;
    ``shapes``: math texts of the file that state shapes (``W \\in \\mathbb{R}^{F \\times U}``);
    ``through``: a line (:func:`verify_line`): no row after it is judged; ``prose``: the other formulas of the
    prose (``TexEquation``: names written there, examplesteps.named_in_prose); ``code``: the rows are a code
    fence's assignments (a variable holds one value: rowjudge.CodeReadings); ``batch``: that code's vectors are
    two-dimensional arrays (codefences.BATCH_SHAPES), whose transposes are real."""
    with np.errstate(all="ignore"):      # 1/0 in a claimed side is a failing value, not a warning
        return _judge_rows(equations, strict=strict, seed=seed, notation=notation, seconds=seconds, legend=legend,
                           shapes=shapes, through=through, prose=prose, code=code, batch=batch)


def _judge_rows(equations, *, strict=False, seed=0, notation=None, seconds=READING_SECONDS, legend=None, shapes=(),
                through=None, prose=(), code=False, batch=False):
    rows, errors = [], {}
    equations, labels = _labels(equations)          # \underset{1 \times d}{e^{(t)}}: e^{(t)}, stated 1 x d
    shapes = list(shapes) + underset_statements([x for ls in labels.values() for x in ls])
    for k, eq in enumerate(equations):
        try:
            if getattr(eq, "error", ""):
                raise LatexError(eq.error)          # a file macro that cannot be expanded (texfile.py)
            tree = parse_row(eq.text)
            why = not_an_equation(tree)      # (m, 4) = (m, 3)(3, 4), axis=0: bookkeeping (statedshapes.py)
            if why is not None:
                raise LatexError(why)
            rows.append(tree)
        except LatexError as e:
            rows.append(None)
            errors[k] = e
    fill_placeholders([eq.text for eq in equations], rows, errors)     # f'(\cdot): f' at its argument (placeholders.py)
    packed = packed_arrays(rows)            # z_{b,j} = storage_{b, h+j}: a packed array, not read (batchunits.py)
    held = {k for k, tree in enumerate(rows) if reads_packed(tree, packed) is not None}
    for k in sorted(held):
        if stored_elsewhere(rows, k, held):     # (else left as written: unreadable, and rows reading it rest on it)
            name = reads_packed(rows[k], packed)
            rows[k] = None
            errors[k] = LatexError(f"{name}: a packed array (a block offset in its column index): which quantity "
                                   f"each block holds the text does not state in its rows, not read")
    rows = drop_index_pairs(batch_sums(rows), keep=held)     # gin_{b,j} = go_{b,j} (1 - z_{b,j}) (batchunits.py)
    # loss += -mean(\log p \odot y) after "Compute the cross entropy": the sum, and the row fails (proseloss.py)
    rows, named_losses = named_loss_rows(rows, equations)
    rows = abbreviated_losses(rows)         # CE = -\sum_i y_i \log \sigma(z_t), then \partial L_T: the loss (lossabbrev.py)
    rows, graves_errors, graves = graves_rewrite(rows, [eq.text for eq in equations])     # w_{ih}: gravesread.py
    for k, why in graves_errors.items():
        errors[k] = LatexError(why)
    parsed = list(rows)
    form_rests = {}
    rows = abstract_rows(rows, errors, form_rests)      # h_t = f_\Theta(h_{t-1}, x_t): an abstract function (abstractfn.py)
    abstract = abstract_lhs(parsed, rows)   # g = f_\phi(a): names only such rows define (incomplete.py)
    rows = loss_applications(rows)          # \sum_t L^t(\hat y^t, y^t): the loss, not a product (abstractfn.py)
    rows = drop_stabilizers(rows)           # \ln(\hat y + \epsilon): a numerical safeguard, read as 0 (stabilizers.py)
    rows = loss_of_parameters(rows)         # \partial \mathcal{L}(\theta): the loss L (lossofparams.py)
    rows = code_time_index(rows)            # dcs[t + 1]: dcs_{t+1}, code indexing by the step (codeindex.py)
    rows = joined_time_names(rows, _time_var([r for r in rows if r is not None]))    # ht beside h_t (joinedtime.py)
    rows = frac_path_labels(rows)      # \frac{\partial L}{\partial h}^{(\text{direct})}: a labelled part (pathlabels.py)
    rows, conventions = gradient_letter_rows(rows)      # g_y = \partial L/\partial y: g_{h_t} is d_{h_t} (gradletters.py)
    for k, why in conventions.items():
        errors[k] = LatexError(why)
    rows = superscript_deltas(rows, _time_var([r for r in rows if r is not None]))     # \delta^h_t: \delta h_t
    rows = step_error_deltas(rows, _time_var([r for r in rows if r is not None]))    # \delta h_t := \partial E_t/\partial h_t
    rows = paren_names(rows)                # (pre\_act) = ..., d(pre\_act): a code name in brackets (parennames.py)
    joined = {}         # a continuation row -> the side it goes on from
    rows = merged_spellings(_continuations(rows, equations, errors, joined), errors, suffix_gradient_name)   # dcs = ... + cs\_grad (mergedspellings.py)
    rows = loss_of_parameters(rows)         # (again: the rows a continuation row '=& ...' joined)
    rows = suffix_gradient_names(rows)      # W\_v\_d: dW_v (rebinding.py)
    rows = [as_increment(r) for r in rows]      # dW = dW + ...: an increment
    rows = drop_self_derivatives(rows)      # \frac{\partial s_t}{\partial W}\frac{\partial W}{\partial W}: W's identity (selfderivs.py)
    rows = code_statements(rows)            # ci = tanh(ci): code reassigns ci (rebinding.py)
    rows = stack_by_block_gradients(rows)   # dgates^{(i)} = di: [i, f, ci, o] is the stack gates (blockgrads.py)
    rows = parameter_calls(rows)            # o_t = o(x_t, h_{t-1}; W_o): a smooth function (paramcalls.py)
    rows = slash_derivatives(rows)      # \partial h_{t+1} / \partial h_t, dy/dx: fractions (slashfrac.py)
    rows = spread_scopes(rows)          # \prod_j a_j + b_j, j free after it: \prod_j (a_j + b_j) (bigspread.py)
    rows = product_scopes(rows)         # \prod_j A_j \frac{\partial h_k}{\partial W}: B after the product (prodscope.py)
    rows = time_arguments(rows)         # h(t-1) = h^{(t-1)}; {\delta E \over \delta p}: a partial derivative
    rows = shift_ahead_rows(rows, _time_var([r for r in rows if r is not None]))    # h_{t+1} = F(h_t): shiftedrows.py
    rows = loss_arguments(rows)         # J^{(t)}(\theta) = ...: the loss J^{(t)} (lossweights.py)
    rows = strip_arguments(rows)        # PP^{(t)}(y^{(t)}, \hat{y}^{(t)}) = ...: the name PP^{(t)} (namedcalls.py)
    rows = rewrite_labels(rows, [eq.text for eq in equations])      # \underbrace{X}_{\delta^{(k)}}: \delta^{(k)} is X
    rows = lower_points(rows)           # \frac{d\sigma}{dz}\Big|_{z}: \sigma'(z); C(y_N), a prose cost: the loss of step N
    # &= loss(g(W z^t + c), d^t) after E^t = loss(y^t, d^t): the claim g(W z^t + c) = y^t (lossargs.py; after the
    # rewrites that read a row's left side, which is then an expression)
    rows = restated_loss_calls(rows, parsed)
    before = list(rows)
    rows = first_step_rows(rows, [getattr(eq, "scope", "") for eq in equations], bare_definition)   # prosescope.py
    first_rows = {id(r) for r, b in zip(rows, before) if r is not b}       # h1^{(1)} = x U: defines no cell

    def unmasked(rs):           # the rows without those rewritten for the first step (they state no cell)
        return [None if id(r) in first_rows else r for r in rs]
    errors = {k: e for k, e in errors.items() if rows[k] is None}
    rows, equations, errors, updates = split_updates(rows, equations, errors)     # W += \alpha dJ/dW (updates.py)
    plan = expand_layers(rows, equations, errors)       # h_l^{(t)}, W^{l-1,l}: rows for every layer, component
    if plan is not None:
        rows, equations, errors = plan.rows, plan.equations, plan.errors
    # (after the rewrites every row takes)
    claims = {}     # "Since $C_t = ...$": the prose's restatements, judged against the cell but out of its making
    premises = _premise_rows(rows, equations)
    for k, eq in enumerate(equations):
        if getattr(eq, "claim", False) and k not in premises:
            claims[id(eq)] = rows[k]
            rows[k] = None
            errors.pop(k, None)
    time_var = _time_var([r for r in rows if r is not None])
    for k, r in enumerate(rows):     # "at the first step $t = 1$", "computed at step $t = D_x$": a step, no quantity t
        if _names_the_step(r, time_var):
            rows[k], errors[k] = None, LatexError(STEP_ROW)
    for k in special_values(rows):      # "initialised to the identity, $W_{hh} = I$": a case (specialvalues.py)
        rows[k], errors[k] = None, LatexError(SPECIAL_VALUE)
    if plan is None:         # x_t^{(k)} = o_t^{(k-1)}: a stack's layers in brackets, not read (stackedlayers.py)
        rows = stacked_layer_rows(rows, errors, time_var)
    if plan is None:         # h_j^{(t)} = \tanh(\sum_i W_x[j,i] x_i^{(t)}) beside h^{(t)} = ... (elementrows.py)
        for k, why in element_restatements(rows, [eq.line for eq in equations], time_var).items():
            rows[k], errors[k] = None, LatexError(why)
    rows, numbered = numbered_step_rows(rows, [eq.text for eq in equations], time_var)   # h_{t1}: h at step 1
    if not numbered:
        rows, numbered = chained_digit_rows(rows)       # o_2 = f(x_2 W + o_1 W_h): o at step 2
    loops = []
    if plan is None and not numbered:       # a code loop restating the cell with statements left out (completecell.py)
        def segments_of(rs):
            return _segments(unmasked(rs), time_var)
        rows, equations, errors, loops = complete_restated(rows, equations, errors, segments_of)
        rows, equations, errors = recall_cells(     # an LSTM recalled after a GRU: its gates (recalledcell.py)
            rows, equations, errors, segments_of, lambda rs: dict(_forward_rows(unmasked(rs), time_var)))
        rows, equations, errors = omitted_activations(      # a decoder's GRU leaving its gates' activations out
            rows, equations, errors, segments_of, lambda rs: dict(_forward_rows(unmasked(rs), time_var)),
            functools.partial(right_keys, vocab=Vocab(time_var=time_var)))
    if plan is None:        # f_t = \sigma(W_f z + b_f) \overset{def}{=} \sigma(y_f): y_f named by the link (namedlinks.py)
        rows, equations, errors = given_rows(rows, equations, errors, sorted(named_parts(
            unmasked(rows), [eq.text for eq in equations], Vocab(time_var=time_var)).items()))
    stated = read_statements([eq.text for eq in equations] + list(shapes) +     # W_{xi} \in \mathbb{R}^{F \times U}
                             reshaped_scalars([eq.text for eq in equations]))     # x = X.reshape(1,1): 1 x 1
    out = []
    # verify_line: a result on line `through` comes from an equation that starts on or before it
    stop = None if through is None else max((k for k, eq in enumerate(equations) if eq.line <= through), default=-1)
    # (h_{(1)} and h_{(2)} of an unrolled sequence define h at two steps, not h twice: one cell, numberedsteps.py)
    # ("through the sigmoid $r_t = \sigma(z_{r,t})$": a prose definition names a part of a cell, never starts one)
    prose_named = [None if getattr(equations[k], "inline", False) and getattr(equations[k], "given", False) and
                   NAMES_ARGUMENT.fullmatch(equations[k].text) else r for k, r in enumerate(unmasked(rows))]
    for lo, hi in _segments(prose_named, time_var) if (plan is None or plan.indexed is not None) and not numbered \
            else [(0, len(rows))]:
        if stop is not None and lo > stop:
            break
        def read(lo, hi, entrywise=False, info=None):
            return _judge_segment(equations, [r if lo <= k < hi else None for k, r in enumerate(rows)],
                                  dict(errors) if entrywise else errors, lo, hi, time_var, strict, seed, notation,
                                  seconds, plan, legend=legend, stated=stated, labels=labels, abstract=abstract,
                                  stop=stop, numbered=bool(numbered), graves=graves, before=rows[:lo], claims=claims,
                                  entrywise=entrywise, info=info, code=code, batch=batch)
        info = {}
        res = read(lo, hi, info=info)
        if info.get("index_units"):     # W_{ij} read with one unit: again entry by entry (entrywise.py)
            res = overrule(res, read(lo, hi, entrywise=True))
        mid = disjoint_split(rows, lo, hi, time_var) if forward_failures(res) and plan is None and \
            not numbered and not any(lo <= x[0] < hi for x in loops) else None
        if mid is not None:     # Y = W X in columns, then an RNN in rows: two models (disjointparts.py)
            parts = read(lo, mid) + read(mid, hi)
            if forward_failures(parts) < forward_failures(res):
                res = parts
        for k_end, names in (x for x in loops if lo <= x[0] < hi):      # C_t of a code list, sigmoid'(o_t): read
            others = [(_judge_segment(equations, [r if lo <= k < hi else None for k, r in enumerate(alt)],
                                      dict(errors), lo, hi, time_var, strict, seed, notation, seconds, plan,
                                      legend=legend, stated=stated, labels=labels, abstract=abstract, stop=stop,
                                      numbered=bool(numbered), graves=graves, before=rows[:lo], code=code,
                                      batch=batch), kind)
                      for alt, kind in loop_readings(rows, k_end, hi, names, time_var)]
            res = merge_readings(res, others, names, equations)       # every way, or unreadable (completecell.py)
        out += res
    out = out if plan is None else plan.merge(out)
    for r in out:           # a loss row that is not the loss its prose names (proseloss.py)
        if r.status == "pass" and (r.line, r.column) in named_losses:
            r.status, r.holds, r.why = "fail", False, named_losses[(r.line, r.column)]
    example_totals(out, equations, rows, time_var)     # J = \ell_1 + \ell_2 + \ell_3: an example's T (examplesteps.py)
    worked_numbers(out, equations, rows,       # dy_3 = 0.9183 - 1.5 = -0.5817: a worked example's values
                   prose_values(list(prose) + [e for e in equations if getattr(e, "inline", False)]), joined)
    named_in_prose(out, equations, rows, time_var, prose)      # W_{all} only in "Recall $a = W_{all} v_t$"
    rest_on_forms(out, equations, form_rests)      # \partial f/\partial h(...) through a failing form (formcalls.py)
    return sorted(out + updates, key=lambda r: (r.line, r.column)) if updates else out


def _increment_alone(k, rows, sums, starts, out, lo, judge):
    """A failing ``A += Y`` of an accumulation path by path (partials.py), judged by its increment alone where an
    earlier row of the same accumulation failed (``dhnext = ...; dhnext += (r * da) @ Ua.T`` wrong, then
    ``dhnext += dz @ Uz.T`` right): the sum so far carries that row's error, already reported there, and this
    row's own term is read as the gradient through some of A's uses. Its result, noting so, or None (where every
    earlier row held, the sum itself must hold: a path left out is caught)."""
    lhs = rows[k][1][0]
    earlier = [j for j in range(lo, k) if j in sums and rows[j] is not None and rows[j][1][0] == lhs]
    failed = [j for j in earlier if j in starts and starts[j] < len(out) - 1 and out[starts[j]].status == "fail"]
    if not failed:
        return None
    r = judge()
    if r.status != "pass":
        return None
    r.notes = list(r.notes) + [f"its increment alone: the sum so far carries the error of line {out[starts[failed[-1]]].line}"]
    return r


#: How many forward rows after a name defined again are read to tell a restatement from another cell (an LSTM's
#: seven rows: a_t, four gates, c_t, h_t).
CELL_WINDOW = 8


def _segments(rows, time_var):
    """Ranges of rows that state one cell: forward rows that define two or more names again start the
    next one (the PyTorch docs state nn.LSTM and then nn.LSTMCell); one name defined again is a claim, unless
    it spells out another cell through new names (restate.py: slides recalling an RNN, then an LSTM, then a GRU).
    A row repeating an earlier one word for word defines its names in the cell it is written in."""
    v = Vocab(time_var=time_var)
    fwd = _forward_rows(rows, time_var)
    stated = dict(fwd)
    fwd = _new_statements(fwd, rows, time_var)
    repeats = set(stated) - set(dict(fwd))      # rows that repeat earlier forward rows word for word
    defined = set().union(*(ks for _, ks in fwd)) if fwd else set()
    bounds, seen, first = [0], set(), {}
    timed = {}          # each side's timed reads, once (input_made_state compares each row with those before it)
    worked = {k for k, _ in fwd if worked_row(rows[k])}
    general = set().union(*(ks for k, ks in fwd if k not in worked)) if fwd else set()
    for j, (k, keys) in enumerate(fwd):
        for i in sorted(repeats):       # a cell's word-for-word repeats define its names in a later cell too
            if bounds[-1] <= i < k and i > (fwd[j - 1][0] if j else -1):
                for key in stated[i] - seen:
                    first[key] = i
                seen |= stated[i]
        if k in worked and keys <= general:
            continue        # L_3 = -\log p_3[3] = 1.487: a worked example's value of a name the rows state, no cell
        if keys <= seen and len(rows[k][1]) == 2 and rows[k][1][1][0] == "sym" and \
                rows[k][1][1][3] is None and rows[k][1][1][4] is None and \
                _INITIAL_STATE.fullmatch(rows[k][1][1][1]) and not _reads_defined(rows[k], defined, v) and \
                not any(keys & ks for _, ks in fwd[j + 1:j + 1 + CELL_WINDOW]):
            continue        # a_next = a0 before a code's loop over its step: the start at a given initial state
            #                 (one no row defines), no cell stated again; not where rows after it set the name again
            #                 (prev_h = h0, then prev_h = h[t-1] in the loop: a cell's driver restating its state)
        if k > bounds[-1] and not keys & seen and input_made_state(k, keys, rows, [i for i, _ in fwd[:j]
                                                                                    if i >= bounds[-1]], v, timed):
            bounds.append(k)        # x_t = W_{rec} \sigma(x_{t-1}) + W_{in} u_t + b after s_t = \tanh(U x_t + W s_{t-1})
            seen, first = set(), {}
        other = (new_cell_start(k, keys, seen, first, rows, v, fwd) or
                 swapped_weights(k, keys, seen, first, rows, v)) if keys & seen and k > bounds[-1] else None
        if other is not None and other > bounds[-1]:     # an LSTM's h_t after an RNN's (restate.py)
            bounds.append(other)
            seen, first = set(), {}
            for i, ks in sorted(stated.items()):       # (its repeats too)
                if other <= i < k:
                    for key in ks - seen:
                        first[key] = i
                    seen |= ks
        elif keys & seen and k > bounds[-1]:
            # a loss first stated as a function of the output only, then spelt out (J = Loss(\hat y), then
            # J = -\sum y \log \hat y), states no other cell
            window = [(i, ks) for i, ks in fwd[j:j + CELL_WINDOW]
                      if not (ks <= LOSS_NAMES and all(_abstract_loss(rows[first[x]]) for x in ks if x in first))]
            later = set().union(*(ks for _, ks in window)) if window else set()
            if len(later & seen) >= 2 and (other_functions(window, seen, first, rows, v) or
                                           not _restates(window, seen, first, defined, rows, v)):
                start, rows_of = k, dict(fwd)
                while start - 1 > bounds[-1] and start - 1 in rows_of and \
                        all(first.get(key) == start - 1 for key in rows_of[start - 1]) and \
                        not rows_of[start - 1] & keys_in([p for i in rows_of if bounds[-1] <= i < start - 1
                                                          for p in rows[i][1][1:]], v) and \
                        (start == k or not rows_of[start - 1] & keys) and \
                        _feeds_or_not_redefined(rows, start - 1, fwd[j:j + CELL_WINDOW]) and \
                        rows_of[start - 1] & keys_in([p for i, _ in fwd[j:j + CELL_WINDOW] for p in rows[i][1][1:]] +
                                                     [p for i in rows_of if start <= i < k for p in rows[i][1][1:]], v):
                    start -= 1      # z_t = U x_t + W s_{t-1} just before the s_t it feeds, read by no row before
                    # (or before a row already taken into the new cell: f, i, \tilde{C} before the C_t that h reads;
                    # but not an earlier definition of the name the row defines again, the first cell's o_t, nor
                    # of a name the new cell defines itself: a GRU's a = c before an LSTM's rows)
                while start - 1 > bounds[-1] and start - 1 in repeats and \
                        _said_since(start - 1, bounds[-1], stated, rows):
                    start -= 1      # a model restated from its first row: its word-for-word repeats open it too
                bounds.append(start)
                seen, first = set(), {}
                for i, ks in sorted(stated.items()):    # the rows pulled into the new cell (start <= i < k) define there
                    if start <= i < k:
                        for key in ks - seen:
                            first[key] = i
                        seen |= ks
        for key in keys - seen:
            first[key] = k
        seen |= keys
    bounds.append(len(rows))
    bounds = recalled_bounds(bounds, rows, stated)     # an LSTM's rows again after a GRU (recalledcell.py)
    return list(zip(bounds, bounds[1:]))


#: An initial state's name in code (``a0``, ``h_0``, ``c_init``, ``init_h``).
_INITIAL_STATE = re.compile(r"[A-Za-z]_?0|[A-Za-z]_?init|init_?[A-Za-z]")


def _reads_defined(tree, defined, vocab) -> bool:
    """Does the row's right side read a name the forward rows define (or one the reader cannot resolve)?"""
    try:
        return bool(keys_in(tree[1][1:], vocab) & defined)
    except NotReadable:
        return True


def _abstract_loss(tree) -> bool:
    r"""``J^{<t>} = Loss(\hat{y}^{<t>})``: a loss stated as a function no row or table defines, applied to names;
    or a sum of such step losses (``\mathcal{L} = \sum_{t=1}^T \mathcal{L}_t(\hat y_t, y_t)``, the function named
    with its step), which the rows after it spell out (``\mathcal{L}_t = -\sum_k y_{t,k} \log \hat y_{t,k}``)."""
    rhs = tree[1][-1]
    if rhs[0] == "big" and rhs[1] == "sum":
        rhs = rhs[4]
        lhs = tree[1][0]
        if rhs[0] == "sym" and lhs[0] == "sym" and rhs[1] == lhs[1] and rhs[3] is not None and len(rhs[3]) == 1:
            return True         # \mathcal{L} = \sum_t \mathcal{L}_t (the arguments of L_t(...) read off already)
        if rhs[0] == "mul" and rhs[1] and rhs[1][0][0] == "sym" and rhs[1][0][3] is not None and \
                len(rhs[1][0][3]) == 1 and rhs[1][0][3][0][0] == "sym":
            fn = rhs[1][0]
            rhs = ("mul", [fn[:3] + (None,) + fn[4:]] + rhs[1][1:], rhs[2])     # (L_t: the step's function)
    return rhs[0] == "mul" and len(rhs[1]) == 2 and rhs[2][1] is None and rhs[1][0][0] == "sym" and \
        rhs[1][0][1] not in FUNCTION_WORDS and rhs[1][0][2:] == (None, None, None, 0) and \
        rhs[1][1][0] in ("paren", "list") and rhs[1][1][1] == "("


def _feeds_or_not_redefined(rows, i, window) -> bool:
    r"""May row ``i``, just before a new cell's rows, open that cell? Not when a row of the window after its
    first defines the same name again (the GRU's ``a = c`` before an LSTM's rows, whose own ``a = \Gamma_o *
    \tanh(c)`` comes later), unless the window reads the name at its own step (``z_t = W h_{t-1} + ...`` before
    the ``h_t = \varphi(z_t)`` it feeds: that is the new cell's row)."""
    lhs = rows[i][1][0]
    if not any(rows[k][1][0] == lhs for k, _ in window[1:]):
        return True
    for k, _ in window:           # read before the window defines it again (not only after: y = W a after a = ...)
        if any(n == lhs for part in rows[k][1][1:] for n in _walk(part)):
            return True
        if k != window[0][0] and rows[k][1][0] == lhs:
            return False
    return False


def _premise_rows(rows, equations) -> set:
    r"""The prose's restatements that are the only statement of the cell: "Taking the RNN's equation $h_t =
    \tanh(W_{hh} h_{t-1} + W_{xh} x_t)$, we can compute $$\frac{\partial h_j}{\partial h_{j-1}} = ...$$" where no
    display states a forward row. Such a sentence states the cell the derivation's rows are read against (as a
    display would), not a restatement of one stated elsewhere."""
    if not any(getattr(eq, "claim", False) and r is not None for r, eq in zip(rows, equations)):
        return set()
    others = [None if getattr(eq, "claim", False) else r for r, eq in zip(rows, equations)]
    time_var = _time_var([r for r in rows if r is not None])
    if any(not ks <= LOSS_NAMES for _, ks in _forward_rows(others, time_var)):
        return set()        # (a loss written as the sum of the steps' losses, E = \sum_t E_t, states no cell)
    only = [r if getattr(eq, "claim", False) else None for r, eq in zip(rows, equations)]
    v = Vocab(time_var=time_var)
    out = set()
    for k, _ in _forward_rows(only, time_var):     # a quantity at a step (not W_{hh} = U \Sigma V^T, a lemma's)
        try:
            keys, refs = _lhs_keys(rows[k][1][0], v)
        except NotReadable:
            continue
        if refs and all(r.time is not None for r in refs):
            out.add(k)
    return out


#: What a row naming a step says (``t = 1``, ``t = D_x``: the step the text goes on at).
STEP_ROW = "names the step the text goes on at (the time's letter set to a value): no equation of the cell"


def _names_the_step(tree, time_var) -> bool:
    """Is the row ``t = 1``, ``t = T``, ``t = D_x``, ``t = T - 1`` (the time's letter, alone on the left, set to a
    number or a size: a capital, labelled or not), or ``\tau = t`` (a bare letter set to the time's)?"""
    if tree is None or tree[0] != "row" or len(tree[1]) != 2 or list(tree[2]) != ["="]:
        return False
    if tree[1][1] == ("sym", time_var, None, None, None, 0) and tree[1][0][0] == "sym" and \
            tree[1][0][2:] == (None, None, None, 0) and (len(tree[1][0][1]) == 1 or tree[1][0][1] in ("tau", "T")):
        return True             # "at $\tau = t$": the last step's letter at the step, a step (no quantity \tau)
    if tree[1][0] != ("sym", time_var, None, None, None, 0):
        return False

    def size(n) -> bool:
        if n[0] == "num":
            return True
        if n[0] == "sym":
            return n[1][:1].isupper() and len(n[1]) <= 2 and n[2] is None and n[4] is None and not n[5]
        if n[0] == "add":
            return all(size(x) for _, x in n[1])
        return False
    return size(tree[1][1])


def _step_listing(tree) -> bool:
    r"""``\hat{y} = (\hat{y}_1, \hat{y}_2, \ldots, \hat{y}_T)``: the sequence of a name's values listed by step
    (its items the name itself at steps, with an ellipsis), which states no formula of the cell."""
    lhs, rhs = tree[1][0], tree[1][-1]
    if rhs[0] == "mul" and rhs[1][0][0] == "list":
        rhs = rhs[1][0]         # (\hat y_1, \ldots, \hat y_T) \quad \hat y_t \in R^m: the set's name left beside it
    if lhs[0] != "sym" or rhs[0] != "list" or not any(x[0] == "dots" for x in rhs[2]):
        return False
    return all(x[0] == "dots" or x[0] == "sym" and x[1:3] == lhs[1:3] and x[3] for x in rhs[2])


def _forward_rows(rows, time_var) -> list:
    """(row, keys) of the rows that state the cell (``name = expr``, no derivative, not a gradient's name), less
    the rows that state it again one step later or as a total over the steps."""
    v = Vocab(time_var=time_var)
    fwd = []
    for k, tree in enumerate(rows):
        if tree is None or len(tree[1]) < 2 or tree[2][0] != "=":
            continue
        try:
            keys, refs = _lhs_keys(tree[1][0], v)
        except NotReadable:                 # a left side the names cannot read: not a forward row
            continue
        if keys is None or any(_has_derivative(p) for p in tree[1]) or _step_listing(tree):
            continue
        if fwd and set(keys) <= set().union(*(ks for _, ks in fwd)) and _same_cell_again(tree, refs, keys, v):
            continue
        fwd.append((k, set(keys)))
    defined = set().union(*(ks for _, ks in fwd)) if fwd else set()
    base_names = {key.split("_")[0] for key in defined} | defined | _prefixes(defined)
    backward = set().union(*(ks for _, ks in fwd if any(_grad_like(key, defined, base_names) for key in ks))) \
        if fwd else set()
    out = []
    for k, ks in fwd:
        if any(_grad_like(key, defined, base_names) for key in ks):
            continue
        if not any(key.startswith("d") for key in ks) and _reads_gradient(rows[k], defined, base_names, v):
            backward |= ks      # \tilde{c}_t = (dc_{next} \Gamma_u + ...) (1 - \tilde{c}^2): the left side mistyped
            continue            # for a gradient's name (a published slip), read from gradients: no forward row
        if backward and any(key.startswith("d") for key in ks):
            # dt = dh_hat * (1 - h_hat ** 2), then dW_h = (r * h_prev).T @ dt: a d-name computed from gradients
            # (the code's temporary of a gradient, the gradient of a weight no row defines) is no forward row
            try:
                read = keys_in(rows[k][1][1:], v)
            except NotReadable:
                read = set()
            if read & backward or any(_grad_like(key, defined | read, base_names) for key in read):
                backward |= ks
                continue
        out.append((k, ks))
    return out


def _reads_gradient(tree, defined, base_names, vocab) -> bool:
    """The row's right side reads a gradient by its code name (``da_{next}``, ``dc_{next}``: d and a name the rows
    define)."""
    try:
        read = keys_in(tree[1][1:], vocab)
    except NotReadable:
        return False
    return any(key.startswith("d") and _grad_like(key, defined, base_names) for key in read)


def _same_cell_again(tree, refs, keys, vocab) -> bool:
    r"""A forward row that states names already defined again without starting another cell: at a step
    shifted from the time letter's (``a_{t+1} = W_{hh} h_t + W_{hx} x_{t+1}``, a row of the cell one step
    later), or the total of a step quantity over the steps (``L = \sum_{t=1}^{T} L_t`` after ``L_t = ...``)."""
    t = vocab.time_var
    if t is None:
        return False
    if refs and all(isinstance(r.time, tuple) and r.time[0] == "add" and len(r.time[1]) == 2 and
                    r.time[1][0] == ("+", ("sym", t, None, None, None, 0)) and r.time[1][1][1][0] == "num"
                    for r in refs):
        return True
    if refs and all(isinstance(r.time, tuple) and r.time[:2] == ("sym", "T") and r.time[2:] == (None, None, None, 0)
                    for r in refs) and t != "T":
        return True     # h_T = \tanh(W_x x_T + W_h h_{T-1} + b) after h_t = \tanh(z_t): the cell at the last step
    if all(r.time is None for r in refs) and sums_over_time(tree[1][-1], vocab):
        try:
            return set(keys) <= keys_in(tree[1][1:], vocab)
        except NotReadable:
            return False
    return False


def _said_since(k, lo, stated, rows) -> bool:
    """Forward row ``k`` repeats, word for word, a row of the same cell (from row ``lo`` on): there it adds
    nothing, so it may open the next cell, which restates the model from that row."""
    from ..numeric.numadjoint import normal
    sides = {repr(normal(p)) for p in rows[k][1][1:]}
    return any(lo <= i < k and ks == stated[k] and sides <= {repr(normal(p)) for p in rows[i][1][1:]}
               for i, ks in stated.items())


def _new_statements(fwd, rows, time_var=None):
    r"""The forward rows without those that repeat earlier ones word for word (a slide that recalls
    ``\text{Forward Pass: } h^t = o^t \odot \tanh(c^t)`` before its backward rows): every right side of
    such a row is already a right side of the names it defines. They are claims of the same cell. So is a
    row recalled one step later (``Recall: h_{t+1} = \tanh(a_{t+1})`` beside ``h_t = \tanh(a_t)``): it is
    compared read at step t (shiftedrows.py)."""
    from ..numeric.numadjoint import right_sides, signless
    said, out = {}, []
    for k, keys in fwd:
        sides = right_sides(signless(at_step_t(rows[k], time_var)))
        if all(key in said for key in keys) and all(sides <= said[key] for key in keys):
            continue
        out.append((k, keys))
        for key in keys:
            said.setdefault(key, set()).update(sides)
    return out


def _restates(window, seen, first, defined, rows, vocab) -> bool:
    r"""The rows of ``window`` that define names again restate the same cell through intermediate names
    (g_3 = g_1 + g_2; z_t = \sigma(g_3)): each reads a name the forward rows define that the first
    definitions of the names restated never read. A second cell (LSTM, then LSTMCell in other names)
    restates its quantities from inputs and weights only."""
    again = [(k, keys) for k, keys in window if keys & seen]
    if not again:
        return False
    originals = set()
    for key in set().union(*(keys for _, keys in again)):
        if key in first:
            originals |= keys_in(rows[first[key]][1][1:], vocab)
    reads = set()
    for k, keys in again:
        used = keys_in(rows[k][1][1:], vocab)
        reads |= used
        if not (used & defined) - originals - keys or new_parameters(used, defined, originals):
            return False        # (a new parameter, b_g: another cell, restate.py)
    before = set().union(*(keys_in(rows[first[key]][1][1:], vocab) for key in seen if key in first))
    for k, keys in window:      # an intermediate name the restated rows read, made of weights the first cell
        if not keys & seen and keys & reads and \
                new_parameters(keys_in(rows[k][1][1:], vocab), defined, before):      # never read: \Gamma_f =
            return False        # \sigma(W_f [a, x] + b_f) of an LSTM after a GRU's rows (another cell)
    return True


def _judge_segment(equations, rows, errors, lo, hi, time_var, strict, seed, notation=None,
                   seconds=READING_SECONDS, plan=None, legend=None, stated=(), labels=None, abstract=(), stop=None,
                   numbered=False, graves=False, before=(), claims=None, entrywise=False, info=None, code=False,
                   batch=False):
    named = _named_givens(equations, rows, lo, hi)      # given I^t = [x^t; h^{t-1}]: names a written part
    claims = {k: claims[id(equations[k])] for k in range(lo, hi) if id(equations[k]) in (claims or {})}
    for k in named:
        rows[k] = None
    for k in range(lo, hi):         # "Let $a_t = ...$" in the prose: only as the name of a part the rows write
        if getattr(equations[k], "inline", False) and k not in named:
            claims[k] = rows[k]     # (or a claim, if it restates a name the rows define: proseclaims.py)
            rows[k] = None
            errors.pop(k, None)
    best = None
    layouts = ("row", "column") if notation is not None and notation.layout == "row" or \
        notation is None and stated_layout(stated) == "row" else ("column", "row")      # x \in R^{1 x |V|}
    against, best_score = {}, None
    if notation is None and stated_layout(stated) is None:       # dz_t \cdot V^T: rows vote (layoutvotes.py)
        votes = transpose_votes([r for r in rows[lo:hi]])
        against = {"column": votes[0], "row": votes[1]}
    otimes = (False, True) if writes_otimes(rows[lo:hi]) else (False,)
    for layout, elementwise in [(lay, e) for e in otimes for lay in layouts]:
        v = Vocab(time_var=time_var)
        v.entrywise = entrywise       # index notation with vectors, row by row at every entry (entrywise.py)
        v.code = code                 # numpy code: 1-D arrays multiply on either side (numprod.py)
        v.batch = batch               # ... unless the code's vectors are a batch's 2-D arrays (BATCH_SHAPES)
        v.otimes_elementwise = elementwise      # f_t \otimes c_{t-1}: element-wise if only so it runs (otimesread.py)
        v.unread_rows = [getattr(e, "tree", None) for e in errors.values()]     # shape evidence (elementwisenames.py)
        v.vector_labels = vector_labels([equations[k].text for k in range(lo, hi)])    # w^T labelled 1 x n
        v.steps = step_count_letters(rows[lo:hi], v)        # \sum_{t=1}^{N}: h_N is the last state
        v.slice_default = file_convention(rows[lo:hi])      # [H:2H] beside [0:H]: counted from 0 (slices.py)
        v.legend_gradients = set()      # go = \frac{\partial L}{\partial h_t} in the legend: rows reading go are backward
        for form in (legend.gradient_names() if legend else ()):
            try:
                v.legend_gradients.add(resolve(form, v).key)
            except NotReadable:
                pass
        if plan is not None:
            plan.prepare(v)
        try:
            model, forward, ev = build(rows, v, layout=layout, seed=seed, stated=stated)
        except (IllTyped, NotReadable, LatexError, ValueError, ArithmeticError, IndexError, KeyError, TypeError,
                AttributeError, RecursionError) as e:
            if best is None:
                best = (None, {}, None, v, str(e))
            continue
        score = len(model.errors) + against.get(layout, 0)      # the backward rows' votes too (layoutvotes.py)
        if best is None or best[0] is None or score < best_score:
            best, best_score = (model, forward, ev, v, ""), score
        if score == 0:
            break
    model, forward, ev, vocab, problem = best
    if info is not None and model is not None:
        info["index_units"] = getattr(model, "index_units", False)
    missing = left_undefined(abstract, vocab) if model is not None and abstract else set()
    left = left_to_earlier(earlier_keys(before, lo, vocab), vocab) if model is not None and lo else {}
    given_why, temporaries, summed = {}, {}, {}
    from ..cell.authorcell import _split_products
    for k, (name, expr) in named.items():
        if ev is None:
            continue
        try:
            expr = _split_products([("row", [name, expr], ["="])], ev.vocab)[0][1][1]     # p(t) = Ux(t): U x(t), as
            ev.name_subexpression(name, expr)                                         # the cell's rows read it
        except (NotReadable, IllTyped) as e:
            if "is defined twice" in str(e) and getattr(equations[k], "inline", False):
                claims[k] = ("row", [name, expr], ["="])   # "where $z_t = W x_t + b$" for a z_t the rows define:
            else:                                          # a restatement, checked as the prose's claims are
                given_why[k] = str(e)
    if ev is not None:
        for name, expr in _derivative_arguments(rows, forward, ev.vocab, lo, hi):
            try:        # diag(\tanh'(z_i)) W_{hh} beside h_t = \tanh(W_{hh} h_{t-1} + ...) alone: z, its argument
                ev.name_subexpression(name, expr)
            except (NotReadable, IllTyped):
                pass
    givens = [equations[k].line for k in range(lo, hi) if getattr(equations[k], "given", False) and
              equations[k].text != SYNTHETIC_TEXT and not getattr(equations[k], "inline", False) and
              not getattr(equations[k], "handout", "")]
    prose = [equations[k].line for k in range(lo, hi) if getattr(equations[k], "inline", False) and k in named]
    if ev is not None and legend:          # % symlstm: let ...: the forms the file's legend names
        ev.legend = legend
        rows = [r if k in forward else legend.rewrite(r) for k, r in enumerate(rows)]
    if ev is not None:
        rows = activation_primes(rows, forward, model)     # \sigma'(s1) for s1 = Tanh(h1): Tanh'(h1) (outputprimes.py)
        rows = gate_derivatives(rows, forward, ev.vocab)     # {\sigma_{i_t}}': i_t (1 - i_t) (outputprimes.py)
        _derived(rows, forward, ev, lo, hi)
        arrow_definitions(rows, forward, lo, hi, ev)      # \delta_{zz}^{(t)\rightarrow(t-1)} = (chain) (arrowparts.py)
        step_loss_names(rows, forward, ev, lo, hi)      # \partial loss_t / \partial z_t \rightarrow dz_t (steplossnames.py)
        name_products(rows, forward, ev, lo, hi)          # dhr: the adjoint of the product r \odot h_{prev}
        ev.lettered_parts = lettered_parts(rows[lo:hi])     # dh = dha + dhb + ...: parts of dh (partials.py)
        before_temporaries = rows
        rows, temporaries = code_temporaries(rows, forward, ev, lo, hi)     # dt = ...; db = dt: code's temporaries
        rows, summed = summed_parts(rows, forward, lo, hi)      # dh_{next} = dh_{fz} + dh_{fr}: pieces (summedparts.py)
        _implied_target(rows, forward, ev, lo, hi)
        sums = partial_sums(rows, lo, hi, lambda lhs: _accumulates(lhs, ev))     # A = X; A += Y: path by path
        ev.numerator_chains = numerator_chains([r for k, r in enumerate(rows) if k not in forward], ev.vocab)
        ev.column_gradients = ev.numerator_chains and \
            column_gradients([r for k, r in enumerate(rows) if k not in forward], ev.vocab)    # gradlayout.py
        ev.numerator_chains = ev.numerator_chains and not ev.column_gradients
        ev.row_gradients = row_gradients([equations[k].text for k in range(lo, hi)], ev)    # \delta labelled 1 x D
        ev.unoriented_vectors = unoriented_vectors([r for k, r in enumerate(rows) if k not in forward])   # orientation.py
        ev.file_readings = CodeReadings() if code else {}    # a gradient name as the file has read it so far
        #                                                  (_as_read_before; in code, a variable: one value)
        ev.given_carried = given_carried(rows, forward, ev, lo, hi) if code else frozenset()   # dnext_c beside
        #                                                  dnext_h: what reaches c_t through the later step (givenparts.py)
        ev.d_total = d_means_total(rows, forward, ev.vocab)     # dL/dW: may be one step's part (dsteps.py)
        ev.partial_total = partial_means_total([None if k < len(equations) and update_chain(equations[k].text) else r
                                                for k, r in enumerate(rows)], forward, ev.vocab)
        # dE/dW = \sum_j ...: totals (dsteps.py); not the sum of an update W^{t+1} = W^t - \epsilon \sum (updates.py)
        if current_is_last(rows, forward, ev.vocab) and model.loss_def is None and \
                all(not isinstance(kind, tuple) and kind not in ("softmax", "logits") for _, kind in model.outputs):
            model.last_only = True          # \sum_{j=1}^t: t is the last step (currentstep.py)
            model._grad_cache.clear()
            model.base = model.run()
        elif loss_at_current_step(rows, forward, model, ev.vocab):
            model.last_only = True          # E^t = loss(y^t, d^t) only, rows of E: the last step's (laststeploss.py)
            model._grad_cache.clear()
            model.base = model.run()
        ev.timed_only = timed_only(rows, lo, hi, ev.vocab)      # h where the rows write h_t (baretime.py)
        ev.named_preacts = named_preact_gradients([r for k, r in enumerate(rows) if k not in forward], ev.vocab)
        ev.named_preacts |= code_named_preacts([r for k, r in enumerate(rows) if k not in forward], ev)   # dh_{raw}
        ev.lone_delta_key = lone_delta_definition(rows, forward, ev.vocab)     # \delta^l_t = dloss/dh_t (lonedeltadef.py)
        ev.block_names = block_row_names(rows, ev.vocab)      # [W_{fh}\;W_{fx}] [h; x]: another form's blocks
        ev.restated_names = restatement_names(rows, forward, lo, hi, ev.vocab)    # h_t = tanh(W [h; x]): W new
        ev.named_blocks = named_block_rows(rows, forward, lo, hi, ev, ev.restated_names)   # W for (W_{hh} W_{xh})
        for key in ev.named_blocks:
            ev.restated_names.pop(key, None)
        ev.dummy_copies = dummy_copies(rows, forward, model, ev.vocab)    # s_a, s_b: copies of s (dummycopy.py)
        for row, (why, unread) in bare_in_forward(rows, forward, ev).items():    # h_t = (1-z) n_t + z_t h_{t-1}
            if row not in model.errors:
                model.errors[row] = why
                if unread:
                    model.unread.add(row)
        texts = " ".join(equations[k].text for k in range(lo, hi))
        import re
        counts = {"angle": len(re.findall(r"\^\{\\langle|\^\{<", texts)),
                  "paren": len(re.findall(r"\^\{\(", texts)),
                  "sup": len(re.findall(r"\^\{?[tk](?![a-zA-Z])", texts)),
                  "sub": len(re.findall(r"_\{?[tk](?![a-zA-Z])", texts))}
        ev.time_style = max(counts, key=counts.get) if any(counts.values()) else "sub"
        ev.product_sign = r"\odot" if r"\odot" in texts else r"\circ" if r"\circ" in texts else \
            "*" if "*" in texts else r"\odot"
    out, starts, advice, generic = [], {}, None, set()
    uses = UseReadings(ev, _name_of)    # dot = da * tanh(c), read as a pre-activation's gradient (usereadings.py)
    carried = carry_starts(rows, lo, hi)
    resting = resting_on_unread(rows, forward, model, vocab) if model is not None else {}
    crossed = {**({} if code else odd_gate_functions({k: rows[k] for k in forward}, time_var)),
               **same_weight_updates({k: rows[k] for k in forward}, time_var),
               **stray_inputs({k: rows[k] for k in forward}, time_var),
               **last_step_inputs({k: rows[k] for k in forward}, time_var),
               **crossed_labels({k: rows[k] for k in forward}, time_var)} if model is not None else {}
    on_unread = claims_on_unread(rows, forward, model, vocab, lo, hi) if model is not None else {}
    steps_named = numbered_steps([equations[k].text for k in range(lo, hi)], time_var) if time_var and \
        not numbered else set()         # (read as concrete steps when the whole file writes them so: numberedsteps.py)
    def claim_judge(tree, eq):      # a sentence's restatement (proseclaims.py), judged as a row is
        return judge_tree(tree, eq, ev, strict, seconds)

    def judge_generic(k, eq, rows, sums):
        """Row ``k`` judged as a claim (``rows``, ``sums``: the rows as prepared, the accumulations' trees)."""
        tree, ev.partial_sum = sums.get(k, (rows[k], False))
        ev.row_scope = getattr(eq, "scope", "")
        if not ev.row_scope and reads_last_only(tree, vocab):
            ev.row_scope = "last"       # \hat{y} = \sigma(W h_T + b): at the last step only (laststep.py)
        if not ev.row_scope and _recursion_beside_boundary(tree, ev):
            ev.row_scope = "other:last"     # delta_t = delta_{t+1} R ... beside delta_T = ...: the steps before T
        ev.accumulated = _accumulated_later(rows, k, hi, ev)
        ev.accumulated_anywhere = _accumulated_later(rows, lo - 1, hi, ev)     # \delta h_T = 0 starts a +=
        # the other equations of the same display (siblingpartials.py: \partial h_t/\partial z_t, ... listed together)
        ev.row_siblings = [rows[j] for j in range(lo, hi) if j != k and equations[j].line == eq.line]
        row_strict = strict or getattr(eq, "total", False)     # "Total gradient to ...:": no step reading
        try:
            r = loss_sensitive(lambda: judge_tree(tree, eq, ev, row_strict, seconds), ev)
            r = renamed_parameter(r, tree, ev, lambda: judge_tree(tree, eq, ev, row_strict, seconds))   # b for b_h
            r = shortened_parameter(r, tree, ev, lambda: judge_tree(tree, eq, ev, row_strict, seconds))  # W_u: W^{dec}_u
            r = loss_steps_unknown(r, tree, ev, lambda: judge_tree(tree, eq, ev, row_strict, seconds))  # unstatedloss.py
            # \partial L/\partial A \partial A/\partial W, A defined by no row: the chain read through (unnamedlinks.py)
            return through_unnamed(r, tree, ev, lambda t: loss_sensitive(lambda: judge_tree(t, eq, ev, row_strict,
                                                                                            seconds), ev))
        except RecursionError:
            return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                             why="its value rests on itself without end (a name defined through itself at "
                                 "another step, and no row gives the value the recursion starts from)")
        except NotReadable as e:        # (raised outside the evaluation's own catch: e^{3f3} met by a later check)
            return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=str(e) or "it is not read")
        except (ValueError, ArithmeticError, IndexError, KeyError, TypeError, AttributeError) as e:
            return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                             why=f"could not be evaluated ({type(e).__name__})")
        finally:
            ev.partial_sum = False
            ev.row_scope = ""
            ev.row_siblings = ()

    for k, eq in enumerate(equations):
        if stop is not None and k > stop:       # verify_line: the rows after its line are not judged
            break
        if not lo <= k < hi:
            continue
        starts[k] = len(out)
        if k in claims:
            named.pop(k, None)
            r = prose_claim(claims[k], eq, k, forward, ev, claim_judge, equations) if model is not None else None
            if r is not None:
                out.append(r)
            continue
        if eq.text == SYNTHETIC_TEXT:        # a row completed from the cell stated before: never reported
            continue
        if getattr(eq, "inline", False) and k not in named:     # a prose definition that names nothing written
            continue
        if getattr(eq, "given", False):      # % symlstm: given: builds the cell; reported only when it cannot
            r = _given_result(k, eq, errors, named, given_why, forward, model)
            if r is not None:
                out.append(r)
            continue
        if k in errors and errors[k].reason == STEP_ROW:      # t = 1: names a step (_names_the_step)
            out.append(RowResult(eq.line, eq.column, eq.text, "pass", True, "definition", why=STEP_ROW))
            continue
        if k in errors:
            e = errors[k]
            form = form_verdict(getattr(e, "form_tree", None), model, vocab) if model is not None else None
            if form is not None:        # h_t = f_\Theta(h_{t-1}, x_t): the arguments the cell reads (formrows.py)
                out.append(RowResult(eq.line, eq.column, eq.text, form[0], form[0] == "pass", "forward", why=form[1]))
                continue
            from ..text.codefences import COMMENT_GROUP
            bad = getattr(e, "malformed", False) and getattr(eq, "group", "") != COMMENT_GROUP
            # h(t) = f(p(t): not an expression as printed (in a code comment, # dL/dh = ... ,where h = tanh(...)):
            # a note in the code's margin, not a formula it states: unread)
            at = (eq.line + (e.line or 1) - 1, (e.column or 1) + (eq.column - 1 if (e.line or 1) == 1 else 0))
            out.append(RowResult(eq.line, eq.column, eq.text, "fail" if bad else "unreadable", False if bad else None,
                                 why=e.reason, at=at))       # (line: where it starts; at: what is not read)
            continue
        if model is None:
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                                 why=f"the forward equations could not be run: {problem}"))
            continue
        if missing and k not in forward:     # the cell is not the author's (incomplete.py)
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=incomplete_why(missing)))
            continue
        if left and k not in forward:       # o read as an input, computed by the cell stated before (earliercell.py)
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=earlier_why(left, equations)))
            continue
        if k in carried:        # dh\_next = 0 before the backward loop: its start (completecell.py)
            out.append(RowResult(eq.line, eq.column, eq.text, "pass", True, "step", why=carried[k]))
            continue
        if not model.defs and k not in forward:
            if advice is None:
                from .presetnames import suggest
                advice = suggest("\n".join(equations[j].text for j in range(lo, hi)))
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                                 why=NO_FORWARD_WHY + advice))
            continue
        if k in getattr(model, "training_steps", {}):     # o_w += o_l * x_t * o_e (authorcell.build)
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=(
                f"it adds to {model.training_steps[k]}, which the forward equations read as a given (a weight or an "
                "input): a step of training, not read (a gradient-descent update is read when it subtracts a "
                "learning rate times the gradient of the loss, W -= lr * dL/dW)")))
            continue
        if k in getattr(model, "dead_rows", ()):     # W_x = [W_{xc}; W_{xi}] of weights this cell never reads
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                                 why="it stacks names the forward equations of this cell never use (the weights "
                                     "of another form of the cell?)"))
            continue
        numbered = numbered_step_why(eq.text, steps_named, time_var) if k not in forward else ""
        if numbered:         # h_{t1}, h_{t2}: steps named by number, not read (stepgradnames.py)
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=numbered))
            continue
        local = local_derivative_row(rows[k], vocab) if k not in forward else ""
        if local:           # dA = sigmoid_diff(A): a local derivative named like a gradient (gradlikedef.py)
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=local))
            continue
        naming = naming_row(rows[k], vocab)       # C\_prev = C_{t-1}: the reader's own naming (namingrows.py)
        if naming:
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=naming))
            continue
        untied = untied_gradient_name(rows[k], model, vocab)      # grad\_wrt\_state = ... (gradnames.py)
        if untied:
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=untied))
            continue
        if k in model.function_rows:         # f_2(v_i) = e^{v_i} / \sum_j e^{v_j}: a function's definition
            out.append(RowResult(eq.line, eq.column, eq.text, "pass", True, "forward",
                                 notes=[model.function_rows[k]]))
            continue
        if k in forward:
            d = forward[k]
            step_grad = unresolved_step_gradient(rows[k], ev.vocab)      # dV_{t1} = 0 (stepgradnames.py)
            if step_grad:
                out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=step_grad))
            elif stacked_target(rows[k], ev.vocab):     # dW_{hh} += ...: the gradient of a stack (stacknames.py)
                out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                                     why=stacked_target(rows[k], ev.vocab)))
            elif d.row in model.unread:
                out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, "forward",
                                     why=model.errors[d.row]))
            elif d.row in model.errors:
                out.append(RowResult(eq.line, eq.column, eq.text, "fail", False, "forward", why=model.errors[d.row]))
            elif len(rows[k][1]) > 2 and getattr(model, "loss_total", None) is not None and \
                    repr(rows[k][1][1]) == repr(model.loss_total):
                # J = \frac{1}{T}\sum_t J^{(t)} = -\frac{1}{T}\sum_t \sum_j ...: the first link defines the total
                # (totalloss.py), the others spell it out and are checked
                r = judge_tree(("row", rows[k][1][1:], rows[k][2][1:]), eq, ev, strict, seconds)
                r.reading = r.reading or "forward"
                out.append(r)
            elif _several_bodies(rows[k]) or _restated_loss(model, d, rows[k]) or \
                    _name_at_another_step(rows[k], ev.vocab):
                # a = [W x ...] = [\tanh(\hat a)]: every link is checked; so is a loss stated again
                r = judge_tree(rows[k], eq, ev, strict, seconds)
                r.reading = r.reading or "forward"
                out.append(r)
            elif set(d.keys) & getattr(model, "local_derivatives", set()) and \
                    (derivative := function_derivative_claim(rows[k], model, vocab)) is not None:
                # dsigmoid = h_{next} (1 - h_{next}): sigma'(a) with h = sigma(a), checked (gradlikedef.py)
                r = judge_tree(derivative, eq, ev, strict, seconds)
                r.reading = r.reading or "forward"
                r.why = (f"{d.keys[0]}: the derivative of {FUNCTION_WORDS[d.keys[0][1:]][0]} at its argument, kept by "
                         "the code" + (f"; {r.why}" if r.why else ""))
                out.append(r)
            elif k in crossed:         # z_t = \sigma(W_r x_t + U_z h_{t-1} + b_z): r's weight (crossedlabels.py)
                out.append(RowResult(eq.line, eq.column, eq.text, "fail", False, "forward", why=crossed[k]))
            elif k in resting:         # gin = go (1 - z): z defined only by unreadable rows (unreaddefs.py)
                out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, "forward", why=resting[k]))
            elif any(j not in forward and rows[j] is not None for j in range(lo, k)) and dangling(model, d):
                # m_t = W_a X + b_a among the backward rows: outside the cell (dangling.py)
                out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, "forward",
                                     why=dangling(model, d)))
            elif any(j not in forward and rows[j] is not None for j in range(lo, hi)) and \
                    gradient_like_definition(rows[k], model, d):       # dX = W^T: gradlikedef.py
                # (among backward rows, or before the rows that read it: dout = (p - y) / B above dW += h.T @ dout)
                out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, "forward",
                                     why=gradient_like_definition(rows[k], model, d)))
            else:
                out.append(RowResult(eq.line, eq.column, eq.text, "pass", True, "forward"))
            continue
        if k in temporaries:
            out.append(judge_temporary(k, *temporaries[k], eq, ev, strict, seconds, judge_tree))
            continue
        if k in summed:
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=part_why(equations[summed[k]].line)))
            continue
        if stacked_gradient(rows[k], ev.vocab):        # dlin_{ih} = [dz_t; dr_t; ...] (stacknames.py)
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                                 why=stacked_gradient(rows[k], ev.vocab)))
            continue
        if k in getattr(model, "abstract_forms", {}):     # h_t = f(h_{t-1}, x_t): the form (abstractforms.py)
            form = form_verdict(rows[k], model, vocab)     # its arguments against the cell's row (formrows.py)
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=model.abstract_forms[k])
                       if form is None else
                       RowResult(eq.line, eq.column, eq.text, form[0], form[0] == "pass", "forward", why=form[1]))
            continue
        if k in on_unread:          # d L/d \phi through \hat{y} = g(h_T; \phi), not run (unreadclaims.py)
            out.append(RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=on_unread[k]))
            continue
        ev.row_scope = getattr(eq, "scope", "")        # "for the last step:" (prosescope.py, links._points)
        zero = scoped_zero(rows[k], eq, ev) if ev.row_scope and k not in sums else None
        if zero is not None:            # dV = 0 "for the other steps:" (scopedrows.py)
            out.append(zero)
            ev.row_scope = ""
            continue
        tree = sums.get(k, (rows[k], False))[0]
        generic.add(k)
        ev.last_row_grads = set()
        out.append(judge_generic(k, eq, rows, sums))
        uses.row(len(out) - 1, out[-1], ev.last_row_grads, lambda: judge_generic(k, eq, rows, sums))
        if out[-1].status == "fail" and k in sums and rows[k] is not None and list(rows[k][2]) == ["+="]:
            alone = ("row", [rows[k][1][0], rows[k][1][1]], ["="])       # A = Y: the increment, a partial sum
            local = _increment_alone(k, rows, sums, starts, out, lo, lambda: judge_generic(
                k, eq, rows[:k] + [alone] + rows[k + 1:], {k: (alone, True)}))
            if local is not None:
                out[-1] = local
        if out[-1].status == "fail" and worked_row(tree):
            # z_1 = W_{hh} h_0 + W_{xh} x_1 = 0.9 \times 0 + ... = 0.3: its first link alone, as the cell states
            # it at that step (examplesteps.worked_numbers takes the numbers' links with the example's values)
            try:
                first = judge_tree(("row", tree[1][:2], tree[2][:1]), eq, ev, strict, seconds)
                out[-1].defining_link = first.status
            except (RecursionError, ValueError, ArithmeticError, IndexError, KeyError, TypeError, AttributeError):
                pass
        if givens and out[-1].status != "pass":
            lines = ", ".join(str(x) for x in sorted(set(givens)))
            out[-1].why = (out[-1].why + "; " if out[-1].why else "") + \
                f"read with the equations given by the file (% symlstm: given, line {lines})"
        if prose and out[-1].status != "pass":
            lines = ", ".join(str(x) for x in sorted(set(prose)))
            out[-1].why = (out[-1].why + "; " if out[-1].why else "") + \
                f"read with the names the prose defines (line {lines})"
    if temporaries:       # di_calc = dsigma(i) * di, read below as i's pre-activation gradient (temporaries.py)
        def prepare(meant):
            again, _ = code_temporaries(before_temporaries, forward, ev, lo, hi, meant)
            again, _ = summed_parts(again, forward, lo, hi)
            return again, partial_sums(again, lo, hi, lambda lhs: _accumulates(lhs, ev))
        meant_from_use(out, starts, temporaries, generic, rows, prepare, judge_generic, judge_tree, ev, equations,
                       strict, seconds)
    uses.finish(out)
    if labels and ev is not None:
        check_labels(out, starts, labels, ev)       # undersets.py: a label that contradicts its quantity
    unread = unread_shape_label([equations[k].text for k in range(lo, hi)],
                                [x for k, ls in (labels or {}).items() if lo <= k < hi for x in ls])
    for r in out:         # \underbrace{w^T}_{1\times(N+2D+1)}: shapes not read, mismatches unreadable
        soften(r, unread)
    for k, i in starts.items():         # a forward row failing on a name only an unreadable row defines
        if missing and k in forward and i < len(out) and out[i].status == "fail" and \
                reads_any(rows[k], missing, vocab):
            out[i].status, out[i].holds, out[i].why = "unreadable", None, incomplete_why(missing)
        elif left and k in forward and i < len(out) and out[i].status == "fail" and reads_any(rows[k], set(left), vocab):
            out[i].status, out[i].holds, out[i].why = "unreadable", None, earlier_why(left, equations)
    graves_rows(out, starts, equations, forward, lo, hi, graves)      # w_{ih}, w_{hk}: Graves' notation (gravesweights.py)
    rest_on_failed_names(out, starts, rows, equations, forward, lo, hi,    # x^T dh1 after dh1's row fails
                         None if ev is None or sums else       # ... judged with the author's dh1 (authorvalues.py)
                         lambda k, names, named, res: author_rejudge(k, names, named, res, rows, equations, ev,
                                                                     lambda t, e: loss_sensitive(lambda: judge_tree(
                                                                         t, e, ev, strict, seconds), ev)))
    if vocab is not None:       # \sigma(z) = y = \frac{1}{1+e^{-z}}: an identity in letters of its own (identities.py)
        identity_rows(out, starts, rows, vocab, lo, hi, seed, equations)
    if model is not None:       # \partial y/\partial h_t = 0 where y's row failed: vacuous (unreadclaims.py)
        passes_on_stand_ins(out, starts, rows, forward, model, vocab)
    held_names_shown(out, ev)       # dz for the name a held temporary is read by (temporaries.py)
    return out


def _accumulated_later(rows, k, hi, ev) -> frozenset:
    r"""Quantities whose gradient a later row accumulates (``\delta c^t \mathrel{+}= ...``): before it, a row
    on that gradient may hold the part through the quantity's own step (the increment being worked out)."""
    out = set()
    for j in range(k + 1, hi):
        tree = rows[j]
        if tree is not None and len(tree[1]) == 2 and tree[2][0] == "+=":
            target = gradient_target(tree[1][0], ev)
            if target is not None and target[0] in ev.vocab.quantities:
                out.add(target[0])
    return frozenset(out)


def _accumulates(lhs, ev) -> bool:
    """A left side that a partial sum may hold (:mod:`.partials`): the gradient of a quantity or an input."""
    target = gradient_target(lhs, ev)
    return target is not None and target[0] not in ev.vocab.params and \
        (target[0] in ev.vocab.quantities or target[0] in ev.vocab.inputs or
         target[0] + "s" in ev.vocab.quantities)      # dh for hs_t (code names, as numgrad's target_of reads them)


def _named_givens(equations, rows, lo, hi):
    """Given rows ``NAME = EXPR`` whose EXPR another row without derivatives writes literally: k -> (NAME, EXPR).
    NAME names that sub-expression (its value and adjoint there) instead of defining a quantity of its own."""
    from ..numeric.numadjoint import _find, normal
    out = {}
    for k in range(lo, hi):
        tree = rows[k]
        if not getattr(equations[k], "given", False) or tree is None or len(tree[1]) != 2 or tree[2] != ["="] \
                or tree[1][0][0] != "sym" or tree[1][1][0] in ("sym", "num"):
            continue
        target = normal(tree[1][1])
        for j in range(lo, hi):
            other = rows[j]
            if j == k or other is None or getattr(equations[j], "given", False) or \
                    any(_has_derivative(p) for p in other[1]):
                continue
            found, name, expr = [], tree[1][0], tree[1][1]
            for p in other[1][1:]:
                _find(p, target, found)
            step = _step_letters(name)
            for new in _step_letters(other[1][0], step) if step and not found else []:
                # "where $z_k = W_{hh} h_{k-1} + W_{xh} x_k + b_h$" beside h_t = \tanh(W_{hh} h_{t-1} + ...): the
                # part at step k, named with the row's own time letter (its name read at any step)
                old = step[0]
                name, expr = _retimed(name, old, new), _retimed(expr, old, new)
                for p in other[1][1:]:
                    _find(p, normal(expr), found)
                if found:
                    break
                name, expr = tree[1][0], tree[1][1]
            if found:
                out[k] = (name, expr)
                break
            inner = _applied_name(tree[1][1])
            if inner is not None and getattr(equations[k], "inline", False) and len(other[1]) == 2 and \
                    normal(other[1][0]) == normal(tree[1][0]) and _applied_name(other[1][1], inner[0]) is None and \
                    _applied(other[1][1]) is not None and _applied(other[1][1])[0] == inner[0]:
                # "Say $h_t = \sigma(z_t)$" beside h_t = \sigma(W x_t + U h_{t-1} + b): z_t names the argument
                out[k] = (inner[1], _applied(other[1][1])[1])
                break
    return out


#: Activations whose derivative a text writes at a name it never defines (``\tanh'(z_k)``, ``\sigma'(a_t)``).
_ACTIVATIONS = ("tanh", "sigmoid")


def _derivative_arguments(rows, forward, vocab, lo, hi):
    r"""(NAME at the step, EXPR) for a name no row defines that the rows write only as the argument of an
    activation's derivative (``\text{diag}(\tanh'(z_i)) W_{hh}``, ``1 - \tanh^2(z_j)``), where exactly one forward
    row applies that activation, to EXPR (``h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h)``): the argument of
    the derivative is that row's pre-activation (the vanishing-gradient derivations' ``z``). A second row applying
    the activation (an LSTM's g_t and \tanh(c_t)) leaves the name unread."""
    from ..numeric.numadjoint import normal
    applied = {}
    for k in forward:
        if lo <= k < hi and rows[k] is not None:
            for node in _walk(rows[k][1][1]):
                a = _applied(node)
                if a is not None and FUNCTION_WORDS.get(a[0], ("",))[0] in _ACTIVATIONS:
                    applied.setdefault(FUNCTION_WORDS[a[0]][0], []).append(a[1])
    out, seen = [], set()
    for k in range(lo, hi):
        if k in forward or rows[k] is None:
            continue
        for node in _walk(rows[k]):
            a = _applied(node) if isinstance(node, tuple) and node and node[0] == "mul" else None
            fn = FUNCTION_WORDS.get(a[0], ("",))[0] if a is not None else ""
            if fn not in _ACTIVATIONS or a[1][0] != "sym" or not (node[1][0][5] or node[1][0][4]) or \
                    len(applied.get(fn, ())) != 1 or normal(applied[fn][0])[0] == "sym":
                continue
            name, step = a[1], _step_letters(a[1])
            if not step or name[1] in seen:
                continue
            if any(n[0] == "sym" and n[3] and len(n[3]) == 1 and n[3][0][0] == "add" and len(n[3][0][1]) == 2 and
                   n[3][0][1][0] == ("+", ("sym", step[0], None, None, None, 0)) and n[3][0][1][1][0] == "+"
                   for n in _walk(rows[k])):
                return []   # \partial h_{i+1} / \partial h_i = diag(\tanh'(z_i)) W: z_i produces h_{i+1}? not read
            try:
                if vocab.known(resolve(name[:3] + (None, None, 0), vocab).key):
                    continue
            except NotReadable:
                pass
            seen.add(name[1])
            out.append((name[:3] + ([("sym", vocab.time_var, None, None, None, 0)], None, 0), applied[fn][0]))
    return out


def _step_letters(node, other=()):
    """The one-letter subscripts of a name (``z_k``: ["k"]), without those of ``other``; [] for anything else."""
    if node[0] != "sym" or not node[3] or len(node[3]) != 1:
        return []
    sub = node[3][0]
    if sub[0] == "add":
        sub = sub[1][0][1] if sub[1] and sub[1][0][0] == "+" else sub
    if sub[0] != "sym" or len(sub[1]) != 1 or sub[3] or sub[4] or sub[1] in other:
        return []
    return [sub[1]]


def _retimed(node, old, new):
    """``node`` with every plain ``old`` (a step letter) written ``new``."""
    if isinstance(node, list):
        return [_retimed(x, old, new) for x in node]
    if not isinstance(node, tuple):
        return node
    if node[0] == "sym" and node[1] == old and not node[3] and not node[4]:
        return node[:1] + (new,) + node[2:]
    return tuple(_retimed(x, old, new) for x in node)


def _applied(node):
    """(function name, argument) of ``f(arg)`` written as a function word before one bracket, else None."""
    if node[0] == "mul" and len(node[1]) == 2 and node[1][0][0] == "sym" and node[1][1][0] == "paren" and \
            node[1][1][1] == "(" and node[1][0][3] is None and node[1][0][4] is None and \
            node[1][0][1] in FUNCTION_WORDS:
        return node[1][0][1], node[1][1][2]
    return None


def _applied_name(node, fn=None):
    """(function name, name) of ``f(z_t)``: a function applied to one name; None otherwise."""
    a = _applied(node)
    if a is None or a[1][0] != "sym" or (fn is not None and a[0] != fn):
        return None
    return a


def _given_result(k, eq, errors, named, given_why, forward, model):
    """A given equation is reported only when it cannot serve: unreadable, not a forward equation, ill-typed."""
    where = "the given equation (% symlstm: given)"
    if k in errors:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=f"{where} cannot be read: "
                                                                              f"{errors[k].reason}")
    if model is None:
        return None
    if k in named:
        if k in given_why:
            return RowResult(eq.line, eq.column, eq.text, "unreadable", None, why=f"{where}: {given_why[k]}")
        return None
    if k not in forward:
        return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                         why=f"{where} is not a forward equation (a name on the left, no derivative) or defines "
                             "a name twice")
    d = forward[k]
    if d.row in model.errors:
        unread = d.row in model.unread
        return RowResult(eq.line, eq.column, eq.text, "unreadable" if unread else "fail", None if unread else False,
                         "forward", why=f"{where}: {model.errors[d.row]}")
    return None


def _implied_target(rows, forward, ev, lo, hi):
    r"""A loss written only through its gradient, ``\delta h_t \mathrel{+}= target_t - h_t`` (or h_t - target_t):
    a name no forward row defines, beside the quantity whose gradient the row states, is that quantity's
    target and the loss is E = 1/2 \sum_t ||target_t - h_t||^2. Read when the derivation defines no loss of
    its own and one row alone implies one; the sign (\delta = -dE/d\cdot for target - h) holds in every
    row, which are linear in the gradients."""
    model, found = ev.model, []
    if model.loss_def is not None:
        return
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or k in forward or len(tree[1]) != 2 or tree[2][0] not in ("=", "+="):
            continue
        lhs, rhs = tree[1]
        target = gradient_target(lhs, ev)
        if target is None or target[0] not in ev.vocab.quantities or lhs[0] != "pre" or rhs[0] != "add" or \
                len(rhs[1]) != 2 or rhs[1][0][0] != "+" or rhs[1][1][0] != "-":
            continue
        a, b = rhs[1][0][1], rhs[1][1][1]
        if a[0] != "sym" or b[0] != "sym":
            continue
        try:
            ra, rb, rq = resolve(a, ev.vocab), resolve(b, ev.vocab), resolve(lhs[3], ev.vocab)
        except NotReadable:
            continue
        for other, mine, sign in ((ra, rb, -1), (rb, ra, 1)):
            if mine.key == target[0] and mine.time == rq.time and other.time == rq.time and other.time is not None \
                    and not ev.vocab.known(other.key) and other.key not in LOSS_NAMES and not other.word \
                    and not other.transpose and other.power is None and mine.power is None and not mine.transpose:
                found.append((target[0], other.key, sign))
    if len({f for f in found}) != 1:
        return
    q, name, sign = found[0]
    base = model.base.values.get((q, 1)) if model.base else None
    if base is None:
        return
    ev.vocab.inputs.add(name)
    model.input_shapes[name] = base.shape
    model.outputs = [(q, ("squared", name, sign))]
    model._grad_cache.clear()
    model.base = model.run()


def _jacobian_named(body, key, ev, rows=()) -> bool:
    r"""``J_t = \frac{\partial h_t}{\partial h_{t-1}}``: a letter of the loss names a derivative of a quantity
    (not of a loss) where the derivation defines its loss under another name, or differentiates only another
    loss (``\partial L / \partial h_t`` in its rows, no row of L: a textbook's loss left to prose)."""
    if body[0] != "frac" or body[1][0] != "pre" or body[1][1] not in ("partial", "d") or body[1][3][0] != "sym":
        return False
    model = ev.model
    losses = {k for d in model.defs for k in d.keys if k in LOSS_NAMES} | \
        {d.keys[0] for d in getattr(model, "loss_rows", ()) or ()}
    if not losses:
        losses = {n[1][3][1] for n in nodes(rows, "frac") if n[1][0] == "pre" and n[1][1] in ("partial", "d") and
                  n[1][3][0] == "sym" and n[1][3][1] in LOSS_NAMES}
    if not losses or key in losses or any(key in d.keys for d in model.defs):
        return False
    try:
        top = resolve(body[1][3], ev.vocab).key
    except NotReadable:
        return False
    return top in ev.vocab.quantities and top not in LOSS_NAMES


#: The last step's letter as a time script.
_LAST = ("sym", "T", None, None, None, 0)


def _derived(rows, forward, ev, lo, hi):
    r"""Names a row defines through derivatives (a_t = \partial h_t/\partial w_h, d2l): usable by the other rows."""
    convention = delta_convention(rows, lo, hi)      # \delta_q = \partial E/\partial q throughout (deltanames.py)
    labelled = label_convention(rows, lo, hi, ev.vocab.time_var)       # \delta_{L+1} \equiv \partial C/\partial z_{L+1}: \delta_l too
    since = {}
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or k in forward or len(tree[1]) < 2 or tree[2][0] != "=" or tree[1][0][0] != "sym":
            continue
        try:
            r = resolve(tree[1][0], ev.vocab)
        except NotReadable:
            continue
        key = r.key
        if gradient_split(key) and r.primes and not ev.vocab.known(key[1:] + "'" * r.primes):
            # dh' = dX'_{[:, :H]} (hipsternet): a gradient of an unnamed intermediate, named by this row
            ev.derived.setdefault(key + "'" * r.primes, tree[1][1])
            continue
        body = tree[1][-1]
        if not _has_derivative(body) and r.key.startswith("delta") and len(tree[1]) > 2 and \
                tree[1][1][0] == "frac" and _has_derivative(tree[1][1]):
            body = tree[1][1]           # \delta_1^{(t)} = \partial J / \partial \theta^{(t)} = \hat{y} - y: names the gradient
        elif r.key.startswith("delta") and len(tree[1]) > 2 and single_derivative(tree[1][1]) and \
                _loss_gradient(tree[1][1], ev):
            body = tree[1][1]           # \delta_{c_t} = \partial loss / \partial c_t = (chain): the name is the gradient,
            #                             the chain after it a claim about it (checked by the row)
        conv = by_convention(tree, convention, ev.vocab)
        if conv is None:
            conv = by_label(tree, labelled, ev.vocab)      # \delta_l = (computation): a claim (deltalabels.py)
        if conv is not None:            # the row claims \partial E / \partial q (judged in either layout)
            rows[k] = tree = ("row", [conv] + list(tree[1][1:]), tree[2])
        body = conv or body
        first = conv or tree[1][1]          # \delta \overset{not.}{=} \partial E / \partial v = B: the first defines it
        if key in ev.derived and key in since and since[key][1] == tree[1][0] and first != ev.derived[key] and \
                single_derivative(first) and single_derivative(ev.derived[key]) and \
                not any(_mentions_key(rows[j], key, ev) for j in range(since[key][0] + 1, k) if rows[j] is not None):
            del ev.derived[key]         # defined again, unread in between: the later definition is the name
            body = first
        if key in LOSS_NAMES and _jacobian_named(tree[1][1], key, ev, [r for r in rows[lo:hi] if r is not None]):
            body = tree[1][1]       # J_t = \partial h_t / \partial h_{t-1} = D_t U beside the loss L: J names a Jacobian
        elif ev.vocab.known(key) or key in LOSS_NAMES or gradient_split(key) or r.power is not None \
                or r.transpose and not _loss_gradient(body, ev) or key in ev.derived or not _has_derivative(body):
            # (\delta_{t-1}^T = \partial E/\partial h_{t-1}: a gradient of the loss named as a row, in numerator layout)
            continue
        if key.startswith("delta_") and ev.vocab.known(key[len("delta_"):]) and _mentions_key(body, key, ev):
            # \delta_{h_{t-1}} = \delta_{h_t} * (1 - z_t) + ...: the gradient of a quantity of the cell written as a
            # backward recursion is a claim about that gradient (read by the \delta convention), not its definition
            continue
        if key == "delta" and not ev.vocab.code and _mentions_key(body, key, ev) and recurrent_state(ev) is not None \
                and not any(n[0] in ("pre", "sym") and n[1] in ("delta", "Delta") and (n[0] == "pre" or n[4])
                            for n in _walk(body)):
            # \delta_t = (R^T \delta_{t+1}) \odot (1 - a_t^2): the bare \delta of a cell with one recurrent state is
            # that state's (or its pre-activation's) gradient (lonedelta.py), and its recursion a claim about it;
            # as a definition the row would hold by itself, whatever it says (code's delta[t] = ... assigns a
            # variable: a definition, its uses checked; a body with a labelled \delta^{out}_t is another system)
            continue
        if superscript_quantity(tree[1][0], ev.vocab) is not None:
            # \delta^{\tilde h}_t = \delta^h_t \odot (1 - u_t), \delta^h_{a,t} = \partial L/\partial h_t: the \delta
            # of a quantity of the cell is a claim about that quantity's gradient, not a new name
            continue
        body = chain_through_unnamed(body, ev.vocab)[0]     # \delta_t = dL_t/dy_t dy_t/dh_t ...: y in no row (unnamedlinks.py)
        if r.time == _LAST and ev.vocab.time_var != "T" and single_derivative(body):
            # \delta_T = \partial L / \partial h_T, then \delta_t at the other steps: the name of the derivative, read
            # at each step (not the last step's value everywhere)
            now = ("sym", ev.vocab.time_var, None, None, None, 0)
            body = rebuild(body, lambda n: now if n == _LAST else n)
            r = replace(r, time=now)
        ev.derived[key] = body
        since[key] = (k, tree[1][0])      # (the row, its left side as written)
        if not hasattr(ev, "derived_times"):
            ev.derived_times = {}
        if not _mentions_key(body, key, ev):      # (a recursion keeps its own step: defined through itself; a
            #                                         derivative named by the row's first link is read at its step)
            ev.derived_times[key] = r.time      # the step its row defines it at (t-1: numeval.derived_value)
    ev.derived_last = _last_step_definitions(rows, forward, ev, lo, hi)
    from .rightdeltadef import right_delta_definitions     # \partial E/\partial v^t = \delta^{out,t}: defines it
    for k, (key, body, time) in right_delta_definitions(rows, forward, ev.vocab, lo, hi, ev.derived).items():
        ev.derived[key] = body
        if not hasattr(ev, "derived_times"):
            ev.derived_times = {}
        ev.derived_times[key] = time


def _recursion_beside_boundary(tree, ev) -> bool:
    """The row defines at step t a name whose recursion has a row of its own at the last step T."""
    last = getattr(ev, "derived_last", None)
    if not last or tree is None or tree[0] != "row" or len(tree[1]) < 2 or tree[1][0][0] != "sym":
        return False
    try:
        r = resolve(tree[1][0], ev.vocab)
    except NotReadable:
        return False
    return r.key in last and r.time is not None and r.time[0] == "sym" and r.time[1] == ev.vocab.time_var


def _last_step_definitions(rows, forward, ev, lo, hi) -> dict:
    r"""``delta_T = psi_T V diag(1 - a_T^2)`` beside the recursion ``delta_t = delta_{t+1} R diag(1 - a_t^2)`` that
    defines the name (code's ``if t == T - 1:`` branch, codefences._last_step_branches): key -> the last step's
    body. The recursion defines the name at the steps before T; at T (where it would read a zero past the run) the
    boundary row does (numeval.derived_value)."""
    out = {}
    recursive = {k for k, b in ev.derived.items() if _mentions_key(b, k, ev)}
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or k in forward or len(tree[1]) != 2 or tree[2][0] != "=" or tree[1][0][0] != "sym":
            continue
        try:
            r = resolve(tree[1][0], ev.vocab)
        except NotReadable:
            continue
        if r.key in recursive and r.time is not None and r.time[0] == "sym" and r.time[1] == "T" and \
                not r.word and not r.transpose and r.power is None and not _mentions_key(tree[1][1], r.key, ev):
            out.setdefault(r.key, tree[1][1])
    return out


def _loss_gradient(node, ev) -> bool:
    r"""``\frac{\partial E}{\partial h_{t-1}}``: one derivative of the loss (its numerator the loss alone)."""
    if node[0] != "frac" or node[1][0] != "pre" or node[1][1] != "partial" or node[1][3] is None or \
            node[1][3][0] != "sym":
        return False
    try:
        return resolve(node[1][3], ev.vocab).key in LOSS_NAMES
    except NotReadable:
        return False


def _mentions_key(node, key, ev) -> bool:
    from ..text.trees import walk
    for n in walk(node):
        if n[0] == "sym":
            try:
                if resolve(n, ev.vocab).key == key:
                    return True
            except NotReadable:
                continue
    return False


def _restated_loss(model, d, tree) -> bool:
    r"""A second row of the loss (J^{(t)} = -\log \hat{y}_k^{(t)} after J^{(t)} = CE(y, \hat y)): the cell reads the
    loss from one row; this one is a claim about it."""
    row = getattr(model, "loss_row", None)
    if not (row is not None and d.row != row and d.accumulate and d.keys and d.keys[0] in LOSS_NAMES and
            tree is not None and tree[2] and all(r == "=" for r in tree[2])):
        return False
    same = [d2.lhs for d2 in model.loss_rows if d2.row in (row, d.row)] if hasattr(model, "loss_rows") else []
    return len(same) == 2 and repr(_bare_lhs(same[0])) == repr(_bare_lhs(same[1]))    # J^{(t)} both, not J = \sum_t J^{(t)}


def _bare_lhs(part):
    r"""A loss row's left side without its argument bracket (J^{(t)}(\theta) is J^{(t)})."""
    if part is not None and part[0] == "mul" and len(part[1]) == 2 and part[1][1][0] in ("paren", "list"):
        return part[1][0]
    return part


def _several_bodies(tree) -> bool:
    """A forward row whose chain holds more than one expression (not just names or stacks of names)."""
    from ..cell.authorcell import _is_stack
    return tree is not None and sum(p[0] != "sym" and not _is_stack(p) for p in tree[1][1:]) > 1


def _name_at_another_step(tree, vocab) -> bool:
    r"""A forward chain ending in a name at another step than its left side's: not another name for the
    left side but a claim about it (``c^{(3)} = f^{(3)} \odot c^{(2)} + i^{(3)} \odot \tilde{c}^{(3)} =
    \tilde{c}^{(2)}``, true only for the gate values stated in prose), so every link is checked."""
    if tree is None or len(tree[1]) < 3 or tree[1][0][0] != "sym":
        return False
    try:
        left = resolve(tree[1][0], vocab).time
        times = [resolve(p, vocab).time for p in tree[1][1:] if p[0] == "sym"]
    except (NotReadable, IllTyped):
        return False
    return left is not None and any(t is not None and repr(t) != repr(left) for t in times)


def _after_unread_head(above: str, text: str):
    r"""A row ``&= C`` (``text``) after a row ``A &= B`` (``above``) whose left side the reader cannot read (a macro
    of a file the note does not include, ``\grad{\vect{U}}{L} &= \outerp{...}{...}``) but whose last side it can:
    the link ``B = C``, checked as every link of a chain is; None where B is not read either."""
    from .arithmetic import split_sides
    sides = split_sides(above)
    if len(sides) < 2 or not sides[-1].strip():
        return None
    try:
        head = parse_row("X=" + sides[-1])
        tail = parse_row("X" + text)
    except LatexError:
        return None
    if len(head[1]) != 2 or list(head[2]) != ["="]:
        return None
    return ("row", [head[1][1]] + tail[1][1:], tail[2])


#: A row ``&\approx f_t`` continues the row above as a claim of approximate equality (rowjudge.py).
_APPROX_START = re.compile(r"\s*\\(?:approx|simeq)(?![A-Za-z])")


def _expanded_term(above, tail):
    r"""The term of a row above that a row ``= X = ...`` expands (``X``: one of that row's last side's terms,
    word for word): ``\frac{\partial E}{\partial z_i} = A + B``, then "the first part:" ``&= A \\ &= \sum_k ...``
    and "the second part:" ``&= B \\ &= ...`` are chains about A and B, not about the left side of the row
    above. None for any other row."""
    last = above[1][-1] if len(above[1]) >= 2 else None
    if last is None or last[0] != "add" or len(last[1]) < 2 or len(tail[1]) < 2:
        return None
    head = repr(tail[1][1])
    return next((t for sign, t in last[1] if sign == "+" and repr(t) == head), None)


def _continued_row(out, k, tail) -> int:
    r"""The index of the row a row ``= ...`` (``tail``, at ``k``) continues: the row above, unless that row writes
    no derivative while the continuation does and a row shortly before writes derivatives. Then the
    continuation goes on with that gradient's chain, past a forward row the prose recalls in between
    (``\delta^{t-1} = \frac{\partial E}{\partial u^t} \frac{\partial u^t}{\partial u^{t-1}}``, "since
    ``u^t = W_{in} x^t + W z^{t-1} + b``", then ``= \delta^t \{ W f'(u^{t-1}) \}``: a Japanese study note)."""
    if _has_derivative(out[k - 1]) or not _has_derivative(("row", tail[1][1:], tail[2][1:])):
        return k - 1
    return next((j for j in range(k - 2, max(-1, k - 9), -1)
                 if out[j] is not None and _has_derivative(out[j])), k - 1)


def _continuations(rows, equations, errors=None, joined=None):
    """A row written ``= ...`` continues the row above: its left side is that row's. ``joined`` (a dict, filled
    when given): (line, column) of each such row -> the right side of the row it continues and its text (the side
    its own first side is equal to: a worked example's arithmetic goes on from there, examplesteps.py)."""
    out = list(rows)
    for k, eq in enumerate(equations):
        text = re.sub(r"^(?:\s|~|\\[,;:! ]|\\q?quad(?![A-Za-z]))*(?==)", "", eq.text)     # ~~~~ & = ...: spaces
        if rows[k] is None and k > 0 and out[k - 1] is not None and (text.startswith("=") or
                                                                     _APPROX_START.match(eq.text)):
            try:
                tail = parse_row("X" + text)
            except LatexError as e:
                if errors is not None and k in errors and e.line is not None:     # the reason past the '='
                    errors[k] = LatexError(e.reason, line=e.line, column=max(1, (e.column or 1) - (e.line == 1)),
                                           text=eq.text)
                    errors[k].malformed = getattr(e, "malformed", False)    # unbalanced brackets: fails
                continue
            part = next((t for t in (_expanded_term(out[j], tail) for j in range(k - 1, max(-1, k - 9), -1)
                                     if out[j] is not None) if t is not None), None)
            above = _continued_row(out, k, tail)
            out[k] = ("row", [part if part is not None else out[above][1][0]] + tail[1][1:], tail[2])
            if joined is not None and len(out[above][1]) >= 2:
                from .arithmetic import split_sides
                joined[(eq.line, eq.column)] = (out[above][1][-1], split_sides(equations[above].text)[-1].strip())
        elif rows[k] is None and k > 0 and out[k - 1] is None and text.startswith("=") and errors is not None and \
                k in errors and errors[k].reason == "unexpected '='":      # (was "unexpected '='")
            link = _after_unread_head(equations[k - 1].text, text)
            if link is not None:
                out[k] = link
                errors.pop(k, None)
            else:
                errors[k] = LatexError(f"it continues the row above (line {equations[k - 1].line}), which is not "
                                       "read", line=1, column=1, text=eq.text)
    return out


#: The most rows with one left side a file may hold (each row defining a name again is compared with the others:
#: 1000 copies of one forward row took 12 s; the most in 930 published notes is 15).
MAX_SAME_LEFT = 64


def _bounded_restatements(equations) -> None:
    """Refuse a file whose rows write one left side more than :data:`MAX_SAME_LEFT` times."""
    from collections import Counter
    same = Counter(left for e in equations if (left := e.text.partition("=")[0].strip()) and "=" in e.text)
    if same and max(same.values()) > MAX_SAME_LEFT:
        left, n = same.most_common(1)[0]
        raise LatexError(f"the file writes {left[:40]} = ... {n} times; the limit is {MAX_SAME_LEFT} rows with one "
                         f"left side")


def verify_derivation(text: str, *, path=None, strict=False, seed=0, notation=None, timeout=None,
                      through=None, before=(), macros=None) -> DerivationReport:
    """Judge every equation of a LaTeX derivation in the author's own notation (no cell name needed);
    ``through``: a line, after which no row is judged (:func:`verify_line`); ``before``: forward equations
    (``lhs = rhs`` strings) stated before the text (a named cell's, in the text's notation: the text's rows
    that state them again are claims about them), never reported; ``macros``: LaTeX macros defined elsewhere (a
    preamble file: :func:`~symlstm.verify.text.macros.preamble_macros`), the text's own definitions override them."""
    from .legend import read_legend
    from ..text.sourcefiles import derivation_source, on_file_lines
    from ..text.texfile import TexEquation, read_tex
    text, file_lines = derivation_source(text, path)        # a notebook, a Python source: as Markdown
    text = capped_blanks(text)
    tex = read_tex(text, macros)
    _bounded_restatements(tex.equations)
    legend = read_legend(tex.legend)
    before = [TexEquation(0, k + 1, row) for k, row in enumerate(before)]
    declared = declared_products(text)          # "$\odot$ = matrix multiplication" in the prose (signs.py)
    shown = {}                                  # (line, column, the row as read) -> the row as written
    if declared:
        def read(e):
            new = replace(e, text=with_declared_products(e.text, declared))
            if new.text != e.text:
                shown[(e.line, e.column, new.text)] = e.text
            return new
        tex = replace(tex, equations=[read(e) for e in tex.equations], given=[read(e) for e in tex.given])
    equations = before + sorted(tex.equations + tex.given, key=lambda e: (e.line, e.column))  # given rows build the cell
    if notation is not None:
        from ...latex.notation import notation as _notation
        notation = _notation(notation)
    if timeout is not None and not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    options = dict(strict=strict, seed=seed, notation=notation, legend=legend, shapes=tex.shapes, through=through,
                   prose=tex.prose,
                   seconds=READING_SECONDS if timeout is None else float(timeout))
    try:
        results = judge_rows(equations, **options)
        results = sorted(results + _slice_slips(results), key=lambda r: (r.line, r.column))
        cases = flag_cases(equations, tex.comments)     # if (use_peephole): ... beside wci = wcf = wco = 0 (flagcases.py)
        if cases is not None:
            results = merge_flag_cases(results, judge_rows(flag_off_equations(equations, cases), **options),
                                       equations, cases)
        from .handoutcells import with_handout_cell
        from ..text.codefences import BATCH_SHAPES, COMMENT_GROUP
        unchecked = []          # the code's formulas the reader could not check (code_results): reported unreadable
        batch = bool(BATCH_SHAPES.search(text))      # N, H = h_prev.shape: the code's vectors are 2-D arrays
        for rows in code_models(tex.code):
            # a numpy fence's formulas: a derivation of their own, one per model the classes state (a student's
            # backward functions against the handout's forward cell: handoutcells.py)
            rows, handout = with_handout_cell(rows)
            kind = "comment" if rows and all(getattr(e, "group", "") == COMMENT_GROUP for e in rows) else True
            judged = code_results(judge_rows(rows, **dict(options, prose=(), code=kind, batch=batch)), unchecked)
            for r in judged if handout else ():
                r.notes = list(r.notes or []) + [f"judged against {handout}, which the text does not state"]
            results = sorted(results + judged, key=lambda r: (r.line, r.column))
        if not before:
            results = _as_suggested_cell(results, equations, options)
        if "```" in text or "~~~" in text:
            results = _code_checks(text, results)
        results = _with_unchecked_code(results, unchecked)
    except LatexError:              # the file itself cannot be read (an unexpandable macro): the caller reports it
        raise
    except Exception as exc:        # noqa: BLE001 - a reader bug must not cost the user the file's other rows
        if os.environ.get("SYMLSTM_DEBUG"):
            raise
        results = _internal_error(sorted(equations + list(tex.code), key=lambda e: (e.line, e.column)), exc)
    if shown:           # the rows as the text writes them, not as read
        results = [replace(r, text=shown.get((r.line, r.column, r.text), r.text)) for r in results]
    results = [_without_internal_names(r) for r in results]
    return DerivationReport(None if path is None else str(path),
                            on_file_lines([r for r in results if r.line > 0], file_lines))


#: A name the reader gives a code variable's second value (``x@1``: x assigned again): internal, never shown.
_REBOUND = re.compile(r"(?<=[A-Za-z0-9_}])@\d+")


#: A key of an accented name (``hat:y``, ``tilde:c``: the reader's own spelling of \hat{y}, \tilde{c}).
_ACCENT_KEY = re.compile(r"(?<![A-Za-z\\])(hat|tilde|bar|check|dot|ddot|underline):([A-Za-z]+)")


def _shown(text: str) -> str:
    return _ACCENT_KEY.sub(lambda m: f"\\{m[1]}{{{m[2]}}}", _REBOUND.sub("", text))


def _slice_slips(results: list) -> list:
    """A failing :class:`RowResult` for each slice the prose states after a row that holds only with the other
    axis's slice (rowjudge.judge_tree's ``slice_slips``), once per statement."""
    out, seen = [], set()
    for r in results:
        for line, col, text, why in getattr(r, "slice_slips", ()) or ():
            if (line, col) not in seen:
                seen.add((line, col))
                out.append(RowResult(line, col, text, "fail", False, reading="definition", why=why))
    return out


def _without_internal_names(r):
    """``r`` with the reader's own names written as the text writes them: rebound code variables (``x@1``) and
    accented keys (``hat:y`` is \\hat{y})."""
    texts = [r.why or "", r.correct_latex or "", *(r.notes or ())]
    if not any("@" in x or ":" in x for x in texts):
        return r
    return replace(r, why=_shown(r.why or ""), notes=[_shown(n) for n in r.notes or ()],
                   correct_latex=None if r.correct_latex is None else _shown(r.correct_latex))


#: The longest run of spaces and tabs the reader keeps (a longer one is cut to this length): the patterns that
#: read code and rows scan such runs from each of their characters, so a hostile run of 100000 blanks would cost
#: minutes; blanks mean nothing beyond the indentation a line needs.
MAX_BLANKS = 64
_BLANKS = re.compile(r"[ \t]{%d,}" % (MAX_BLANKS + 1))


#: The longest line of a code fence the reader reads (a longer one, data or a minified line, is left out: the
#: fences' readers pass over each line many times).
MAX_CODE_LINE = 2000


def capped_blanks(text: str) -> str:
    """``text`` with every run of spaces and tabs longer than :data:`MAX_BLANKS` cut to that length and every code
    fence line longer than :data:`MAX_CODE_LINE` left empty (after the file's size bound: a file over it is
    refused, not shortened)."""
    from ..text.texfile import MAX_FILE_CHARS
    if len(text) > MAX_FILE_CHARS:
        raise LatexError(f"the file has {len(text)} characters; the limit is {MAX_FILE_CHARS}")
    text = _BLANKS.sub(lambda m: m[0][:MAX_BLANKS], text)
    if len(text) <= MAX_CODE_LINE or "```" not in text and "~~~" not in text:
        return text
    lines, fence = text.split("\n"), None
    for k, line in enumerate(lines):
        mark = re.match(r"\s*(`{3,}|~{3,})", line)
        if mark is not None and (fence is None or mark[1][0] == fence[0] and len(mark[1]) >= len(fence)):
            fence = mark[1] if fence is None else None
        elif fence is not None and len(line) > MAX_CODE_LINE:
            lines[k] = ""
    return "\n".join(lines)


#: The reason a row of a text without forward equations is not read (judge_rows), before its advice.
NO_FORWARD_WHY = "the derivation states no forward equations to read it against; "


#: A failure on the values of two sides of the same shapes (not on the names or shapes the reader assumed).
_DIFFER = re.compile(r"the sides differ|the arithmetic does not hold")


#: A concatenation of the state before and the input, ``\begin{pmatrix} a_{prev} \\ x_t \end{pmatrix}``,
#: ``[h_{t-1}, x_t]``, ``concat``: weights that act on both at once.
_STACKED_STATE = re.compile(r"\\begin\{(?:[pbv]matrix|array)\}(?:\s*\{[^{}]*\})?\s*[ahHs](?![A-Za-z])|"
                            r"\[\s*[ahHs](?:_\{?(?:t-1|prev)\}?|\^\{?\\langle t-1)[^\]]*[,;]\s*[xX]|concat", re.I)


def _as_suggested_cell(results: list, equations: list, options: dict) -> list:
    r"""``results`` with the rows a text without forward equations leaves unread judged against the built-in cell
    whose names, as a notation preset prints them, the rows write (presetnames.suggested: ``d\Gamma_o^{<t>}``,
    ``da_{next}`` are the LSTM's in the Coursera notation), as ``symlstm verify CELL --notation NAME`` judges
    them; each says so in a note. A failure of a row there on anything but its values (a shape, a name the cell
    has not: ``W_f [a_{prev}; x_t]`` of the Coursera notebooks, whose weights act on the concatenation) is the
    guessed cell's, not the author's: unreadable. Unchanged where the rows name no built-in cell unambiguously."""
    from .presetnames import preset_rows, stacked_rows, suggested
    unread = {r.line for r in results if r.status == "unreadable" and (r.why or "").startswith(NO_FORWARD_WHY)}
    if not unread:
        return results
    text = "\n".join(e.text for e in equations if e.line in unread)
    found = suggested(text)
    if found is None:
        return results
    from ...cells.registry import cell as _cell
    from ...latex.notation import notation as _notation
    from ..text.texfile import TexEquation
    name, preset = found
    rows = preset_rows(_cell(name), preset)
    stacked = bool(_STACKED_STATE.search(text))
    if stacked:         # W_f [a_{prev}; x_t]: the weights act on the concatenation, as the text writes them
        rows = stacked_rows(rows)
    given = [TexEquation(0, k + 1, row) for k, row in enumerate(rows)]
    token = GUESSED_CELL.set(True)
    try:
        again = judge_rows(given + list(equations), **dict(options, notation=_notation(preset)))
    finally:
        GUESSED_CELL.reset(token)
    note = (f"judged against the built-in {name} cell in the {preset} notation"
            f"{', its weights on the state and the input stacked' if stacked else ''} (the text states no forward "
            f"equations of its own)")
    new = [replace(r, notes=list(r.notes) + [note]) if r.status != "fail" or _DIFFER.match(r.why or "") else
           replace(r, status="unreadable", holds=None, why=f"{r.why}: against the built-in {name} cell, which the "
                   f"text does not state (its names only were matched), so not the author's error; not read",
                   notes=list(r.notes) + [note])
           for r in again if r.line in unread]
    new += [replace(r, notes=[note]) for r in _slice_slips([r for r in again if r.line in unread])]
    return sorted([r for r in results if r.line not in unread] + new, key=lambda r: (r.line, r.column))


def _code_checks(text: str, results: list) -> list:
    """``results`` with the rows of the code fences' own checks: the activation helpers (def dsigmoid(s): ...) and
    where a gradient's sum starts, and where a layer keeps its gradients (self.grads[0][...] = dWx), on lines no row
    judges; a previous step read at index -1 (wrapindex.py), the initial state read at every step
    (loopconstants.py) and the forward loop's last value read at every step of a later loop (stalevalues.py); a
    gradient set anew at each step (d_W = ... in the loop, read after it; grads[i][...] = grad gathering a step
    layer's gradients), one stored in another parameter's slot and a call that cannot run (np.dum(dt),
    np.hstack(a, b, c)), in place of the line's other rows."""
    from .accumstarts import start_results
    from .batchscale import batch_scale_results
    from .carries import carry_results
    from .updatedweights import updated_weight_results
    from .laststate import last_state_results
    from .codecalls import call_results
    from .seqentries import sequence_entry_results
    from .gradslots import misshapen_stores, slot_results
    from .helperdefs import helper_results
    from .stepcalls import step_call_results
    from .forwardcalls import forward_call_results
    from .wrapindex import wrap_results
    from .loopconstants import constant_results
    from .stalevalues import stale_results
    from .unboundnames import unbound_results
    from .unusedparams import unused_param_results
    from .opclasses import op_class_results

    def merge(rows, new, replaced=frozenset()):
        return sorted([r for r in rows if r.line not in replaced] + new, key=lambda r: (r.line, r.column))
    # a helper's verdict where the code's reading only defined a name (s = (1 - np.exp(-x)) / (1 + np.exp(-x)) in
    # def tanh: a forward row that claims nothing) replaces it when it fails: the helper is not its function
    plain = {r.line for r in results if r.status == "pass" and r.reading == "forward"}
    helpers = helper_results(text, {r.line for r in results} - plain)
    helpers = [h for h in helpers if h.line not in plain or h.status == "fail"]
    results = merge(results, helpers, {h.line for h in helpers if h.line in plain})
    starts = start_results(text, {r.line for r in results})
    results = merge(results, starts, {r.line for r in starts if r.status == "fail"})
    slips = call_results(text)
    results = merge(results, slips, {r.line for r in slips})
    taken = {r.line for r in results}
    entries = [r for r in sequence_entry_results(text) if r.status == "fail" or r.line not in taken]
    results = merge(results, entries, {r.line for r in entries})     # hs[-1] = np.copy(hprev) (seqentries.py)
    slipped = {r.line for r in slips}
    wraps = [r for r in wrap_results(text) if r.line not in slipped]     # s[:, t-1] at t = 0
    results = merge(results, wraps, {r.line for r in wraps})
    taken = slipped | {r.line for r in wraps}
    constants = [r for r in constant_results(text) if r.line not in taken]     # a_prev at every step of the loop
    results = merge(results, constants, {r.line for r in constants})
    taken |= {r.line for r in constants}
    stale = [r for r in stale_results(text) if r.line not in taken]     # o of the forward's last step (stalevalues.py)
    results = merge(results, stale, {r.line for r in stale})
    steps = step_call_results(text)    # gradients = rnn_cell_backward(da[:, :, t] + da_prevt, ...) (stepcalls.py)
    results = merge(results, steps, {r.line for r in steps})
    calls = forward_call_results(text)  # a_next, yt, cache = rnn_cell_forward(x[:, :, t], a_next, ...) (forwardcalls.py)
    results = merge(results, calls, {r.line for r in calls})
    results = batch_scale_results(text, results)    # db = dz.mean(axis=1) beside dy = (p - y) / B (batchscale.py)
    updated = updated_weight_results(text)          # self.W1 -= ...; then dx = d @ self.W1.T (updatedweights.py)
    results = merge(results, updated, {r.line for r in updated})
    carries = carry_results(text)                   # h_prev = h_current at a forward loop's end (carries.py)
    results = merge(results, carries, {r.line for r in carries})
    kept = last_state_results(text)     # ... if t > 0 else self.hprev, after self.hprev = outputs[:, -1] (laststate.py)
    results = merge(results, kept, {r.line for r in kept})
    sources = {}
    slots = slot_results(text, sources)     # self.grads[1][...] = dWx; grads[i][...] = grad in the steps (gradslots.py)
    slots = misshapen_stores(slots, results, sources)       # ... = dWh where dWh = np.sum(dt, axis=0)
    taken = {r.line for r in results}
    results = merge(results, [r for r in slots if r.status == "fail" or r.line not in taken],
                    {r.line for r in slots if r.status == "fail"})
    ops = op_class_results(text)        # MultiplyGate.backward against its own forward (opclasses.py)
    results = merge(results, ops, {r.line for r in ops})
    unbound = unbound_results(text)     # dx = np.matmul(dt, Wt.T) beside Wx, Wh, b = self.params (unboundnames.py)
    results = merge(results, unbound, {r.line for r in unbound})
    dropped = unused_param_results(text)    # t = h_prev @ Wh + x @ Wx beside db = ... (unusedparams.py)
    return merge(results, dropped, {r.line for r in dropped})


#: Words a code name of a gradient starts with (``grad_c_t``, ``dWhy``, ``delta_h``): a statement defining such a
#: name is taken by the reader for a definition when it reads no cell it could check it against.
CODE_GRADIENT_NAME = re.compile(r"^\s*(?:grad|delta|d[A-Z]|d[a-z]{1,2}(?![a-z])|d_|d[a-z]d[a-z](?![\w{])|"
                                r"[A-Za-z]\w*_\{?d[a-z]{1,3}\}?\s*=)")      # init_dh: the initial state's gradient


#: A weight a code formula reads (``W_{x}``, ``U``, ``W_{hh}``): two classes whose forward formulas read the same
#: weight are two models (an RNN and an LSTM class each with its ``Wx, Wh, b = self.params``), not one made of parts.
_WEIGHT_READ = re.compile(r"(?<![\\\w{])([WU](?:_\{[^{}]*\}|_[A-Za-z0-9]+)?)(?![\w{(])")
_GRADIENT_TEXT = re.compile(r"\s*(?:d|delta|grad|\\frac|\\partial|\\nabla|\\delta)")


def code_models(code) -> list:
    """The formulas of a file's numpy fences, in groups judged one by one: the classes (TexEquation.group) go
    together, as a model composed of its parts (an LSTM network calling its LSTMCell) does, unless one defines
    a name another already defines (an RNN, an LSTM and a GRU class each computing h): then each such class is a
    model of its own, as is a class whose forward formulas read a weight another's read (two cells with their own
    ``Wx, Wh, b``). The formulas outside classes join the first group."""
    def defined(e):
        k = e.text.find("=")
        return re.sub(r"\\mathrel\{[+-]\}|\s", "", e.text[:k]) if k > 0 else ""
    classes = [g for g in dict.fromkeys(e.group for e in code) if g and not g.startswith(("def:", "comment:"))]
    # rnn_backward beside class VanillaRNN: the functions of a cell join the class named for it
    home = {g: next((c for c in classes if g[4:] in c.lower()), g) for g in {e.group for e in code}
            if g.startswith("def:")}
    code = [replace(e, group=home.get(e.group, e.group)) for e in code]
    from ..text.codefences import ACTIVATION_CLASSES, ACTIVATION_GROUP, COMMENT_GROUP, INFERENCE_GROUP
    models, seen, seen_weights, own = [[]], set(), set(), []
    for g in dict.fromkeys(e.group for e in code if e.group):
        if g == COMMENT_GROUP or g.startswith((INFERENCE_GROUP, ACTIVATION_GROUP)):
            own.append([g])         # the math the comments state, a function running the trained model
            continue                # (sample, predict): a derivation of its own, in its own names
        if g.lower() in ACTIVATION_CLASSES:     # class Sigmoid: state = 1 / (1 + exp(-x)): a function, no part
            own.append([g])                     # of the cell whose objects apply it (its x is not the cell's)
            continue
        names = {defined(e) for e in code if e.group == g} - {""}
        weights = {w for e in code if e.group == g and not _GRADIENT_TEXT.match(e.text)
                   for w in _WEIGHT_READ.findall(e.text.partition("=")[2])}
        if (names & seen or weights & seen_weights) and models[-1]:
            models.append([])
            seen, seen_weights = set(), set()
        models[-1].append(g)
        seen |= names
        seen_weights |= weights
    models[0].append("")
    out = [rows for rows in (sorted((e for e in code if e.group in gs), key=lambda e: (e.line, e.column))
                             for gs in models + own) if rows]
    if out and not any(e.group for e in out[0]):
        out[:1] = _name_systems(out[0])         # (formulas outside classes only: split where they share no name)
    return out


#: Words of a formula's text that name no quantity: LaTeX's commands and numpy's functions, the time letters.
_NO_NAME = frozenset({"mathrel", "sum", "exp", "log", "tanh", "sigma", "sigmoid", "softmax", "np", "T", "t", "i",
                      "j", "k", "n", "N", "frac", "left", "right", "cdot", "odot", "times", "prev", "next", "zeros",
                      "ones", "sqrt", "max", "dot", "axis", "relu", "onehot", "len", "range"})


#: A name of a formula's text with its subscript (``W_{xh}``, ``b_1``, ``hs_{t-1}``).
_SYSTEM_NAME = re.compile(r"(?<![\\A-Za-z])([A-Za-z][A-Za-z0-9]*)(?:_\{([^{}]*)\}|_([A-Za-z0-9]))?")


def _system_name(m) -> str:
    """The name a match of :data:`_SYSTEM_NAME` reads: with its label (W_xh), without a step (hs for hs_{t-1})."""
    sub = (m[2] if m[2] is not None else m[3] or "").replace(" ", "")
    if not sub or re.fullmatch(r"[tikT](?:[-+]\d)?|prev|next", sub):
        return m[1]
    return f"{m[1]}_{sub}"


def _name_systems(rows: list) -> list:
    """``rows`` (module-level formulas of code) as the groups of rows that share names (a lecture's pseudo-code
    fence, ``h[i] = sigma(W_h@h[i-1] + ...)``, beside the min-char-rnn's ``hs[t] = np.tanh(...)``: two models, no
    name in common); one group where they are connected, or where a group would have no definition."""
    if len(rows) < 2 or len(rows) > 4000:
        return [rows]
    words = [{_system_name(m) for m in _SYSTEM_NAME.finditer(e.text)} - _NO_NAME for e in rows]
    parent = list(range(len(rows)))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a
    first = {}
    for k, ws in enumerate(words):
        for w in ws:
            if w in first:
                parent[find(k)] = find(first[w])
            else:
                first[w] = k
    groups = {}
    for k in range(len(rows)):
        groups.setdefault(find(k), []).append(rows[k])
    if len(groups) < 2 or any(len(g) < 2 for g in groups.values()):
        return [rows]
    return sorted(groups.values(), key=lambda g: (g[0].line, g[0].column))


def _with_unchecked_code(results: list, unchecked: list) -> list:
    """``results`` with the code formulas no check reached, each ``unreadable`` with why (a line some row or check
    of the fences judges keeps its verdict): every formula the fences hold gets a status."""
    taken = {r.line for r in results}
    seen = set()
    new = []
    for r in unchecked:
        if r.line in taken or r.line in seen:
            continue
        seen.add(r.line)
        why = r.why or "the reader cannot read it"
        new.append(RowResult(r.line, r.column, r.text, "unreadable", None, why=f"{UNCHECKED_CODE}{why}",
                             at=r.at))
    return sorted(results + new, key=lambda r: (r.line, r.column)) if new else results


#: Why a failing formula of code whose own forward formulas fail is not reported as failing (code_results).
MISREAD_CODE = ("a forward formula of this code fails as read (line {line}: {why}), so the reader has misread the "
                "code's names or shapes (numpy would have raised), and its rows are not judged")

#: Failures of a code name's own value, not of a forward formula: a function's derivative the code keeps
#: (gradlikedef.py).
_OWN_VALUE_WHY = re.compile(r"\S+: the derivative of \w+ at its argument")

#: A row that only fetches a state's value at a step into a name that says the step (``C_prev = C[t-1]``, read
#: ``C_{prev} = C_{t-2}`` beside a list kept from the start): a wrong step is the code's index slip, not the
#: reader's misreading of its names.
_FETCH = re.compile(r"\s*[A-Za-z]\w*_\{(?:prev|next)\}\s*=\s*[A-Za-z]\w*_\{t(?:[-+]\d)?\}\s*|"
                    # (and one storing it: h[:, t, :] = prev_h after prev_h, cache = step(x_t, prev_h, ...), the
                    # name carried from one call to the next holding step t's state: forwardcalls.py judges it)
                    r"\s*[A-Za-z]\w*_\{t(?:[-+]\d)?\}\s*=\s*[A-Za-z]\w*_\{(?:prev|next)\}\s*")

#: How a code formula the reader could not check is reported (_with_unchecked_code).
UNCHECKED_CODE = "not checked (code read as formulas): "


#: Why a running sum of the backward pass (``summ = summ + mul``) is not reported as a definition that holds.
BACKWARD_SUM_WHY = ("a running sum of the code (the name plus a term, set again in a loop) that only gradients read: "
                    "a value of the backward pass, which no formula of the cell defines; not checked")
#: A name on a right side, with its subscript (``summ``, ``summ_{prev}``): the name.
_RIGHT_NAME = re.compile(r"(?<![\w\\])([A-Za-z][A-Za-z0-9]*)(?:_\{[^{}]*\})?(?![\w{])")
#: A running product of the code (``prod = Jj @ prod`` in a loop: read ``prod = Jj prod_{prev}``), a word's name.
_RUNNING_PRODUCT = re.compile(r"\s*(?P<x>(?=[A-Za-z]{3})[A-Za-z][A-Za-z0-9]*)(?:_\{t\})?\s*=\s*(?:[A-Za-z][\w{}]*\s+(?P=x)_\{prev\}|"
                              r"(?P=x)_\{prev\}\s+[A-Za-z][\w{}]*)\s*")
_RUNNING_SUM = re.compile(r"\s*(?P<x>(?=[A-Za-z]{3})[A-Za-z][A-Za-z0-9]*)(?:_\{t\})?\s*=\s*(?P=x)_\{prev\}\s*[-+]")


#: Why a running product of the code that no row reads is not reported as a definition that holds.
RUNNING_PRODUCT_WHY = ("a running product of the code (the name times a factor, set again in a loop) that no row reads: "
                       "a value of the code's own, which no formula of the cell defines; not checked")


def _backward_sums(results) -> dict:
    """The ids of the rows read as a definition ``X = X_{prev} + ...`` (code's ``summ = summ + mul`` in a loop: a
    running sum; X a word of three letters or more, never a state's letter) where no other definition reads X and
    a gradient's row does: a value the backward pass builds
    (b-rib's vanilla RNN sums its Jacobian products so). Passed as a definition, it passed with nothing checked.
    So is a running product no row reads (``prod = Jj @ prod``). {id: why not checked}."""
    out = {}
    readers = {}        # name -> {id of a row whose right side reads it: forward?} (one pass over the rows)
    for q in results:
        if "=" in q.text:
            for w in set(_RIGHT_NAME.findall(q.text.split("=", 1)[1])):
                readers.setdefault(w, {})[id(q)] = q.reading == "forward"
    for r in results:
        m = _RUNNING_SUM.match(r.text) if r.reading == "forward" and r.status == "pass" else None
        p = _RUNNING_PRODUCT.match(r.text) if r.reading == "forward" and r.status in ("pass", "fail") and m is None \
            else None       # (a product failed for its time: prod = J_t prod_{prev} in a loop over the J's)
        if m is None and p is None or (m or p)["x"] in LOSS_NAMES:
            continue
        others = [fwd for q, fwd in readers.get((m or p)["x"], {}).items() if q != id(r)]
        if p is not None:
            if not others:
                out[id(r)] = RUNNING_PRODUCT_WHY        # prod = Jj prod_{prev}: a running product no row reads
            continue
        if not any(others) and not all(others):
            out[id(r)] = BACKWARD_SUM_WHY       # (read by no forward row, and by some other row)
    return out


def code_results(results, unchecked=None) -> list:
    """The results of a numpy fence's formulas worth reporting: judged ones, but not a failure on a name the fence
    never defines (a value cached elsewhere in the code, ``tanh_c_t``; a function's arguments, ``u = x @ w + r @
    v + b``, ``dv = r.T @ delta``), and not a gradient's statement passed
    only as the definition of a name (nothing checked it): code is read only where it can be. A model whose own
    forward formulas fail (``gu = x @ wg + r @ vg + bg`` read as a column times a matrix: numpy would have raised,
    so the reader misread the code's shapes or names) reports none of its failures: its cell is not known; nor
    does a gradient's assignment whose name the reader reads with another shape than its value's (the code's
    assignment gives the name the value's shape). What it leaves out for the reader's own limits (not the
    definitions, nor the factors another row completes) goes to ``unchecked``, reported unreadable."""
    out = []
    unchecked = [] if unchecked is None else unchecked
    factors = _scaled_below(results)
    misread = next((r for r in results if r.status == "fail" and not _GRADIENT_TEXT.match(r.text) and
                    "=" in r.text and not re.search(r"\\mathrel\{[+-]\}=", r.text) and
                    not _UNKNOWN_NAMES.search(r.why or "") and not CROSSED_WHY.search(r.why or "") and
                    not _OWN_VALUE_WHY.match(r.why or "") and not _FETCH.fullmatch(r.text)), None)
    sums = _backward_sums(results)
    for r in results:
        why = r.why or ""
        if id(r) in sums:
            unchecked.append(replace(r, status="unreadable", holds=None, why=sums[id(r)]))
            continue
        if misread is not None and (r.status == "fail" and not CROSSED_WHY.search(why) or
                                    r.status == "pass" and _matched_on_misread(why, misread.text)):
            unchecked.append(replace(r, why=MISREAD_CODE.format(line=misread.line, why=misread.why or "it fails")))
            continue        # (a gate's row with another gate's weight is the author's slip: crossedlabels.py; a code
            #                 name taken as the gradient its value matches, dh_raw = dtanh(h) * dh, matched it on
            #                 the misread cell: no evidence either)
        wider = re.match(r"(?:link \d+: )?the left side is (\d+)x(\d+) but (?:the right side|this side is) (\d+)x(\d+)", why)
        if r.status == "fail" and wider and int(wider[1]) * int(wider[2]) > int(wider[3]) * int(wider[4]) and \
                r.text.lstrip().startswith("d") and not re.search(r"\.(?:sum|mean)\(axis=|\\mathrel\{[+-]\}=", r.text):
            unchecked.append(replace(r, why=f"the reader takes the name for a wider quantity than the value the "
                                            f"code assigns ({why})"))
            continue        # df_raw = df * f * (1 - f): code's assignment makes its name as wide as the value, so
            #                 a name read wider (the whole stacked gates) is the reader's reading, not the code's error
            #                 (but a sum over an axis, db = np.sum(dt, axis=1), narrows the value itself: its shape is
            #                 the code's own, and a wrong axis is the code's error; and a name read narrower than
            #                 its value, dx = dA @ Wh.T with D != H, is no stacked reading; nor is a sum going on,
            #                 dWaa += dWax: the name has its shape already, and numpy would raise)
        if r.reading == "forward" and r.status == "unreadable" and CODE_GRADIENT_NAME.match(r.text) and \
                "is spelled as a gradient" in why:
            continue        # (d_y = np.copy(probability[t]) before d_y[y[t]] -= 1: a gradient's statement read as
            #                 the definition of a name, no formula to report, as below)
        if r.status == "unreadable" or r.status == "fail" and ("is not defined in this derivation" in why or
                                                               "no quantity" in why or "no row defines" in why or
                                                               why.endswith("is not a parameter") or
                                                               "is not computed yet" in why):
            unchecked.append(r)
            continue        # (code runs in order: a value read before the reader's run computes it is its misreading,
            #                 entrSum /= N as entrSum at the step before, never the code's error: Python would raise)
        if r.reading == "forward" and CODE_GRADIENT_NAME.match(r.text):
            continue
        if r.status == "fail" and id(r) in factors:
            continue        # du = n - h_prev, then du *= dout: a factor the in-place product below completes
        if r.status == "fail" and "written again on the right" in why and _scaled_in_place(r.text):
            continue        # dr *= dsigmoid(z_r) whose earlier value no row read: the name's two values are one to
            #                 the reader (Python rebinds it), so the row is not read, never failed
        if r.status == "pass" and re.search(r"\.(?:mean|sum|size)\(axis=", r.text):
            r.notes = list(r.notes) + [BATCH_MEAN_NOTE]
        out.append(r)
    return out


def _matched_on_misread(why: str, misread: str) -> bool:
    """A code name taken as the gradient of a quantity its value matched (``dh_raw: ... defined here as the gradient
    of last_{hs}``) where the forward row that fails as read is about that quantity (``h = last_{hs,t+1}``): the
    match was made on the misread value, no evidence."""
    m = re.search(r"defined here as the gradient of (?:the pre-activation of )?([^;()\s]+)", why)
    if m is None:
        return False
    name = m[1]         # (last_{hs} is read at a step there: last_{hs,t+1})
    tail = r"[},]" if name.endswith("}") else r"(?![\w{])"
    return re.search(rf"(?<![\w\\]){re.escape(name.rstrip('}'))}{tail}", misread) is not None


def _scaled_in_place(text: str) -> bool:
    """``NAME = NAME * (...)``: code's ``NAME *= ...`` as the fences spell it."""
    left, eq, right = text.partition("=")
    name = left.strip()
    return bool(eq and name and re.fullmatch(r"[A-Za-z][\w{}\\]*", name) and
                re.match(rf"\s*{re.escape(name)}\s*\*", right))


def _scaled_below(results) -> set:
    """ids of the code rows ``NAME = EXPR`` whose name the next row that mentions it scales in place (``NAME *=
    ...``, read ``NAME = NAME * (...)``): the assignment is a factor of the value the name ends with, no claim of
    its own (goldsborough's ``d_update_gate = candidate_h - old_h; d_update_gate *= d_output``)."""
    import bisect
    word = re.compile(r"(?<![\w\\])[A-Za-z][\w{}\\]*")
    where = {}          # name -> the indices of the rows that write it (one pass: a fence of 2000 rows stays fast)
    for k, r in enumerate(results):
        for w in set(word.findall(r.text)):
            where.setdefault(w, []).append(k)
    out = set()
    for k, r in enumerate(results):
        left, eq, right = r.text.partition("=")
        name = left.strip()
        if not eq or not name or not re.fullmatch(r"[A-Za-z][\w{}\\]*", name) or right.lstrip().startswith("=") or \
                _scaled_in_place(r.text):
            continue
        rows = where.get(name, [])
        later = next((results[j] for j in rows[bisect.bisect_right(rows, k):] if results[j].line > r.line), None)
        if later is None:
            continue
        m = re.fullmatch(rf"\s*{re.escape(name)}\s*=\s*{re.escape(name)}\s*\*(?P<rest>.*)", later.text, re.S)
        if m is not None and re.search(r"(?<![\w\\])d[A-Za-z_][\w{}\\]*(?![\w{}\\]*\s*\()", m["rest"]):
            out.add(id(r))      # (scaled by a gradient, d_output: the name was a factor; scaled by an
            #                     activation's derivative, d_input = d_input * i * (1 - i), it was a gradient)
    return out


#: A forward-like code row failing on names the file never defines (``a product of two names no row defines``): the
#: code's own workspace names, not a sign that the reader misread the cell's shapes; nor a name read at a step
#: outside the run (``layer = self.layers[t]``: an object a list keeps, read as a quantity at step t).
_UNKNOWN_NAMES = re.compile(r"names? no row defines|is not defined in this derivation|is not a parameter|"
                            r"is not computed yet|is never defined\)")


#: What a code row's mean over an axis was checked for (the reader's arrays hold one example).
BATCH_MEAN_NOTE = ("checked for one example: a sum or mean over a batch's examples (.sum(axis=...), "
                   ".mean(axis=...), / dy.shape[0]) is then the example itself, so how a batch is scaled is not "
                   "checked")


def _internal_error(equations, exc) -> list:
    """Every row unreadable, saying so, when the reader itself fails on a file (a bug of symlstm, not of the file):
    the report still lists every row (the code fences' formulas too: a file of code alone is not "no equations"),
    and the exit status says not everything was read."""
    why = (f"symlstm's reader failed on this file ({type(exc).__name__}: {str(exc)[:120]}); no row was judged. "
           f"This is a bug of symlstm: please report it with the file (SYMLSTM_DEBUG=1 shows the traceback)")
    return [RowResult(e.line, e.column, e.text, "unreadable", None, why=why)
            for e in equations if not getattr(e, "given", False)]


def verify_line(text: str, line: int, **options) -> list:
    """The RowResults that :func:`verify_derivation` (same ``options``) gives the equations on ``line``, without
    judging the rows after it: a row is judged with what the file's rows before it have read (their readings of a
    gradient name, ``ev.file_readings``), never with what later rows read, so these verdicts are those of the whole
    run. For re-judging one changed row of a file (tests/test_verify_mutants.py)."""
    return [r for r in verify_derivation(text, through=line, **options).results if r.line == line]
