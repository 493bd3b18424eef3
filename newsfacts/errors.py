"""One exception hierarchy for newsfacts, and the catalogue of its messages.

Every message names the bad value and what is allowed, so that a user can fix the call
without reading the source. Odd *text* never raises: it yields no fact. Bad *input*
(unreadable files, malformed records, bad settings) raises one of these.

Every message newsfacts gives is an entry of ``Errors``: its own code, the class it is
raised as (catch the class, or a parent, in Python), its text with named fields, what it
means and what to do. Code raises through the entry, ``raise Errors.CSV_NO_HEADER(path=…,
reason=…)``, so that the code a user sees (``[E164] …``, ``error_code`` in an error record)
names one message; ``docs/errors.md`` lists the entries (``python tests/test_errors.py
--write``). A code is never given to another message: ``tests/error_codes.json`` keeps every
code given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar


class NewsfactsError(Exception):
    """Base class: ``code`` is a stable identifier such as ``E150``: the message's code where
    it was raised through ``Errors``, else the class's own."""

    code = "E000"

    def __init__(self, message: str, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InputError(NewsfactsError):
    """A document or file cannot be read as an article."""

    code = "E100"


class DateError(InputError):
    """A published date is missing or malformed."""

    code = "E101"


class EncodingError(InputError):
    """A file's bytes are not valid text in the expected encoding."""

    code = "E102"


class DocumentTooLargeError(InputError):
    """A document exceeds the configured size limit."""

    code = "E103"


class RecordError(InputError):
    """A JSONL/CSV record lacks a required field or has the wrong type."""

    code = "E104"


class ExtractionError(NewsfactsError):
    """The pipeline failed on one document: a bug in newsfacts, reported for that document so
    that a batch goes on (the message names the exception)."""

    code = "E300"


class ConfigError(NewsfactsError):
    """A setting or pipeline configuration is invalid."""

    code = "E200"


class PatternError(ConfigError):
    """A rule/pattern data file is malformed."""

    code = "E201"


class GoldError(InputError):
    """A gold file line does not follow the SCHEMA.md format."""

    code = "E105"


class ReferenceFileError(InputError):
    """An official-figures file is not in a format newsfacts reads; the message names the
    file, the row and the problem."""

    code = "E401"

    def __init__(
        self, path: object, problem: str, row: int | None = None, code: str | None = None
    ) -> None:
        where = f"{path}" if row is None else f"{path}, row {row}"
        super().__init__(f"{where}: {problem}", code)
        self.path = str(path)
        self.row = row


class ReferenceStoreError(NewsfactsError):
    """A reference store is missing, unreadable or not one that newsfacts built."""

    code = "E402"


E = TypeVar("E", bound=NewsfactsError)


@dataclass(frozen=True)
class Message(Generic[E]):
    """One message: its ``code``, the class ``kind`` it is raised as, its ``template``
    (``str.format`` fields), what it ``means`` and what to ``do``."""

    code: str
    kind: type[E]
    template: str
    means: str
    do: str

    def __call__(self, **fields: object) -> E:
        """The error, its text filled in with ``fields``, to raise."""
        return self.kind(self.template.format(**fields), self.code)


@dataclass(frozen=True)
class FileMessage:
    """A message about an official-figures file: a ``ReferenceFileError`` that names the
    file and the row before the problem."""

    code: str
    template: str
    means: str
    do: str
    kind = ReferenceFileError

    def __call__(self, path: object, row: int | None = None, /, **fields: object
                 ) -> ReferenceFileError:
        return ReferenceFileError(path, self.template.format(**fields), row, self.code)


class Errors:
    """The catalogue: every message newsfacts raises or records, by name."""

    NO_SUCH_PATH = Message(
        "E110", InputError,
        "no such file or folder: {missing}",
        "A file or folder named on the command line does not exist.",
        "Check the path.",
    )
    VINTAGE_UNKNOWN_FILES = Message(
        "E111", InputError,
        "--vintage names files not given: {unknown}",
        "--vintage names files that are not among the files given.",
        "Give each file's vintage as FILE=YYYY-MM-DD for a file of the command.",
    )
    NO_DEFAULT_SERIES = Message(
        "E112", InputError,
        "none of the files holds a series the default store keeps (U.S. exports, imports, balance "
        "with {partners})",
        "None of the files given holds a series the default store keeps.",
        "Give files with the U.S. series the default store holds (exports, imports, balances with "
        "the partners listed).",
    )
    VINTAGE_FORMAT = Message(
        "E113", InputError,
        "--vintage {item!r}: write FILE=YYYY-MM-DD",
        "A --vintage value is not FILE=YYYY-MM-DD.",
        "Write it as FILE=YYYY-MM-DD.",
    )
    NOT_A_TEXT = Message(
        "E114", InputError,
        "expected a text (str) or an Article, got {name}",
        "extract() or explain() was given something that is neither a text nor an Article.",
        "Pass a str or an Article.",
    )
    EMPTY_DOC_ID = Message(
        "E115", InputError,
        "doc_id must be a non-empty string, got {doc_id!r}",
        "The doc_id given is empty or not a string.",
        "Pass a non-empty string.",
    )
    CANNOT_OPEN = Message(
        "E116", InputError,
        "{path}: cannot open ({reason})",
        "An input file cannot be opened (error record).",
        "Check the path and its permissions.",
    )
    CANNOT_READ = Message(
        "E117", InputError,
        "{path}: cannot read ({reason})",
        "An input file cannot be read (error record).",
        "Check the path and its permissions.",
    )
    CUT_SHORT = Message(
        "E118", InputError,
        "{path}: cannot read to the end ({reason})",
        "A file, often a .gz file, is cut short or damaged midway: what was read is kept, then "
        "this error record.",
        "Fetch the file again.",
    )
    TEXTS_MAPPING = Message(
        "E119", InputError,
        "texts must map doc ids (str) to article texts (str), got {value}",
        "validate() was given texts that are not a mapping of doc ids to texts.",
        "Pass a dict of str to str.",
    )
    FACTS_NOT_ITERABLE = Message(
        "E120", InputError,
        "facts must be an iterable of TradeFact records, got {value}",
        "validate() was given facts that are not an iterable of TradeFact records.",
        "Pass a list of TradeFact records.",
    )
    FACTS_ITEM = Message(
        "E121", InputError,
        "facts must be TradeFact records; item {number} is {value}",
        "An item of the facts given to validate() is not a TradeFact.",
        "Pass TradeFact records only.",
    )
    FOLDER_EMPTY = Message(
        "E122", InputError,
        "{path}: folder holds no .txt or .jsonl files (nor CSV, Reuters SGML, HTML or WARC files)",
        "A folder given holds no file newsfacts reads (error record).",
        "Check the folder, or name the files.",
    )
    NO_PUBLISHED_DATE = Message(
        "E130", DateError,
        "document {id!r} has no published date, and this run requires one",
        "The run requires a publication date for every document and this one has none (error "
        "record; the batch goes on).",
        "Give the date in the record, a sidecar file or with --published.",
    )
    REVIEW_DATE = Message(
        "E131", DateError,
        "--review-date {value!r}: give an ISO date such as '{today}'",
        "--review-date is not an ISO date.",
        "Give a date as YYYY-MM-DD.",
    )
    DATE_NOT_A_DATE = Message(
        "E132", DateError,
        "{where}: {value} is not a date; give an ISO date (1994-05-20) or a Reuters date "
        "(26-FEB-1987)",
        "A publication date (in a record, a sidecar, --published or published=) is not a date "
        "newsfacts reads.",
        "Give an ISO date (1994-05-20) or a Reuters date (26-FEB-1987).",
    )
    DATE_YEAR_RANGE = Message(
        "E133", DateError,
        "{where}: periods are named by four-digit years, so a publication date lies between "
        "{first_year} and {last_year}",
        "A publication date's year has not four digits: periods are named by four-digit years.",
        "Give a date between the years named.",
    )
    DATE_NOT_A_STRING = Message(
        "E134", DateError,
        "{where}: {value} is not a date (a {kind}, not a string)",
        "A publication date in a record is a number, a list or an object, not a string.",
        "Write the date as a string (\"1994-05-20\").",
    )
    PUBLISHED_WRONG_TYPE = Message(
        "E136", DateError,
        "published must be a date, not {kind} {value}",
        "read_paths() was given a published date that is not a date, a string or None.",
        "Pass a datetime.date or an ISO date string.",
    )
    CSV_NOT_UTF8 = Message(
        "E140", EncodingError,
        "{where}: not UTF-8 text",
        "A CSV file is not UTF-8 text (error record).",
        "Save the file as UTF-8.",
    )
    FILE_NOT_UTF8 = Message(
        "E141", EncodingError,
        "{path}: not UTF-8 text (byte {start}: {reason})",
        "A text file is not UTF-8 (error record naming the byte).",
        "Save the file as UTF-8.",
    )
    LONE_SURROGATE = Message(
        "E142", EncodingError,
        "{where}: the {what} holds a lone surrogate at character {position}, which is no Unicode "
        "text",
        "An id, title or text holds a lone surrogate (\"\\udc80\" in JSON), which is no Unicode "
        "text (error record).",
        "Fix the escape in the source file.",
    )
    NOT_UTF8 = Message(
        "E143", EncodingError,
        "{where}: not UTF-8 (byte {start}: {reason})",
        "A line or file is not UTF-8 (error record naming the byte; the other lines are read).",
        "Save the file as UTF-8.",
    )
    FILE_NAME_NOT_UTF8 = Message(
        "E144", EncodingError,
        "{file}: the file name is not UTF-8; rename the file",
        "A file name is not UTF-8 (error record).",
        "Rename the file.",
    )
    DOCUMENT_TOO_LARGE = Message(
        "E103", DocumentTooLargeError,
        "document {doc_id!r} has {size:,} characters; the limit is {limit:,} "
        "(Settings.max_chars); split it into articles",
        "A document is longer than Settings.max_chars (error record; the batch goes on).",
        "Split it into articles, or raise Settings.max_chars.",
    )
    CSV_EMPTY_ID = Message(
        "E150", RecordError,
        "{where}: empty id column {id!r}",
        "A CSV row has an empty id column (error record for that row).",
        "Fill the id column of that row.",
    )
    CSV_EMPTY_TEXT = Message(
        "E151", RecordError,
        "{where}: empty text column {text!r}",
        "A CSV row has an empty text column (error record for that row).",
        "Fill the text column, or drop the row.",
    )
    CSV_COLUMN_MAPPING = Message(
        "E152", RecordError,
        "CSV column mapping {role}={column!r}: give role=column with a role among {model_fields}",
        "A --csv-columns mapping names a role newsfacts does not know.",
        "Write role=column with one of the roles listed.",
    )
    CSV_NO_COLUMN = Message(
        "E153", RecordError,
        "{path}: no column {column} in the header {header}; map columns with id=…,text=…",
        "A CSV file lacks a column newsfacts needs (error record).",
        "Name the columns with --csv-columns id=…,text=….",
    )
    CSV_NO_HEADER = Message(
        "E154", RecordError,
        "{path}: no CSV header ({reason})",
        "A CSV file has no header line (error record).",
        "Give the file a header line naming its columns.",
    )
    CSV_MALFORMED_ROW = Message(
        "E155", RecordError,
        "{where}: malformed CSV row ({reason})",
        "A CSV row cannot be parsed (error record for that row).",
        "Fix the quoting of that row.",
    )
    HTML_NO_TEXT = Message(
        "E156", RecordError,
        "{where}: no main text found in the HTML page",
        "No main text was found in an HTML page (error record).",
        "Check that the page holds the article; give its text as .txt otherwise.",
    )
    HTML_UNPARSABLE = Message(
        "E157", RecordError,
        "{where}: HTML not parsable ({exception}: {detail})",
        "An HTML page cannot be parsed (error record).",
        "Check the file; give its text as .txt otherwise.",
    )
    NOT_A_JSON_OBJECT = Message(
        "E158", RecordError,
        "{where}: expected a JSON object, got {kind}",
        "A JSONL line is valid JSON but not an object (error record for that line).",
        "Write one JSON object a line.",
    )
    NO_ID = Message(
        "E159", RecordError,
        "{where}: no id (one of {id_keys})",
        "A JSONL record has no id field (error record for that line).",
        "Give the record one of the id fields named.",
    )
    NO_TEXT = Message(
        "E160", RecordError,
        "{where}: neither title nor body/text",
        "A JSONL record has neither a title nor a body or text (error record for that line).",
        "Give the record its text.",
    )
    SIDECAR_FIELD_TYPE = Message(
        "E161", RecordError,
        "{path}: the sidecar's {field} must be a string, got {kind}",
        "A field of a sidecar .json file is not a string.",
        "Write the field as a string.",
    )
    FIELD_TYPE = Message(
        "E162", RecordError,
        "{where}: {field} must be a string, got {kind}",
        "A field of a JSONL record is not a string (error record for that line).",
        "Write the field as a string.",
    )
    SIDECAR_NOT_OBJECT = Message(
        "E163", RecordError,
        "{path}: sidecar must be a JSON object",
        "A sidecar .json file is valid JSON but not an object.",
        "Write the sidecar as one JSON object.",
    )
    SIDECAR_NOT_JSON = Message(
        "E164", RecordError,
        "{path}: sidecar is not valid JSON ({reason})",
        "A sidecar .json file is not valid JSON.",
        "Fix the sidecar file.",
    )
    NOT_JSON = Message(
        "E165", RecordError,
        "{where}: not valid JSON ({reason})",
        "A JSONL line is not valid JSON (error record for that line; the other lines are read).",
        "Fix the line named.",
    )
    REUTERS_NO_NEWID = Message(
        "E166", RecordError,
        "{where}: <REUTERS> tag without NEWID",
        "A <REUTERS> tag of an SGML file has no NEWID (error record).",
        "Check the file is Reuters-21578 SGML.",
    )
    REUTERS_NO_TEXT = Message(
        "E167", RecordError,
        "{where}: story {story} has no TITLE, BODY or TEXT",
        "A Reuters story has no text (error record).",
        "None needed: the story has no text to read.",
    )
    REUTERS_NOT_CLOSED = Message(
        "E168", RecordError,
        "{where}: story not closed by </REUTERS>",
        "A Reuters story is not closed by </REUTERS>: the file is cut short (error record).",
        "Fetch the file again.",
    )
    WARC_RECORD = Message(
        "E169", RecordError,
        "{where}: unreadable record ({exception}: {detail})",
        "A WARC record cannot be read (error record; the other records are read).",
        "Check the file; fetch it again if it is damaged.",
    )
    WARC_DAMAGED = Message(
        "E170", RecordError,
        "{where}: damaged WARC, reading stopped ({exception}: {detail})",
        "A WARC file is damaged: the records before the damage are kept, then this error record.",
        "Fetch the file again.",
    )
    WARC_NO_HTML = Message(
        "E171", RecordError,
        "{path}: holds no HTML response records (is it a WARC file?)",
        "A WARC file holds no HTML responses (error record).",
        "Check that it is a WARC file of web pages.",
    )
    OUTPUT_RECORD_INVALID = Message(
        "E172", RecordError,
        "{where}: invalid {record} ({problems})",
        "A line of a newsfacts output file does not fit the fact or error-record schema (error "
        "record).",
        "Check that the file is newsfacts output, of this version.",
    )
    GOLD_NOT_UTF8 = Message(
        "E180", GoldError,
        "{path}: not UTF-8 (byte {start}: {reason})",
        "A gold file is not UTF-8 text.",
        "Save the gold file as UTF-8.",
    )
    GOLD_UNREADABLE = Message(
        "E181", GoldError,
        "{path}: cannot read ({strerror})",
        "A gold file cannot be read (missing, a folder, no permission).",
        "Check the path and its permissions.",
    )
    GOLD_NO_DOC_ID = Message(
        "E182", GoldError,
        "{path}:{number}: a gold line needs a doc_id",
        "A gold line has no doc_id.",
        "Give every gold line the doc_id of its story (see SCHEMA.md).",
    )
    GOLD_MISSING_FIELD = Message(
        "E183", GoldError,
        "{path}:{number}: missing {missing}",
        "A gold line lacks a field SCHEMA.md requires.",
        "Add the field named.",
    )
    GOLD_NOT_JSON = Message(
        "E184", GoldError,
        "{path}:{number}: not valid JSON ({msg})",
        "A gold line is not valid JSON.",
        "Fix the line named (one JSON object a line).",
    )
    OUTPUT_FOLDER_MISSING = Message(
        "E210", ConfigError,
        "{output}: the folder {folder} does not exist",
        "A batch run was told to write into a folder that does not exist.",
        "Create the folder, or give an output path in an existing one.",
    )
    RESUME_NO_PROGRESS_FILE = Message(
        "E211", ConfigError,
        "cannot resume: no progress file {path}; run once without resuming to start the run",
        "Resuming was asked for, but the output has no progress file beside it: the run never "
        "started or its progress file was removed.",
        "Run once without resuming; later runs can resume it.",
    )
    RESUME_OTHER_RUN = Message(
        "E212", ConfigError,
        "cannot resume: {path} records another run ({header}); give the same inputs and options, "
        "or start afresh without resuming",
        "The progress file beside the output belongs to a run with other inputs or options.",
        "Resume with the same inputs and options, or start afresh without resuming.",
    )
    PROGRESS_FILE_UNWRITABLE = Message(
        "E213", ConfigError,
        "{output}: a run into a file keeps its progress beside it, in {path}, which cannot be "
        "written ({reason}); give an output in a folder you can write to",
        "A run into a file keeps a progress file beside the output, and that file cannot be "
        "written.",
        "Write the output into a folder you can write to.",
    )
    RESUME_NOT_A_PROGRESS_FILE = Message(
        "E214", ConfigError,
        "cannot resume: {path} is not a newsfacts progress file",
        "The file where the progress of the run should be is not one newsfacts wrote.",
        "Remove or rename that file, or write the output elsewhere.",
    )
    BATCH_SIZES = Message(
        "E215", ConfigError,
        "batch_size={batch_size}, processes={processes}: both must be at least 1",
        "A batch size or a number of processes below 1.",
        "Give whole numbers of at least 1.",
    )
    RESUME_TO_STDOUT = Message(
        "E216", ConfigError,
        "resuming needs an output file to resume, not stdout",
        "Resuming was asked for a run that writes to standard output, which keeps no progress.",
        "Write to a file (-o PATH) to be able to resume.",
    )
    RESUME_INPUTS_CHANGED = Message(
        "E217", ConfigError,
        "cannot resume: document {position} is now {now!r}, the progress file recorded "
        "{recorded!r}; the inputs changed, start afresh",
        "The inputs are not those the interrupted run read: a document it had done is now another "
        "one.",
        "Start afresh without resuming, or restore the inputs of the first run.",
    )
    OUTPUT_FORMAT = Message(
        "E218", ConfigError,
        "output format {output_format!r}: use one of {formats}",
        "An output format newsfacts does not write.",
        "Use one of the formats listed.",
    )
    PARQUET_NEEDS_FILE = Message(
        "E219", ConfigError,
        "Parquet output needs a file (PATH.parquet), not a stream",
        "Parquet output was asked for on a stream; a Parquet file is written whole, at the end.",
        "Give an output file (PATH.parquet).",
    )
    RESUME_PARQUET = Message(
        "E220", ConfigError,
        "resuming works with jsonl and csv output, not parquet (a Parquet file is unreadable "
        "until closed); resume to JSONL and convert, or rerun",
        "Resuming was asked for with Parquet output, which cannot be appended to.",
        "Resume to JSONL and convert afterwards, or rerun.",
    )
    RESUME_OUTPUT_CHANGED = Message(
        "E221", ConfigError,
        "cannot resume: {path} has {size} bytes but the progress file records {resume_at}; the "
        "output was changed, start afresh",
        "The output file changed since the progress file was written (truncated, edited or "
        "replaced).",
        "Start afresh without resuming.",
    )
    DASK_UNREACHABLE = Message(
        "E222", ConfigError,
        "cannot reach the Dask scheduler {scheduler} ({exc})",
        "The Dask scheduler given for the run does not answer.",
        "Check the scheduler address and that it runs, or run without Dask.",
    )
    CLAIMREVIEW_AUTHOR = Message(
        "E223", ConfigError,
        "a ClaimReview names who checked the claims: pass --author NAME or set {author_env} (and "
        "--author-url or {author_url_env})",
        "A ClaimReview export must name who checked the claims, and no author was given.",
        "Pass --author (and --author-url), or set the environment variables named.",
    )
    EXTRA_NOT_INSTALLED = Message(
        "E224", ConfigError,
        "{purpose} needs the optional package {top!r}, which is not installed; install it with: "
        "pip install 'newsfacts[{extra}]'",
        "A feature needs an optional package that is not installed.",
        "Install the extra named (pip install 'newsfacts[…]').",
    )
    EXTRA_BROKEN = Message(
        "E225", ConfigError,
        "{purpose} needs the optional package {top!r}: it is installed, but importing {module!r} "
        "failed: {exc}; reinstall with: pip install 'newsfacts[{extra}]'",
        "An optional package is installed but cannot be imported.",
        "Reinstall the extra named; the message gives the import error.",
    )
    PARQUET_NOT_INSTALLED = Message(
        "E226", ConfigError,
        "Parquet output needs the optional package 'pyarrow', which is not installed; install it "
        "with: pip install 'newsfacts[archives]'",
        "Parquet output needs pyarrow, which is not installed.",
        "pip install 'newsfacts[archives]'.",
    )
    PIPELINE_LACKS_COMPONENTS = Message(
        "E227", ConfigError,
        "{path}: pipeline lacks newsfacts components {missing}",
        "A saved pipeline lacks newsfacts' components.",
        "Save it again with newsfacts build-model.",
    )
    PIPELINE_NOT_LOADABLE = Message(
        "E228", ConfigError,
        "{path}: not a loadable spaCy pipeline ({exc})",
        "A folder given as a model is not a saved spaCy pipeline.",
        "Give a folder written by newsfacts build-model.",
    )
    STATISTICAL_MODEL = Message(
        "E229", ConfigError,
        "statistical_model={statistical_model!r} is not an installed spaCy pipeline; install it "
        "or leave statistical_model unset for blank English",
        "Settings.statistical_model names a spaCy pipeline that is not installed.",
        "Install it, or leave statistical_model unset for blank English.",
    )
    REVIEW_SETTINGS = Message(
        "E230", ConfigError,
        "review settings: {problems} (keys: {allowed})",
        "The review settings of a ClaimReview export are not valid.",
        "Use the keys listed, with the types the message names.",
    )
    GATE_MODEL = Message(
        "E231", ConfigError,
        "{folder}: not a trained newsfacts gate ({detail})",
        "The trade gate's model folder is missing files or holds something else.",
        "Point the setting at a folder written by `newsfacts train-gate`, or retrain it.",
    )
    GATE_EXAMPLE = Message(
        "E232", ConfigError,
        "{where}: not a gate example ({detail})",
        "A line of the gate's training examples is not an example record.",
        "Write one JSON object a line with the fields the training command documents.",
    )
    GATE_NO_EXAMPLES = Message(
        "E233", ConfigError,
        "the gate needs at least one example to train on",
        "The training examples file holds no example.",
        "Give a file with examples of both labels.",
    )
    GATE_ARCHITECTURE = Message(
        "E234", ConfigError,
        "unknown gate architecture {architecture!r} (bow, cnn or cnn-small)",
        "The gate's architecture is none of those the training command knows.",
        "Use bow, cnn or cnn-small.",
    )
    ASSEMBLY_FILE = Message(
        "E240", PatternError,
        "{name}: {problems}",
        "patterns/assembly.json does not fit its schema: a key it does not name, a missing key or "
        "a wrong type.",
        "Fix the key named, as the message says what is allowed (see "
        "newsfacts/patterns/README.md).",
    )
    PERIOD_ID_NO_RESOLVER = Message(
        "E241", PatternError,
        "period pattern id {pattern_id!r} has no resolver: add it to "
        "newsfacts.mentions.periods.RESOLVERS with the function that reads its words",
        "A PERIOD or PERIOD_SHIFT pattern (in periods.jsonl or a saved model) has an id with no "
        "resolver in newsfacts.mentions.periods.RESOLVERS.",
        "Add the id to RESOLVERS with the function that reads its words, or use an existing id.",
    )
    DATA_FILE_NOT_OBJECT = Message(
        "E242", PatternError,
        "{name}: expected a JSON object at the top level",
        "A JSON data file of the package holds no JSON object.",
        "Restore the file (it ships with newsfacts).",
    )
    DATA_FILE_NOT_JSON = Message(
        "E243", PatternError,
        "{name}: not valid JSON ({exc})",
        "A JSON data file of the package is not valid JSON.",
        "Fix or restore the file named.",
    )
    PATTERN_LINE_FIELDS = Message(
        "E244", PatternError,
        "{name} line {number}: needs 'label', 'pattern' and 'id'",
        "A pattern line lacks its label, pattern or id.",
        "Give the line all three (see newsfacts/patterns/README.md).",
    )
    PATTERN_LINE_NOT_JSON = Message(
        "E245", PatternError,
        "{name} line {number}: not valid JSON ({exc})",
        "A pattern line is not valid JSON.",
        "Fix the line named.",
    )
    EXTRACTION_FAILED = Message(
        "E300", ExtractionError,
        "document {doc_id!r}: {exception}: {detail}",
        "A rule failed on one document: a bug in newsfacts. The document becomes an error record "
        "and the batch goes on.",
        "Report it with the document; the other documents are not affected.",
    )
    REFERENCE_FORMAT_UNKNOWN = FileMessage(
        "E410",
        "header {header!r} is none of the formats newsfacts reads (FRED DATE,SERIES; ALFRED with "
        "realtime_start; the user CSV columns {user_columns})",
        "An official-figures file has a header none of the formats newsfacts reads.",
        "Bring the figures in the user CSV format (docs/validation.md).",
    )
    REFERENCE_NOT_A_NUMBER = FileMessage(
        "E411",
        "column {column!r}: {text!r} is not a number",
        "A cell of an official-figures file is not a number.",
        "Fix the cell named (file, row, column).",
    )
    CENSUS_NO_MONTHS = FileMessage(
        "E412",
        "the workbook holds no published months",
        "A Census workbook holds no published months.",
        "Check that it is the Census country workbook.",
    )
    FRED_HEADER = FileMessage(
        "E413",
        "not a FRED CSV: expected the header DATE,<SERIES_ID>",
        "A CSV file read as FRED lacks the header DATE,<SERIES_ID>.",
        "Give FRED's CSV as downloaded, or the user CSV format.",
    )
    FRED_UNKNOWN_SERIES_LISTED = FileMessage(
        "E414",
        "FRED series {series_id!r} is not one newsfacts knows ({fred_series}); bring it in the "
        "user CSV format",
        "A FRED CSV file holds a series newsfacts does not know (the ones it knows are listed).",
        "Bring the series in the user CSV format.",
    )
    REFERENCE_NO_OBSERVATIONS = FileMessage(
        "E415",
        "no observations",
        "An official-figures file holds no observations.",
        "Check the file.",
    )
    FRED_UNKNOWN_SERIES = FileMessage(
        "E416",
        "FRED series {series_id!r} is not one newsfacts knows; bring it in the user CSV format",
        "An ALFRED file holds a series newsfacts does not know.",
        "Bring the series in the user CSV format.",
    )
    USER_CSV_HEADER = FileMessage(
        "E417",
        "user CSV header lacks {missing}",
        "A user CSV file lacks columns of the user CSV format.",
        "Add the columns named (docs/validation.md).",
    )
    REFERENCE_NO_SUCH_FILE = FileMessage(
        "E418",
        "no such file",
        "An official-figures file does not exist.",
        "Check the path.",
    )
    REFERENCE_SUFFIX = FileMessage(
        "E419",
        "suffix {suffix!r}: give a Census .xlsx workbook or a .csv file",
        "An official-figures file is neither .xlsx nor .csv.",
        "Give a Census .xlsx workbook or a .csv file.",
    )
    REFERENCE_NOT_A_DATE = FileMessage(
        "E420",
        "column {column!r}: {text!r} is not a date (YYYY-MM-DD)",
        "A cell of an official-figures file is not a date.",
        "Write it as YYYY-MM-DD.",
    )
    SERIES_DESCRIPTION = FileMessage(
        "E421",
        "{problems}",
        "A series description in a user CSV file is not valid (the message names each field and "
        "what is wrong).",
        "Fix the fields named.",
    )
    NOT_XLSX = FileMessage(
        "E422",
        "not an .xlsx workbook ({name})",
        "A file named .xlsx is not an Excel workbook.",
        "Give the Census workbook as downloaded.",
    )
    CENSUS_HEADER = FileMessage(
        "E423",
        "not a Census country workbook: header lacks {missing}",
        "An .xlsx workbook is not the Census country workbook.",
        "Give the Census country workbook, or the user CSV format.",
    )
    REFERENCE_NOT_UTF8 = FileMessage(
        "E424",
        "not UTF-8 text (byte {start})",
        "An official-figures CSV file is not UTF-8.",
        "Save the file as UTF-8.",
    )
    REFERENCE_NOT_CSV = FileMessage(
        "E425",
        "not a CSV file ({exc})",
        "An official-figures file cannot be parsed as CSV.",
        "Check the file.",
    )
    FRED_COLUMNS = FileMessage(
        "E426",
        "expected 2 columns, found {found}",
        "A row of a FRED CSV file has not two columns.",
        "Fix the row named.",
    )
    ALFRED_LONG_COLUMNS = FileMessage(
        "E427",
        "an ALFRED long file needs observation_date (or date), realtime_start and one value column",
        "An ALFRED file in long form lacks its columns.",
        "Give observation_date (or date), realtime_start and one value column.",
    )
    ALFRED_FORMAT = FileMessage(
        "E428",
        "not an ALFRED file: expected a realtime_start column or columns named SERIES_YYYYMMDD",
        "A file read as ALFRED has neither a realtime_start column nor vintage columns.",
        "Give ALFRED's file as downloaded, or the user CSV format.",
    )
    ROW_COLUMNS = FileMessage(
        "E429",
        "expected {expected} columns, found {found}",
        "A row has not as many columns as the header.",
        "Fix the row named.",
    )
    USER_CSV_UNIT = FileMessage(
        "E430",
        "unit {cell!r}: write an ISO 4217 code and a scale, e.g. 'USD millions' (scales: units, "
        "thousands, millions, billions)",
        "A unit of a user CSV file is not an ISO 4217 code and a scale.",
        "Write e.g. 'USD millions'.",
    )
    USER_CSV_ADJUSTMENT = FileMessage(
        "E431",
        "seasonally_adjusted {cell!r}: write SA or NSA",
        "A seasonally_adjusted cell is neither SA nor NSA.",
        "Write SA or NSA.",
    )
    USER_CSV_PERIOD = FileMessage(
        "E432",
        "period {cell!r}: write YYYY-MM, YYYY-Qn or YYYY",
        "A period cell of a user CSV file is not a period code.",
        "Write YYYY-MM, YYYY-Qn or YYYY.",
    )
    USER_CSV_PERIOD_FREQUENCY = FileMessage(
        "E433",
        "period {cell!r} does not fit frequency {frequency}",
        "A period does not fit its series' frequency (a month in an annual series).",
        "Write periods of the series' frequency.",
    )
    USER_CSV_SERIES_REDESCRIBED = FileMessage(
        "E434",
        "series {series_id!r} is described differently than on an earlier row (one series, one "
        "description)",
        "One series is described differently on two rows of a user CSV file.",
        "Describe each series the same way on every row.",
    )
    CENSUS_YEAR = FileMessage(
        "E435",
        "year {year_text!r} is not a year",
        "A year cell of a Census workbook is not a year.",
        "Check that it is the Census country workbook.",
    )
    PROFILE_MISSING = FileMessage(
        "E436",
        "missing {missing}",
        "The revision profile (revision ranges of validation) lacks a section.",
        "Restore the file (it ships with newsfacts).",
    )
    PROFILE_FORMAT = FileMessage(
        "E437",
        "not a {profile_format} file",
        "The revision profile (revision ranges of validation) is not of its format.",
        "Restore the file (it ships with newsfacts).",
    )
    STORE_EXISTS_USE_FORCE = Message(
        "E450", ReferenceStoreError,
        "{out} exists; pass --force to replace it",
        "The store to build exists already.",
        "Pass --force to replace it, or build into another path.",
    )
    DOWNLOAD_FAILED = Message(
        "E451", ReferenceStoreError,
        "cannot download {name} from {url}: {exc}",
        "Downloading an official file for the default store failed.",
        "Check the network, or build the store from files you have.",
    )
    STORE_FOLDER_MISSING = Message(
        "E452", ReferenceStoreError,
        "cannot write {target}: the folder {parent} does not exist; create it first",
        "A store is to be written into a folder that does not exist.",
        "Create the folder first.",
    )
    STORE_NAME_NOT_UTF8 = Message(
        "E453", ReferenceStoreError,
        "{shown}: a store's file name must be UTF-8; rename it",
        "A store's file name is not UTF-8.",
        "Rename it.",
    )
    STORE_EXISTS = Message(
        "E454", ReferenceStoreError,
        "{target} exists; remove it or allow overwriting",
        "A store file exists where one is to be built.",
        "Remove it, or allow overwriting (--force on the command line).",
    )
    NOT_A_STORE = Message(
        "E455", ReferenceStoreError,
        "a reference store is a ReferenceStore or the path of one, not {name}",
        "validate() or check() was given something that is neither a ReferenceStore nor a path.",
        "Pass a ReferenceStore or the path of one.",
    )
    NO_STORE = Message(
        "E456", ReferenceStoreError,
        "no reference store at {file}; build one with `newsfacts reference build`",
        "No reference store at the path given.",
        "Build one with newsfacts reference build.",
    )
    STORE_FORMAT_VERSION = Message(
        "E457", ReferenceStoreError,
        "{file} is not a {store_format} store",
        "A store was built by another version of newsfacts' store format.",
        "Build it again with newsfacts reference build.",
    )
    STORE_UNREADABLE = Message(
        "E458", ReferenceStoreError,
        "{file} is not a newsfacts reference store ({exc})",
        "A file given as a reference store is not one newsfacts built.",
        "Give a store built by newsfacts reference build.",
    )
    SERIES_TWO_DESCRIPTIONS = Message(
        "E459", ReferenceStoreError,
        "series {series_id!r} comes from two files with different descriptions ({file}, {file2})",
        "One series comes from two files that describe it differently.",
        "Give each series from one file, or describe it the same way in both.",
    )


CATALOGUE: tuple[Message[NewsfactsError] | FileMessage, ...] = tuple(
    entry for entry in vars(Errors).values() if isinstance(entry, Message | FileMessage)
)
