"""Supplier price lists (.xlsx, .xls, .ods, .csv): layout profiles, safe reading, recognition, validation.

A price list is a file, not an API: the pipeline (svodka/pipeline/pricelists.py) stores it
verbatim in the lake as one page of stream ``pricelist_rows`` and `decode_pricelist` turns it
into one raw record per data row. See docs/pricelists.md.
"""

from svodka.sources.pricelists.decoder import STREAM, decode_pricelist, decode_rows
from svodka.sources.pricelists.profiles import FIELDS, LayoutProfile, builtin_profiles, load_profiles
from svodka.sources.pricelists.reading import FileRefused, Limits, Workbook, read_workbook
from svodka.sources.pricelists.recognise import Recognition, SheetLayout, UnknownLayout, recognise
from svodka.sources.pricelists.validation import REASONS, check_row, parse_number

__all__ = [
    "FIELDS",
    "REASONS",
    "STREAM",
    "FileRefused",
    "LayoutProfile",
    "Limits",
    "Recognition",
    "SheetLayout",
    "UnknownLayout",
    "Workbook",
    "builtin_profiles",
    "check_row",
    "decode_pricelist",
    "decode_rows",
    "load_profiles",
    "parse_number",
    "read_workbook",
    "recognise",
]
