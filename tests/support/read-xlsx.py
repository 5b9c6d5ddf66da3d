"""Reads an .xlsx the way an independent spreadsheet library sees it, as JSON on stdout.

Usage: python3 read-xlsx.py FILE. Used by the export tests (openpyxl, not exceljs, which wrote it).
"""
import json
import sys
from datetime import datetime

import openpyxl


def cell(value):
    if isinstance(value, datetime):
        return {"date": value.isoformat()}
    return value


book = openpyxl.load_workbook(sys.argv[1])
sheets = []
for sheet in book.worksheets:
    charts = []
    for chart in sheet._charts:
        charts.append({
            "type": chart.tagname,
            "barDir": getattr(chart, "barDir", None),
            "series": [s.val.numRef.f for s in chart.series],
            "categories": [s.cat.strRef.f if s.cat and s.cat.strRef else None for s in chart.series],
        })
    rows = [[cell(c.value) for c in row] for row in sheet.iter_rows()]
    types = [[c.data_type for c in row] for row in sheet.iter_rows(max_row=min(sheet.max_row, 3))]
    formats = [[c.number_format for c in row] for row in sheet.iter_rows(min_row=2, max_row=2)]
    header_fill = sheet.cell(1, 1).fill.fgColor.rgb if sheet.max_row >= 1 else None
    sheets.append({
        "title": sheet.title,
        "freeze": sheet.freeze_panes,
        "autoFilter": sheet.auto_filter.ref,
        "widths": {k: v.width for k, v in sheet.column_dimensions.items()},
        "headerBold": bool(sheet.cell(1, 1).font.b),
        "headerFill": header_fill,
        "rows": rows,
        "types": types,
        "formats": formats,
        "charts": charts,
    })
print(json.dumps({
    "properties": {"title": book.properties.title, "creator": book.properties.creator, "created": book.properties.created.isoformat() if book.properties.created else None},
    "sheets": sheets,
}, default=str))
