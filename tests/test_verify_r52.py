r"""Round 52 notations.

* Code: an assignment with a type annotation (``h: np.ndarray = (1 - z) * h + z * h_tilde``) is the assignment;
  in a function whose vectors are rows, the loop's own ``for t in range(...)`` keeps its step variable (it was
  read as a transpose, so the loop's carried state was lost), and a learning rate (``eta``) is a scalar.

Expected verdicts were worked out by hand; the notes' own (derivations/firstcontact/round51-a) also by their
finite-difference scripts, which do not use symlstm.
"""
from pathlib import Path

from symlstm.verify import verify_file

ROOT = Path(__file__).resolve().parents[1] / "derivations" / "firstcontact"
ROWVEC_GRU = ROOT / "round51-a" / "gru_layer_rowvec_numpy.md"


def _statuses(path):
    out = {}
    for r in verify_file(None, str(path), timeout=10).results:
        out.setdefault(r.line, []).append(r.status)
    return out


def _mutant(tmp_path, old, new):
    text = ROWVEC_GRU.read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "mutant.md"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


def test_an_annotated_assignment_in_a_row_layout_gru_layer():
    got = _statuses(ROWVEC_GRU)
    # forward (a_z, z, a_r, r, a_h, h_tilde, the annotated h update) and the backward step: all hold
    for line in (78, 80, 81, 83, 84, 86, 88, 162, 163, 165, 166, 168, 169, 171, 172, 173, 175, 176, 177,
                 179, 180, 181, 185, 186, 187, 188, 190):
        assert got[line] == ["pass"], line
    assert "fail" not in {s for v in got.values() for s in v}


def test_row_layout_gru_layer_mutants_fail(tmp_path):
    got = _statuses(_mutant(tmp_path, "dz = dh * (h_tilde - h_prev)", "dz = dh * (h_prev - h_tilde)"))
    assert got[165] == ["fail"] and sum(s == "fail" for v in got.values() for s in v) == 1
    got = _statuses(_mutant(tmp_path, "dU_z += h_prev.T @ da_z", "dU_z += h_prev.T @ da_r"))
    assert got[176] == ["fail"] and sum(s == "fail" for v in got.values() for s in v) == 1
    got = _statuses(_mutant(tmp_path, "dh_prev += da_z @ self.U_z.T", "dh_prev += da_z @ self.U_r.T"))
    assert got[187] == ["fail"]
