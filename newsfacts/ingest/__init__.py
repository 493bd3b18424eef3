"""Readers: files and archives → Article records (or ErrorRecords), streaming.

Text files with sidecars, JSONL, CSV, Reuters-21578 SGML, HTML pages and WARC archives,
gzipped or not; ``read_paths`` picks the reader by suffix.
"""

from newsfacts.ingest.csv_reader import CsvColumns, read_csv
from newsfacts.ingest.html_reader import read_html_file
from newsfacts.ingest.paths import read_paths
from newsfacts.ingest.readers import read_jsonl, read_text_file
from newsfacts.ingest.reuters import read_reuters_sgml
from newsfacts.ingest.warc import read_warc

__all__ = [
    "CsvColumns",
    "read_csv",
    "read_html_file",
    "read_jsonl",
    "read_paths",
    "read_reuters_sgml",
    "read_text_file",
    "read_warc",
]
