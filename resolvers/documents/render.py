"""Laying a sheet out as a PDF with ReportLab's platypus: the header with both parties,
the lines as a table whose header repeats on every page, the figures, then the notes.

Text is set in Bitstream Vera, which ships inside ReportLab: an embedded TrueType font
prints every Latin-1 name and address the same on every machine, and keeps the text
extractable (the tests read the figures back with pypdf).
"""

from __future__ import annotations

import io
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from resolvers.documents.sheet import Party, Sheet

REGULAR, BOLD = "CrmVera", "CrmVeraBold"
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#cccccc")
WIDTH = A4[0] - 36 * mm


@cache
def _styles() -> dict[str, ParagraphStyle]:
    pdfmetrics.registerFont(TTFont(REGULAR, "Vera.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, "VeraBd.ttf"))
    base = ParagraphStyle("base", fontName=REGULAR, fontSize=9, leading=12)
    return {
        "base": base,
        "bold": ParagraphStyle("bold", parent=base, fontName=BOLD),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=GREY),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "right_bold": ParagraphStyle("right_bold", parent=base, fontName=BOLD, alignment=TA_RIGHT),
        "title": ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=18, leading=22, alignment=TA_RIGHT
        ),
        "heading": ParagraphStyle("heading", parent=base, fontName=BOLD, fontSize=11, leading=14),
    }


def _p(text: str, style: str = "base") -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), _styles()[style])


def _party(party: Party) -> list[Flowable]:
    cells: list[Flowable] = [_p(party.heading, "small")]
    if party.name:
        cells.append(_p(party.name, "bold"))
    cells += [_p(line) for line in party.lines]
    return cells


def _header(sheet: Sheet) -> Table:
    right: list[Flowable] = [_p(sheet.title.upper(), "title"), _p(sheet.number, "right_bold")]
    right += [_p(f"{label}: {value}", "right") for label, value in sheet.dates]
    return _grid([[_party(sheet.seller), right]], [WIDTH / 2, WIDTH / 2])


def _parties(sheet: Sheet) -> Table:
    ship: list[Flowable] = _party(sheet.ship_to) if sheet.ship_to else []
    return _grid([[_party(sheet.buyer), ship]], [WIDTH / 2, WIDTH / 2])


def _grid(rows: list[list[object]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return table


def _lines(sheet: Sheet) -> Table:
    head: list[object] = [_p("#", "bold"), _p("Item", "bold")]
    head += [_p(h, "right_bold") for h in ("Qty", "Rate", "Tax", "Amount")]
    rows: list[list[object]] = [head]
    for number, line in enumerate(sheet.lines, start=1):
        item: list[Flowable] = [_p(line.description)]
        if line.long_description:
            item.append(_p(line.long_description, "small"))
        rows.append([_p(str(number)), item, _p(line.qty, "right"), _p(line.rate, "right"),
                     _p(line.taxes, "right"), _p(line.amount, "right")])  # fmt: skip
    widths = [8 * mm, WIDTH - 8 * mm - 4 * 27 * mm, 22 * mm, 27 * mm, 32 * mm, 27 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                               ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE)]))  # fmt: skip
    return table


def _totals(sheet: Sheet) -> Table:
    rows = []
    for label, value in sheet.totals:
        strong = label in sheet.emphasised
        style = "right_bold" if strong else "right"
        rows.append([_p(label, style), _p(value, style)])
    table = Table(rows, colWidths=[WIDTH - 45 * mm, 45 * mm])
    table.setStyle(TableStyle([("LINEABOVE", (1, 0), (1, 0), 0.8, colors.black)]))
    return table


def _story(sheet: Sheet) -> list[Flowable]:
    story: list[Flowable] = [_header(sheet), Spacer(1, 8 * mm), _parties(sheet)]
    if sheet.subject:
        story += [Spacer(1, 6 * mm), _p(sheet.subject, "heading")]
    if sheet.lines:
        story += [Spacer(1, 6 * mm), _lines(sheet)]
    if sheet.totals:
        story += [Spacer(1, 4 * mm), _totals(sheet)]
    if sheet.currency:
        story += [Spacer(1, 2 * mm), _p(f"All amounts in {sheet.currency}.", "small")]
    for label, text in sheet.notes:
        story += [Spacer(1, 6 * mm), _p(label, "bold"), _p(text)]
    return story


def render(sheet: Sheet) -> bytes:
    buffer = io.BytesIO()
    margin = 18 * mm
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"{sheet.title} {sheet.number}",
        author=sheet.seller.name,
        subject=sheet.subject or sheet.title,
    )
    doc.build(_story(sheet))
    return buffer.getvalue()
