"""Robustness of file mode: a bug of the reader on one file gives every row a status (never a traceback that
loses the file), and code that reassigns a name with a braced subscript, or updates a weight in place, is read."""
import importlib

import pytest

judge = importlib.import_module("symlstm.verify.judging.judge")

RNN = r"""$$ h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h) $$
$$ \frac{\partial h_t}{\partial h_{t-1}} = \mathrm{diag}(1 - h_t^2) W_{hh} $$
"""


def test_a_reader_bug_leaves_every_row_unreadable_with_the_reason(monkeypatch):
    def boom(*args, **kwargs):
        raise TypeError("unhashable type: 'list'")
    monkeypatch.setattr(judge, "judge_rows", boom)
    monkeypatch.delenv("SYMLSTM_DEBUG", raising=False)
    results = judge.verify_derivation(RNN).results
    assert [(r.line, r.status) for r in results] == [(1, "unreadable"), (2, "unreadable")]
    assert all("TypeError" in r.why and "bug of symlstm" in r.why for r in results)
    monkeypatch.setenv("SYMLSTM_DEBUG", "1")
    with pytest.raises(TypeError):
        judge.verify_derivation(RNN)


def test_the_same_file_is_judged_without_the_bug():
    assert [r.status for r in judge.verify_derivation(RNN).results] == ["pass", "pass"]
    wrong = RNN.replace(r"(1 - h_t^2) W_{hh}", r"(1 - h_t^2) W_{xh}")
    assert [r.status for r in judge.verify_derivation(wrong).results] == ["pass", "fail"]


def test_update_rules_and_braced_code_names_do_not_crash():
    text = RNN + "\n".join([
        r"$$ W_{hh} = W_{hh} - \eta \frac{\partial L}{\partial W_{hh}} $$",    # descent: passes
        r"$$ W_{xh} = W_{xh} + \eta \frac{\partial L}{\partial W_{xh}} $$",    # ascent: fails
        r"$$ dh_{tilde} = dh_{tilde} \odot (1 - h_t^2) $$",                     # code reassignment of a braced name
    ]) + "\n"
    results = judge.verify_derivation(text).results
    by_line = {r.line: r.status for r in results}
    assert by_line[1] == by_line[2] == "pass"
    assert by_line[3] == "pass" and by_line[4] == "fail"
    assert 5 in by_line         # dh_{tilde} = dh_{tilde} ...: a verdict of its own, not a crash of the whole file
    assert all("bug of symlstm" not in (r.why or "") for r in results)
