"""An exported measure table as a user edits it, and what an import leaves behind."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from agenda.transfer.exports import render_csv, render_xlsx
from agenda.transfer.imports import ImportRefused, import_measures
from measures.models import FundingLine, Measure, MeasureActor, Milestone

IMPORT = reverse("exports:import")
RENDER = {"csv": render_csv, "xlsx": render_xlsx}


class Table:
    """An exported file as a user edits it in Excel: cells found by reference and header."""

    def __init__(self, kind):
        self.kind = kind
        self.name, _type, content = RENDER[kind](Measure.objects.order_by("reference"))
        if kind == "csv":
            text = content.decode("utf-8-sig")
            self.rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        else:
            self.workbook = load_workbook(io.BytesIO(content))
            self.sheet = self.workbook["Maßnahmen"]
            self.rows = [[cell.value for cell in row] for row in self.sheet.iter_rows()]

    def position(self, reference, header):
        row = next(i for i, row in enumerate(self.rows) if row[0] == reference)
        return row, self.rows[0].index(header)

    def get(self, reference, header):
        row, column = self.position(reference, header)
        return self.rows[row][column]

    def set(self, reference, header, value):
        row, column = self.position(reference, header)
        self.rows[row][column] = value

    def copy_row(self, reference, **changes):
        row, _column = self.position(reference, "Kennung")
        self.rows.append(list(self.rows[row]))
        for header, value in changes.items():
            self.rows[-1][self.rows[0].index(header)] = value

    @property
    def content(self):
        if self.kind == "csv":
            buffer = io.StringIO()
            csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(self.rows)
            return ("\ufeff" + buffer.getvalue()).encode()
        for r, row in enumerate(self.rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = self.sheet.cell(r, c)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # as Excel keeps a text cell, even "=1+1 …"
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()

    def run(self, user=None):
        return import_measures(content=self.content, filename=self.name, user=user)


def snapshot():
    """Every stored value of every measure and its parts, ids included."""
    state = {}
    for measure in Measure.objects.order_by("reference"):
        state[measure.reference] = {
            **{f.attname: getattr(measure, f.attname) for f in Measure._meta.concrete_fields},
            "goals": sorted(measure.goals.values_list("pk", flat=True)),
            "principles": sorted(measure.principles.values_list("pk", flat=True)),
            "milestones": list(measure.milestones.values_list()),
            "funding": list(measure.funding_lines.values_list()),
            "actors": list(measure.participations.values_list()),
        }
    return state


def history_count():
    return sum(m.history.count() for m in [Measure, Milestone, FundingLine, MeasureActor])


def problems_of(table_or_content, filename="massnahmen.csv"):
    content = table_or_content if isinstance(table_or_content, bytes) else table_or_content.content
    with pytest.raises(ImportRefused) as refused:
        import_measures(content=content, filename=filename)
    return [(p.row, p.column, p.message) for p in refused.value.problems]


def upload(client, content, name="massnahmen.csv"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})


def drop_column(table, header):
    position = table.rows[0].index(header)
    table.rows = [row[:position] + row[position + 1 :] for row in table.rows]
