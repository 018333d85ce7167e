"""The plan draft: kept whole and private, a damaged one ignored, a failed write said plainly."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from consult_app.context import AppContext
from consult_app.ui.patient_file import PatientFilePanel
from consult_app.ui.patient_file.plan_draft import PlanDraft, drop_draft, load_draft, save_draft
from consult_app.ui.patient_file.plan_tab import to_qdate
from ui import test_patient_file as base
from ui.test_flow_plan import patient_with_goals
from ui.test_patient_file import label_text

# The fixtures are shared with the whole-visit test.
clock = base.clock
context = base.context
selection = base.selection
panel = base.panel

DRAFT = PlanDraft(7, 1, date(2025, 3, 17), date(2025, 6, 1), "Prefers mornings")


def test_a_draft_is_kept_privately_read_back_and_dropped(tmp_path: Path) -> None:
    save_draft(tmp_path, 3, DRAFT)
    path = tmp_path / "drafts" / "plan-3.json"
    if os.name == "posix":
        assert path.stat().st_mode & 0o077 == 0
    assert load_draft(tmp_path, 3) == DRAFT
    assert load_draft(tmp_path, 4) is None
    drop_draft(tmp_path, 3)
    drop_draft(tmp_path, 3)  # dropping twice is harmless
    assert load_draft(tmp_path, 3) is None


def test_a_damaged_draft_is_ignored(tmp_path: Path) -> None:
    save_draft(tmp_path, 3, DRAFT)
    path = tmp_path / "drafts" / "plan-3.json"
    for damaged in ("{not json", '{"visit_id": 7}', '{"visit_id": "x", "first_areas": 1}', "[]"):
        path.write_text(damaged, encoding="utf-8")
        assert load_draft(tmp_path, 3) is None


def test_a_draft_that_cannot_be_written_says_to_save_the_plan(
    qtbot: QtBot, panel: PatientFilePanel, context: AppContext
) -> None:
    mia = patient_with_goals(context, "Mia", ("glabella",))
    (context.data_dir / "drafts").write_text("in the way", encoding="utf-8")
    panel.open_patient(mia)
    panel.plan.review_date.setDate(to_qdate(date(2025, 3, 19)))
    message = label_text(panel, "planMessage")
    assert "could not be kept as a draft" in message and "Save the plan" in message
    assert "not saved" in panel.session.pending_work()
