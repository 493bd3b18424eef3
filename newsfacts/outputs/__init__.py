"""Outputs: TradeFact and ErrorRecord streams → JSONL, CSV and Parquet, and facts read back."""

from newsfacts.outputs.jsonl import read_facts, write_jsonl
from newsfacts.outputs.parquet import ParquetFactWriter, read_parquet_records, write_parquet
from newsfacts.outputs.table import CSV_COLUMNS, csv_row, write_csv

__all__ = [
    "CSV_COLUMNS",
    "ParquetFactWriter",
    "csv_row",
    "read_facts",
    "read_parquet_records",
    "write_csv",
    "write_jsonl",
    "write_parquet",
]
