#!/usr/bin/env python3
"""Verifies a gMSA Portal audit trail CSV export offline, without the portal's code.

Usage: verify-audit-csv.py [--filtered] EXPORT.csv

Reads the export by the rule in docs/audit-export.md (an empty unquoted cell is null, a quoted one a string;
one leading apostrophe is the spreadsheet escape and is removed), recomputes every event's SHA-256 from its
fields and the previous event's hash, and checks that consecutive events link. Prints VALID with the number of
events and the last event's seq and hash (compare them with a published checkpoint), or INVALID with every
problem found. Exit status: 0 valid, 1 invalid, 2 unreadable or not an audit export.

An export of the whole trail starts at event 1 and has no gap in its sequence: a missing event is a problem.
--filtered is for an export taken with filters, whose gaps are expected: each event is still checked, the links
across a gap are not, and VALID says how many gaps there were.

Python 3 standard library only.
"""

import hashlib
import sys

COLUMNS = ["seq", "occurred_at", "actor", "actor_kind", "actor_roles", "source_address", "action", "target",
           "outcome", "details", "correlation_id", "ticket_ref", "prev_hash", "hash"]
GENESIS = "0" * 64
ESCAPE = "'"


class Unreadable(Exception):
    pass


def parse(text):
    """RFC 4180 records whose cells are (value, quoted): the rule needs to know which cells were quoted."""
    records, record, i, n = [], [], 0, len(text)
    while i < n:
        if text[i] == '"':
            i += 1
            chars = []
            while True:
                if i >= n:
                    raise Unreadable("a quoted cell is not closed (record %d)" % (len(records) + 1))
                if text[i] == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        chars.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                chars.append(text[i])
                i += 1
            record.append(("".join(chars), True))
        else:
            start = i
            while i < n and text[i] not in ',\r\n':
                if text[i] == '"':
                    raise Unreadable("a quote inside an unquoted cell (record %d)" % (len(records) + 1))
                i += 1
            record.append((text[start:i], False))
        if i >= n:
            records.append(record)
            break
        if text[i] == ',':
            i += 1
            if i >= n:
                record.append(("", False))
                records.append(record)
            continue
        if text.startswith("\r\n", i):
            i += 2
        elif text[i] == '\n':
            i += 1
        else:
            raise Unreadable("a cell does not end at a comma or a line end (record %d)" % (len(records) + 1))
        records.append(record)
        record = []
    return records


def value(cell):
    """The stored value of a cell: None for an empty unquoted cell; otherwise the text without the escape."""
    text, quoted = cell
    if not quoted and text == "":
        return None
    return text[1:] if text.startswith(ESCAPE) else text


def java_length(text):
    """The portal counts a value's length in UTF-16 code units, as Java's String.length() does."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def event_hash(fields):
    """SHA-256 of prev_hash, a line feed, then each hashed field as <length>:<value> or - for null, each on a line."""
    canonical = [fields["prev_hash"], "\n"]
    for name in COLUMNS[:12]:
        field = fields[name]
        canonical.append("-\n" if field is None else "%d:%s\n" % (java_length(field), field))
    return hashlib.sha256("".join(canonical).encode("utf-8", "replace")).hexdigest()


def missing(first, last):
    return ("event %d is missing" % first) if first == last else ("events %d to %d are missing" % (first, last))


def verify(records, filtered=False):
    if not records or [text for text, _ in records[0]] != COLUMNS:
        raise Unreadable("the first line is not the audit export header: " + ",".join(COLUMNS))
    problems, previous, gaps, count = [], None, 0, 0
    for number, record in enumerate(records[1:], start=2):
        if len(record) != len(COLUMNS):
            raise Unreadable("line record %d has %d cells, not %d" % (number, len(record), len(COLUMNS)))
        fields = dict(zip(COLUMNS, (value(cell) for cell in record)))
        try:
            seq = int(fields["seq"])
        except (TypeError, ValueError):
            raise Unreadable("record %d has no sequence number" % number)
        count += 1
        if event_hash(fields) != fields["hash"]:
            problems.append("event %d: its hash does not match its fields (changed after it was recorded)" % seq)
        if previous is None:
            if seq == 1 and fields["prev_hash"] != GENESIS:
                problems.append("event 1: it does not start the chain (prev_hash is not 64 zeros)")
            elif seq > 1 and filtered:
                gaps += 1
            elif seq > 1:
                problems.append("%s: the export does not start at the first event (for a filtered export, "
                                "pass --filtered)" % missing(1, seq - 1))
        elif seq <= previous[0]:
            problems.append("event %d: it comes after event %d (out of order or repeated)" % (seq, previous[0]))
        elif seq == previous[0] + 1:
            if fields["prev_hash"] != previous[1]:
                problems.append("event %d: it does not link to event %d (an event was removed, inserted or "
                                "changed)" % (seq, previous[0]))
        elif filtered:
            gaps += 1
        else:
            problems.append("%s: a gap in the sequence after event %d (for a filtered export, pass --filtered)"
                            % (missing(previous[0] + 1, seq - 1), previous[0]))
        previous = (seq, fields["hash"])
    return count, previous, gaps, problems


def main(argv):
    args = argv[1:]
    filtered = "--filtered" in args
    if filtered:
        args.remove("--filtered")
    if len(args) != 1 or args[0].startswith("--"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        with open(args[0], "rb") as export:
            text = export.read().decode("utf-8")
        count, last, gaps, problems = verify(parse(text.lstrip("\ufeff")), filtered)
    except (OSError, UnicodeDecodeError, Unreadable) as ex:
        print("UNREADABLE: %s" % ex)
        return 2
    if problems:
        print("INVALID: %d problem(s) in %d events" % (len(problems), count))
        for problem in problems:
            print("  " + problem)
        return 1
    if last is None:
        print("VALID: 0 events")
        return 0
    note = "" if gaps == 0 else (" (a filtered export: %d gap(s) in the sequence, each event is checked, links "
                                 "across a gap are not)" % gaps)
    print("VALID: %d events, last seq %d hash %s%s" % (count, last[0], last[1], note))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
