"""The information panel beside the diagram, with its practitioner-only section."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt, QUrl
from PySide6.QtGui import QImage, QPainter, QTextDocument
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from consult_app.content.models import Content
from consult_app.ui import info_pages
from consult_app.ui.area_chips import FlowLayout
from consult_app.ui.info_pages import PAGE_TITLES, Page
from consult_app.ui.resources import signal_picture_svg

PRACTITIONER_STYLE = (
    "QFrame#practitionerDetails { border: 2px dashed #c05621; border-radius: 6px;"
    " background: #fff8f1; }"
)


class InfoPanel(QWidget):
    """Shows the focused area's information, or one of the general pages."""

    def __init__(
        self, content: Content, *, patient_facing_only: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("areaInfo")
        self.setAccessibleName("Area information")
        self._content = content
        self._area_id = ""
        self._page = Page.AREA
        self._patient_view = patient_facing_only
        self._patient_facing_only = patient_facing_only
        self._practitioner_allowed = not patient_facing_only
        self._scale = 1.0

        self._buttons = QButtonGroup(self)
        self._buttons.setExclusive(True)
        tabs = FlowLayout(spacing=4)
        for page, title in PAGE_TITLES.items():
            button = QPushButton(title)
            button.setCheckable(True)
            button.setObjectName(f"page_{page.value}")
            button.setAccessibleName(f"Show {title.lower()}")
            button.clicked.connect(lambda _=False, p=page: self.show_page(p))
            self._buttons.addButton(button)
            tabs.addWidget(button)

        self._text = QTextBrowser()
        self._text.setObjectName("areaInfoText")
        self._text.setAccessibleName("Information for the patient")
        self._text.setOpenLinks(False)
        self._add_picture(self._text.document())

        self._practitioner = QFrame()
        self._practitioner.setObjectName("practitionerDetails")
        self._practitioner.setStyleSheet(PRACTITIONER_STYLE)
        box = QVBoxLayout(self._practitioner)
        heading = QLabel("For the practitioner only (hidden in patient view)")
        heading.setStyleSheet("color: #9c4215; font-weight: bold;")
        heading.setWordWrap(True)
        self._practitioner_text = QLabel()
        self._practitioner_text.setObjectName("practitionerText")
        self._practitioner_text.setWordWrap(True)
        self._practitioner_text.setTextFormat(Qt.TextFormat.RichText)
        self._practitioner_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self._practitioner_text.setAccessibleName("Practitioner-only details")
        box.addWidget(heading)
        box.addWidget(self._practitioner_text)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tabs)
        # A splitter, so the practitioner can give her details more or less room.
        self._split = QSplitter(Qt.Orientation.Vertical)
        self._split.setObjectName("infoSplitter")
        self._split.setChildrenCollapsible(False)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._practitioner)
        self._practitioner_scroll = scroll
        self._split.addWidget(self._text)
        self._split.addWidget(scroll)
        self._split.setStretchFactor(0, 3)
        self._split.setStretchFactor(1, 2)
        layout.addWidget(self._split, 1)
        self._refresh()

    def _add_picture(self, document: QTextDocument) -> None:
        renderer = QSvgRenderer(QByteArray(signal_picture_svg()))
        size = renderer.defaultSize().scaled(QSize(720, 720), Qt.AspectRatioMode.KeepAspectRatio)
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(info_pages.SIGNAL_PICTURE_URL), image
        )

    @property
    def page(self) -> Page:
        """Return the page being shown."""
        return self._page

    @property
    def area_id(self) -> str:
        """Return the area whose page is shown ('' for none)."""
        return self._area_id

    def show_area(self, area_id: str) -> None:
        """Show ``area_id``'s page ('' shows the welcome page)."""
        self._area_id = area_id
        self._page = Page.AREA
        self._refresh()

    def show_page(self, page: Page) -> None:
        """Show one of the pages."""
        self._page = page
        self._refresh()

    def allow_practitioner_details(self, allowed: bool) -> None:
        """Offer the practitioner-only section at all (not to users without clinical rights)."""
        self._practitioner_allowed = allowed and not self._patient_facing_only
        self._refresh()

    def set_patient_view(self, on: bool) -> None:
        """Hide (and empty) the practitioner-only section and enlarge the text, or undo that."""
        self._patient_view = on or self._patient_facing_only
        self._scale = 1.35 if self._patient_view else 1.0
        self._refresh()

    def plain_text(self) -> str:
        """Return the patient-facing text shown (for the second screen and tests)."""
        return self._text.toPlainText()

    def _refresh(self) -> None:
        for button in self._buttons.buttons():
            button.setChecked(button.objectName() == f"page_{self._page.value}")
        area = self._content.area(self._area_id) if self._area_id else None
        if self._page is Page.AREA:
            html = (
                info_pages.area_page(self._content, area)
                if area
                else info_pages.welcome_page(self._content)
            )
        else:
            html = info_pages.general_page(self._content, self._page)
        font = self._text.document().defaultFont()
        base = self.font().pointSizeF()
        font.setPointSizeF(max(10.0, base * 1.1 * self._scale))
        self._text.document().setDefaultFont(font)
        self._text.setHtml(html)

        show_practitioner = (
            self._practitioner_allowed
            and not self._patient_view
            and area is not None
            and self._page is Page.AREA
        )
        self._practitioner_text.setText(
            info_pages.practitioner_block(self._content, area) if show_practitioner and area else ""
        )
        self._practitioner_scroll.setVisible(show_practitioner)
