"""The safety check: the clinic's questions, answered and saved one by one, with a live result."""

from __future__ import annotations

from datetime import date
from functools import partial
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consult_app.content.models import Rule, ScreeningQuestion
from consult_app.domain.models import Answer, ScreeningAnswer, ScreeningResult
from consult_app.domain.screening import MISSING_BIRTH_DATE, carries_over, known_answer
from consult_app.ui.patient_file.common import (
    NOTICE_STYLE,
    FieldMessage,
    attempt,
    column,
    field_errors,
    hint,
    scrolling,
    show_date,
)
from consult_app.ui.patient_file.question_group import QuestionGroup, Stop, focus_stop, grouped
from consult_app.ui.patient_file.question_row import QuestionRow, earlier_text
from consult_app.ui.patient_file.questionnaire_box import QuestionnaireBox
from consult_app.ui.patient_file.session import PatientSession

#: The findings box keeps this height (pixels), scrolling when there is more to say.
RESULT_HEIGHT = 110


def result_html(
    result: ScreeningResult, area_name: dict[str, str], product_name: dict[str, str] | None = None
) -> str:
    """Describe the screening result for the practitioner."""
    products = product_name or {}
    parts: list[str] = []
    missing = [q for q in result.unanswered if q != MISSING_BIRTH_DATE]
    if missing:
        noun = "question is" if len(missing) == 1 else "questions are"
        parts.append(f"<b>Not complete:</b> {len(missing)} {noun} not answered.")
    if MISSING_BIRTH_DATE in result.unanswered:
        parts.append("<b>Not complete:</b> the date of birth is missing (see Details).")
    titles = {Rule.DO_NOT_TREAT: "Do not treat", Rule.TAKE_CARE: "Take care"}
    for rule, title in titles.items():
        for finding in (f for f in result.findings if f.rule is rule):
            names = ", ".join(area_name.get(a, a) for a in finding.areas)
            if rule is Rule.DO_NOT_TREAT and finding.products:
                ruled_out = ", ".join(products.get(p, p) for p in finding.products)
                parts.append(
                    f"<b>{title} with {escape(ruled_out)}</b> ({escape(names)}): "
                    f"{escape(finding.reason)} Other products may be used."
                )
            elif rule is Rule.DO_NOT_TREAT:
                parts.append(f"<b>{title}</b> ({escape(names)}): {escape(finding.reason)}")
            else:
                parts.append(f"<b>{title}</b>: {escape(finding.reason)}")
    for finding in (f for f in result.findings if f.rule is Rule.INFORMATION):
        parts.append(f"Note: {escape(finding.reason)}")
    if result.complete and not result.findings:
        parts.append("<b>Complete.</b> Nothing found that stops treatment today.")
    elif result.complete and not result.areas_with_blocks:
        parts.insert(0, "<b>Complete.</b> Treatment may go ahead with the care below.")
    elif result.complete and not result.blocked_areas:
        parts.insert(
            0,
            "<b>Complete.</b> Treatment may go ahead with the care below, "
            "but not with the products named.",
        )
    return "<br>".join(parts)


