"""Screening rules: which findings apply today, and whether an area may be treated.

Questions come from ``content.screening``; derived checks (age, recent treatment) are worked
out from the record, never asked, from ``content.derived_checks``; the questionnaire's result
(``content.questionnaire``) is recorded with the visit. A rule limited to some products is
applied when a treatment with one of them is recorded, as screening comes before the product
is chosen.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date

from consult_app.content.models import (
    AppliesTo,
    Content,
    DerivedCheck,
    DerivedCheckKind,
    Questionnaire,
    Rule,
    ScreeningQuestion,
)
from consult_app.domain.dates import age_on, days_between
from consult_app.domain.models import (
    Answer,
    Finding,
    QuestionnaireResult,
    ScreeningAnswer,
    ScreeningResult,
    ScreenOutcome,
)

#: The id used in ``ScreeningResult.unanswered`` when the birth date is missing.
MISSING_BIRTH_DATE = "birth_date"


def _affected(
    content: Content,
    scope: AppliesTo,
    area_ids: Collection[str],
    named: Collection[str] = (),
) -> tuple[str, ...]:
    """Return the areas (chosen ones, or all if none chosen) that ``scope`` covers.

    ``named``, when given, narrows the scope to those areas.
    """
    areas = tuple(content.area(a) for a in area_ids) if area_ids else content.areas
    return tuple(a.id for a in areas if scope.covers(a.kind) and (not named or a.id in named))


def product_names(content: Content, product_ids: Iterable[str]) -> str:
    """Return the products' generic names, joined for a sentence."""
    names = []
    for product_id in product_ids:
        try:
            names.append(content.product(product_id).name)
        except KeyError:
            names.append(product_id)
    return ", ".join(names)


def answer_problem(question: ScreeningQuestion, answer: ScreeningAnswer) -> str | None:
    """Return why ``answer`` cannot be saved as it is, or ``None`` if it can."""
    if question.note_prompt and answer.answer is Answer.YES and not answer.note.strip():
        return f"Write in the note: {question.note_prompt} The answer is saved with it."
    return None


#: The question the record can answer: any toxin within ``timing.ask_about_toxin_within_days``.
RECENT_TOXIN_QUESTION = "recent_toxin"


def known_answer(
    content: Content, question_id: str, previous_treatment_dates: Collection[date], today: date
) -> ScreeningAnswer | None:
    """Return the answer the record already gives to ``question_id``, or ``None``.

    A toxin treatment recorded here within the window the recent-toxin question asks about
    makes its answer *yes*. With none recorded, the patient is still asked: they may have
    been treated elsewhere.
    """
    if question_id != RECENT_TOXIN_QUESTION:
        return None
    window = content.timing.ask_about_toxin_within_days
    recent = [d for d in previous_treatment_dates if 0 <= days_between(d, today) <= window]
    if not recent:
        return None
    last = max(recent)
    note = f"Treated here on {last.isoformat()}, {days_between(last, today)} days ago."
    return ScreeningAnswer(question_id, Answer.YES, note)


def carries_over(earlier: ScreeningAnswer) -> bool:
    """Return whether an earlier answer still holds when the patient says nothing changed.

    The recent-toxin question asks about a window that moves on: *no* then and nothing since is
    still *no*, but a *yes* (or *unsure*) then may have left the window, so it is asked again.
    """
    return earlier.question_id != RECENT_TOXIN_QUESTION or earlier.answer is Answer.NO


def record_contradiction(
    content: Content,
    answer: ScreeningAnswer,
    previous_treatment_dates: Collection[date],
    today: date,
) -> str | None:
    """Return why ``answer`` contradicts the record (and so is refused), or ``None``."""
    known = known_answer(content, answer.question_id, previous_treatment_dates, today)
    if known is None or answer.answer is known.answer:
        return None
    return f"The record says otherwise: {known.note} Answer yes; the note can say more."


def _questionnaire_finding(
    questionnaire: Questionnaire,
    results: Iterable[QuestionnaireResult],
    areas: tuple[str, ...],
) -> Finding | None:
    """Return the finding for the questionnaire's recorded result (or its absence)."""
    given = next((r for r in results if r.questionnaire_id == questionnaire.id), None)
    if given is None:
        reason = questionnaire.missing_reason
    elif given.outcome is ScreenOutcome.NEGATIVE:
        return None
    else:
        base = (
            questionnaire.positive_reason
            if given.outcome is ScreenOutcome.POSITIVE
            else questionnaire.declined_reason
        )
        reason = f"{base} ({given.instrument}, recorded by {given.recorded_by or 'unknown'})"
        if given.note.strip():
            reason = f"{reason} Note: {given.note.strip()}"
    return Finding(questionnaire.id, questionnaire.rule, reason, areas)


