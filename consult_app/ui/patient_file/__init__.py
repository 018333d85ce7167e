"""The patient file: search, details, safety check, goals, plan, treatment, review, history.

The recall list dialog is in :mod:`consult_app.ui.patient_file.recall_dialog`, imported when
it is first opened.
"""

from consult_app.ui.patient_file.panel import PatientFilePanel

__all__ = ["PatientFilePanel"]
