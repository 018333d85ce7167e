"""The patient file: search, details, safety check, goals, plan, treatment, review, history."""

from consult_app.ui.patient_file.panel import PatientFilePanel
from consult_app.ui.patient_file.recall_dialog import RecallDialog

__all__ = ["PatientFilePanel", "RecallDialog"]