def _derived_finding(
    content: Content,
    check: DerivedCheck,
    birth_date: date | None,
    previous_treatment_dates: Collection[date],
    today: date,
    areas: tuple[str, ...],
) -> Finding | None:
    if check.from_birth_date:
        if birth_date is None:
            return None
        age = age_on(birth_date, today)
        assert check.value is not None  # check-content requires an age for the age checks
        applies = (
            age < check.value if check.kind is DerivedCheckKind.MINIMUM_AGE else age >= check.value
        )
        if not applies:
            return None
        detail = f"age {age}"
        if check.products:
            detail = f"{detail}; concerns {product_names(content, check.products)}"
        reason = f"{check.reason} ({detail})"
        return Finding(check.id, check.rule, reason, areas, products=check.products)
    earlier = [d for d in previous_treatment_dates if d <= today]
    if not earlier:
        return None
    last = max(earlier)
    days = days_between(last, today)
    # Each area keeps its own minimum interval (face 90 days, underarm 112).
    waiting = tuple(a for a in areas if days < content.area(a).timing.min_interval_days)
    if not waiting:
        return None
    intervals = sorted({content.area(a).timing.min_interval_days for a in waiting})
    detail = (
        f"last treatment on {last.isoformat()}, {days} days ago; these areas need "
        f"{' or '.join(str(i) for i in intervals)} days"
    )
    return Finding(check.id, check.rule, f"{check.reason} ({detail})", waiting)


def evaluate_screening(
    content: Content,
    answers: Mapping[str, ScreeningAnswer] | Iterable[ScreeningAnswer],
    birth_date: date | None,
    previous_treatment_dates: Collection[date],
    today: date,
    area_ids: Collection[str] = (),
    questionnaire_results: Iterable[QuestionnaireResult] = (),
) -> ScreeningResult:
    """Apply every screening rule for a visit on ``today``.

    ``answers`` are this visit's answers (by question id, or as a list). A *yes* answer
    gives the question's rule; an *unsure* answer gives the same rule, marked unsure, until
    it is resolved. ``previous_treatment_dates`` are the dates of earlier toxin treatments
    (not today's visit). ``area_ids`` are the areas being considered; when empty, findings
    list every content area they cover. Findings that cover none of the chosen areas are left
    out. Unanswered questions, and a missing birth date, keep the screening incomplete.
    ``questionnaire_results`` are the questionnaire results recorded at this visit.
    """
    by_id = answers if isinstance(answers, Mapping) else {a.question_id: a for a in answers}
    findings: list[Finding] = []
    unanswered: list[str] = []
    for question in content.screening:
        given = by_id.get(question.id)
        if given is None:
            unanswered.append(question.id)
            continue
        if given.answer is Answer.NO:
            continue
        areas = _affected(content, question.applies_to, area_ids, question.applies_to_areas)
        if not areas:
            continue
        unsure = given.answer is Answer.UNSURE
        reason = question.reason
        if unsure:
            reason = f"Unsure, check before treating: {reason}"
        if given.note.strip():
            reason = f"{reason} Note: {given.note.strip()}"
        findings.append(
            Finding(question.id, question.rule, reason, areas, unsure, question.products)
        )
    for check in content.derived_checks:
        if check.from_birth_date and birth_date is None:
            if MISSING_BIRTH_DATE not in unanswered:
                unanswered.append(MISSING_BIRTH_DATE)
            continue
        areas = _affected(content, check.applies_to, area_ids)
        if not areas:
            continue
        finding = _derived_finding(
            content, check, birth_date, previous_treatment_dates, today, areas
        )
        if finding is not None:
            findings.append(finding)
    questionnaire = content.questionnaire
    if questionnaire is not None:
        areas = _affected(content, questionnaire.applies_to, area_ids)
        finding = (
            _questionnaire_finding(questionnaire, questionnaire_results, areas) if areas else None
        )
        if finding is not None:
            findings.append(finding)
    order = {Rule.DO_NOT_TREAT: 0, Rule.TAKE_CARE: 1, Rule.INFORMATION: 2}
    findings.sort(key=lambda f: order[f.rule])
    return ScreeningResult(tuple(findings), tuple(unanswered))


def treatment_refusal(
    result: ScreeningResult,
    area_id: str,
    overridden_areas: Collection[str],
    product_id: str | None = None,
    content: Content | None = None,
) -> str | None:
    """Return why ``area_id`` may not be treated today (with ``product_id``), or ``None``.

    An incomplete screening blocks every area. A do-not-treat finding blocks its areas
    (only for its products, when it names some) unless the practitioner has recorded an
    override with a reason for that area. ``content`` gives the products' names.
    """
    if not result.complete:
        if MISSING_BIRTH_DATE in result.unanswered:
            return "The date of birth is missing. Add it to the patient's details first."
        count = len(result.unanswered)
        noun = "question is" if count == 1 else "questions are"
        return f"The screening is not complete: {count} {noun} not answered. Answer them first."
    if area_id in result.blocked_areas and area_id not in overridden_areas:
        reasons = "; ".join(
            f.reason for f in result.findings_for(area_id) if f.rule is Rule.DO_NOT_TREAT
        )
        return (
            f"Do not treat this area: {reasons}. "
            "To treat anyway, record an override with your reason."
        )
    if product_id is None or area_id in overridden_areas:
        return None
    findings = [
        f
        for f in result.findings_for(area_id)
        if f.rule is Rule.DO_NOT_TREAT and product_id in f.products
    ]
    if findings:
        name = product_names(content, [product_id]) if content is not None else product_id
        reasons = "; ".join(f.reason.rstrip(".") for f in findings)
        return (
            f"Do not treat this area with {name}: {reasons}. Choose another product, or "
            "to use it anyway, record an override with your reason."
        )
    return None
