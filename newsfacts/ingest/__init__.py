"""Readers: files and archives → Article records (or ErrorRecords), streaming."""

from newsfacts.ingest.readers import read_jsonl, read_paths, read_text_file

__all__ = ["read_jsonl", "read_paths", "read_text_file"]
