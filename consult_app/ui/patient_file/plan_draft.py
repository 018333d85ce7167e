"""A plan being adjusted but not saved yet, kept in the data folder so a crash loses nothing."""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from consult_app.paths import ensure_private_dir, write_private_file


@dataclass(frozen=True)
class PlanDraft:
    """The practitioner's unsaved choices on the plan tab for one patient's visit."""

    visit_id: int | None
    first_areas: int
    review: date
    repeat: date
    note: str


def _path(data_dir: Path, patient_id: int) -> Path:
    return data_dir / "drafts" / f"plan-{patient_id}.json"


def save_draft(data_dir: Path, patient_id: int, draft: PlanDraft) -> None:
    """Keep the draft (written whole, readable by this account only). Raises ``OSError``."""
    folder = ensure_private_dir(data_dir / "drafts")
    fields = asdict(draft) | {"review": draft.review.isoformat()}
    fields["repeat"] = draft.repeat.isoformat()
    write_private_file(folder / f"plan-{patient_id}.json", json.dumps(fields).encode())


def load_draft(data_dir: Path, patient_id: int) -> PlanDraft | None:
    """Return the patient's kept draft; ``None`` if there is none or it cannot be read."""
    try:
        fields = json.loads(_path(data_dir, patient_id).read_text(encoding="utf-8"))
        visit_id = fields["visit_id"]
        return PlanDraft(
            visit_id=int(visit_id) if visit_id is not None else None,
            first_areas=int(fields["first_areas"]),
            review=date.fromisoformat(fields["review"]),
            repeat=date.fromisoformat(fields["repeat"]),
            note=str(fields["note"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        # A damaged draft is only a convenience lost: the saved plan is untouched.
        return None


def drop_draft(data_dir: Path, patient_id: int) -> None:
    """Forget the patient's draft (after it was saved, or discarded)."""
    with contextlib.suppress(FileNotFoundError):
        _path(data_dir, patient_id).unlink()
