"""Pure rules for a patient's file; no I/O, no Qt.

- ``models``: frozen records (patient, visit, screening, goals, plan, treatments, amendments).
- ``screening``: ``evaluate_screening`` and ``treatment_refusal``.
- ``plan``: ``derive_plan``, ``plan_after_treatment``, ``apply_review``, ``move_step``.
- ``dates``: ``age_on``, ``plan_dates``, ``local_day``, ``parse_date``.
- ``validation``: ``validate_patient`` and friends, returning ``{field: message}``.
- ``search_text``: case- and accent-free text for search as you type.
"""
