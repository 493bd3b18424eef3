"""Outputs: TradeFact and ErrorRecord streams → JSONL and CSV, and facts JSONL read back."""

from newsfacts.outputs.jsonl import read_facts, write_jsonl
from newsfacts.outputs.table import CSV_COLUMNS, csv_row, write_csv

__all__ = ["CSV_COLUMNS", "csv_row", "read_facts", "write_csv", "write_jsonl"]