class ScreeningTab(QWidget):
    """The clinic's screening questions with the result, and overrides for blocked areas."""

    def __init__(self, session: PatientSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screeningTab")
        self.session = session
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.result = QLabel()
        self.result.setObjectName("screeningResult")
        self.result.setAccessibleName("Safety check result")
        self.result.setWordWrap(True)
        self.result.setStyleSheet(NOTICE_STYLE)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop)
        # Findings come and go as questions are answered: they scroll in a box of fixed height,
        # so the questions below never move under the cursor.
        self.result_area = scrolling(self.result, "screeningResultScroll")
        self.result_area.setFixedHeight(RESULT_HEIGHT)
        outer.addWidget(self.result_area)
        outer.addWidget(self._build_unchanged())
        inner, layout = column()
        self.rows = {
            q.id: QuestionRow(q, self.save_answer, self._next_question)
            for q in session.content.screening
        }
        self.stops: list[Stop] = []
        for run in grouped(list(self.rows.values())):
            stop: Stop = (
                QuestionGroup(run[0].question.topic.strip(), run, self._none_of)
                if len(run) > 1
                else run[0]
            )
            self.stops.append(stop)
            layout.addWidget(stop)
        questionnaire = session.content.questionnaire
        self.questionnaire = (
            QuestionnaireBox(questionnaire, session) if questionnaire is not None else None
        )
        if self.questionnaire is not None:
            layout.addWidget(self.questionnaire)
        layout.addWidget(self._build_overrides())
        layout.addStretch(1)
        self.question_scroll = scrolling(inner, "screeningScroll")
        outer.addWidget(self.question_scroll, 1)
        session.visitChanged.connect(self.reload)
        session.recordChanged.connect(self.refresh)
        session.selection.changed.connect(self.refresh)
        self.reload()

    def _build_unchanged(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(6, 2, 6, 2)
        self.earlier_label = hint("", "earlierScreening")
        self.earlier_label.setAccessibleName("Last safety check")
        self.unchanged_button = QPushButton()
        self.unchanged_button.setObjectName("unchangedButton")
        self.unchanged_button.setAccessibleName("Nothing has changed since the last safety check")
        self.unchanged_button.clicked.connect(self.confirm_unchanged)
        row.addWidget(self.earlier_label, 1)
        row.addWidget(self.unchanged_button)
        self.unchanged_box = box
        return box

    def _build_overrides(self) -> QGroupBox:
        box = QGroupBox("Treat a blocked area anyway")
        box.setObjectName("overrideBox")
        layout = QVBoxLayout(box)
        layout.addWidget(
            hint("Only with a clear clinical reason. The reason is kept in the record.")
        )
        self.override_area = QComboBox()
        self.override_area.setObjectName("overrideArea")
        self.override_area.setAccessibleName("Area to treat anyway")
        self.override_reason = QLineEdit()
        self.override_reason.setObjectName("overrideReason")
        self.override_reason.setAccessibleName("Reason for treating anyway")
        self.override_reason.setPlaceholderText("Why you are treating despite the finding")
        self.override_button = QPushButton("Record override")
        self.override_button.setObjectName("overrideButton")
        self.override_button.setAccessibleName("Record override")
        self.override_button.clicked.connect(self._record_override)
        self.override_message = FieldMessage("overrideMessage")
        self.overrides_list = QLabel()
        self.overrides_list.setObjectName("overridesList")
        self.overrides_list.setAccessibleName("Recorded overrides")
        self.overrides_list.setWordWrap(True)
        for widget in (
            self.override_area,
            self.override_reason,
            self.override_button,
            self.override_message,
            self.overrides_list,
        ):
            layout.addWidget(widget)
        self.override_box = box
        return box

    # loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Show the current visit's answers."""
        record = self.session.visit_record()
        answers = {a.question_id: a for a in record.answers} if record else {}
        editable = record is not None and not record.visit.locked
        if editable and record is not None:
            answers.update(self._fill_known(record.visit.id, record.visit.visit_date, answers))
        for qid, row in self.rows.items():
            row.load(answers.get(qid))
            row.setEnabled(editable)
        for stop in self.stops:
            if isinstance(stop, QuestionGroup):
                stop.refresh()
        self._show_earlier(answers if editable else None)
        self.override_box.setEnabled(editable)
        if self.questionnaire is not None:
            self.questionnaire.load(record.questionnaires if record else (), editable)
        self.override_message.show_message("")
        self.refresh()

    def current_result(self) -> ScreeningResult | None:
        """Return the screening result for the areas being talked about."""
        if self.session.visit_id is None:
            return None
        areas = self.session.considered_areas()
        return self.session.store.visits.screening_result(
            self.session.visit_id, self.session.content, areas
        )

    def refresh(self) -> None:
        """Work out the result again (answers, goals or chosen areas changed)."""
        result = self.current_result()
        if result is None:
            self.result.setText("Start a visit to record the safety check.")
            return
        names = {a.id: a.name.get() for a in self.session.content.areas}
        products = {p.id: p.name for p in self.session.content.clinic.products}
        text = result_html(result, names, products)
        record = self.session.visit_record()
        if record is not None and record.visit.locked:
            text = "This visit is finished. Corrections are made in History.<br>" + text
        self.result.setText(text)
        overridden = {o.area_id: o for o in record.overrides} if record else {}
        current = self.override_area.currentData()
        self.override_area.clear()
        if self.questionnaire is not None:
            self.questionnaire.show_recorded(record.questionnaires if record else ())
        for area_id in sorted(result.areas_with_blocks, key=lambda a: names.get(a, a)):
            self.override_area.addItem(names.get(area_id, area_id), area_id)
        index = self.override_area.findData(current)
        if index >= 0:
            self.override_area.setCurrentIndex(index)
        self.override_box.setVisible(bool(result.areas_with_blocks) or bool(overridden))
        self.overrides_list.setText(
            "<br>".join(
                f"Override for <b>{escape(names.get(a, a))}</b>: {escape(o.reason)} "
                f"({escape(o.actor)})"
                for a, o in overridden.items()
            )
        )

    def _fill_known(
        self, visit_id: int, day: date, answers: dict[str, ScreeningAnswer]
    ) -> dict[str, ScreeningAnswer]:
        """Save the answers the record already gives (a toxin treatment recorded here)."""
        store, content = self.session.store, self.session.content
        dates = store.visits.previous_treatment_dates(visit_id)
        filled = {}
        for question in content.screening:
            known = known_answer(content, question.id, dates, day)
            if known is None or question.id in answers:
                continue
            _, error = attempt(
                partial(store.visits.save_screening_answer, visit_id, known, content)
            )
            if error is None:
                filled[question.id] = known
        return filled

    def _show_earlier(self, answers: dict[str, ScreeningAnswer] | None) -> None:
        """Show the last visit's answers beside each question, and offer to keep them all."""
        visit_id = self.session.visit_id
        earlier = None
        if visit_id is not None and answers is not None:
            earlier = self.session.store.visits.earlier_screening(visit_id)
        for qid, row in self.rows.items():
            row.show_earlier(
                earlier_text(earlier.visit_date, earlier.answer_to(qid)) if earlier else ""
            )
        self.unchanged_box.setVisible(earlier is not None)
        if earlier is None or answers is None:
            return
        day = show_date(earlier.visit_date)
        given = [earlier.answer_to(q) for q in self.rows if q not in answers]
        left = [a for a in given if a is not None and carries_over(a)]
        self.earlier_label.setText(
            f"Last safety check {day}. Ask: has anything changed since? If not, keep those "
            "answers, then change only what is different."
            if left
            else f"Last safety check {day}. Each question has an answer today."
        )
        self.unchanged_button.setText(f"Nothing has changed since {day}")
        self.unchanged_button.setEnabled(bool(left))

    def confirm_unchanged(self) -> None:
        """Keep the last visit's answers for every question not yet answered today."""
        visit_id = self.session.visit_id
        if visit_id is None:
            return
        _, error = attempt(
            lambda: self.session.store.visits.confirm_screening_unchanged(
                visit_id, self.session.content
            )
        )
        if error is not None:
            self.earlier_label.setText(f"Not kept. {error}")
            return
        self.reload()
        self.session.saved()
        # The cursor goes to what is still to ask (a new question), else to the first one.
        if not self.focus_first_question() and self.stops:
            self._focus(self.stops[0])

    def _next_question(self, row: QuestionRow) -> None:
        """Move the keyboard to the question after ``row`` (the list itself stays put)."""
        for stop in self.stops:
            if isinstance(stop, QuestionGroup):
                stop.refresh()
        rows = list(self.rows.values())
        index = rows.index(row)
        if index + 1 < len(rows):
            self._focus(rows[index + 1])

    def _focus(self, stop: Stop) -> None:
        focus_stop(stop)
        self.question_scroll.ensureWidgetVisible(stop)

    def focus_start(self) -> None:
        """Put the keyboard where the check begins: keep the last answers, or the first question."""
        if self.unchanged_box.isVisibleTo(self) and self.unchanged_button.isEnabled():
            self.unchanged_button.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.focus_first_question()

    def focus_first_question(self) -> bool:
        """Put the keyboard on the first group or question still to answer, if any."""
        for stop in self.stops:
            rows = stop.rows if isinstance(stop, QuestionGroup) else (stop,)
            if any(r.answer() is None for r in rows):
                self._focus(stop)
                return True
        return False

    def _none_of(self, group: QuestionGroup) -> None:
        """Answer *no* to the group's unanswered questions, then go on to the next stop."""
        visit_id = self.session.visit_id
        if visit_id is None:
            return
        _, error = attempt(
            lambda: self.session.store.visits.answer_none_of(
                visit_id, group.question_ids(), self.session.content
            )
        )
        if error is not None:
            group.rows[0].message.show_message(f"Not saved. {error}")
            return
        self.reload()
        self.session.saved()
        index = self.stops.index(group)
        if index + 1 < len(self.stops):
            self._focus(self.stops[index + 1])

    # saving -------------------------------------------------------------------------------
    def save_answer(self, question: ScreeningQuestion, answer: Answer, note: str) -> str:
        """Save one answer; return a message if it was refused."""
        visit_id = self.session.visit_id
        if visit_id is None:
            return "Start a visit first."
        given = ScreeningAnswer(question.id, answer, note.strip())
        _, error = attempt(
            lambda: self.session.store.visits.save_screening_answer(
                visit_id, given, self.session.content
            )
        )
        if error is not None:
            return str(error)
        self.session.saved()
        return ""

    def _record_override(self) -> None:
        visit_id = self.session.visit_id
        area_id = self.override_area.currentData()
        if visit_id is None or not isinstance(area_id, str):
            self.override_message.show_message("Choose the area to treat anyway.")
            return
        reason = self.override_reason.text()
        _, error = attempt(
            lambda: self.session.store.visits.record_override(visit_id, area_id, reason)
        )
        if error is not None:
            self.override_message.show_message(field_errors(error).get("reason", str(error)))
            return
        self.override_message.show_message("")
        self.override_reason.clear()
        self.session.saved()
