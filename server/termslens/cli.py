"""The `termslens` command: serve, analyze, records. The only code that prints, exits or starts waitress.

Errors print one `Error: ...` line to stderr and exit 1 (click's usage errors exit 2).
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import click

from termslens import __version__, config
from termslens.pagetext import InputError, decode, page_text
from termslens.records import RecordError, bundled_records_dir, imported_records_dir, load_records, record_files

RECORDS_OPTION = click.option(
    "--records",
    "record_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help=f"An extra folder of record files (repeatable; also ${config.RECORDS_ENV}).",
)


IMPORTED_OPTION = click.option(
    "--imported/--no-imported",
    "imported",
    default=None,
    help=f"Load the imported ToS;DR records shipped with TermsLens (default: yes; ${config.IMPORTED_ENV}=0 says no).",
)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _record_dirs(extra: tuple[Path, ...], *, imported: bool | None = None) -> list[Path]:
    """The curated records, the imported ones (unless switched off), $TERMSLENS_RECORDS, then `extra`."""
    if imported is None:
        imported = config.env_imported_records()
    return [bundled_records_dir(), *([imported_records_dir()] if imported else []), *config.env_record_dirs(), *extra]


def _library(record_dirs: list[Path]):
    """The library of `record_dirs`, each folder's index kept in the data folder (built once)."""
    from termslens.library import load_library

    return load_library(record_dirs, cache_dir=config.index_cache_dir(config.default_data_dir()))


@click.group()
@click.version_option(__version__, prog_name="termslens")
def main() -> None:
    """TermsLens: find and explain the clauses that matter in terms and privacy pages, locally."""


@main.command()
@click.option("--port", default=config.DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535))
@RECORDS_OPTION
@IMPORTED_OPTION
@click.option(
    "--detector-process/--no-detector-process",
    "detector_process",
    default=None,
    help="Detect clause types in a second process while records are matched in this one "
    "(default: yes on a machine with more than one core).",
)
def serve(port: int, record_dirs: tuple[Path, ...], imported: bool | None, detector_process: bool | None) -> None:
    """Run the local service the browser extension talks to (loopback only)."""
    from termslens.detector_process import IN_PROCESS, DetectorProcess
    from termslens.memory import limit_malloc_arenas

    limit_malloc_arenas()  # before any thread starts (termslens.memory)
    # Before anything else loads here: the child loads the detector's model meanwhile.
    use_process = config.DETECTOR_PROCESS if detector_process is None else detector_process
    detector = DetectorProcess() if use_process else IN_PROCESS

    from termslens.api import create_app
    from termslens.api.context import state, state_of
    from termslens.store import StoreError

    try:
        app = create_app(record_dirs=record_dirs, imported=imported, detector=detector)
    except (RecordError, StoreError) as exc:
        raise click.ClickException(str(exc)) from None
    with app.app_context():
        app_state = state()
        records, services = len(app_state.library), len(app_state.library.services)
        notice, problems = app_state.store.notice, app_state.user_file_problems
    if notice:
        click.echo(f"Warning: {notice}", err=True)
    for problem in problems:
        click.echo(f"Warning: a stored record file was not loaded (it is kept; see /api/v1/health): "
                   f"{problem['message']}", err=True)
    try:
        server = create_server(app, port)
    except OSError as exc:
        raise click.ClickException(
            f"cannot listen on {config.HOST}:{port}: {exc.strerror or exc} "
            "(is TermsLens already running? choose another port with --port)"
        ) from None
    click.echo(f"TermsLens {__version__} is listening on http://{config.HOST}:{port} "
               f"({_count(records, 'record')}, {_count(services, 'service')}). Press Ctrl+C to stop.")
    sys.setswitchinterval(config.GIL_SWITCH_INTERVAL)
    stop = _start_watching(app)
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("TermsLens stopped.")
    finally:
        stop.set()
        server.close()
        state_of(app).detector.close()


def _start_watching(app):
    """The thread that checks watched documents when they are due (it fetches nothing while none is watched)."""
    import threading

    from termslens.api.context import state_of

    stop = threading.Event()
    watcher = state_of(app).watcher
    if watcher is not None:
        thread = threading.Thread(target=watcher.run, args=(stop,), kwargs={"log": app.logger.info},
                                  name="termslens-watch", daemon=True)
        thread.start()
    return stop


def create_server(app, port: int):
    """A waitress server for `app` on the loopback address, with the settings of `config.WAITRESS`.

    Its parser answers a request that says `Expect: 100-continue` but has no body (or is refused on its headers)
    at once: waitress 3.0 sends "100 Continue" for it and then waits for the body, which never comes, until the
    connection times out.
    """
    from waitress.channel import HTTPChannel
    from waitress.parser import HTTPRequestParser
    from waitress.server import create_server as waitress_server

    class Parser(HTTPRequestParser):
        expect_continue: bool

        def received(self, data: bytes) -> int:
            consumed = super().received(data)
            if self.completed and self.expect_continue:
                self.expect_continue = False  # nothing left to receive: answer, do not invite a body
            return consumed

    class Channel(HTTPChannel):
        parser_class = Parser

    server = waitress_server(app, host=config.HOST, port=port, ident=f"TermsLens/{__version__}", **config.WAITRESS)
    server.channel_class = Channel
    return server


@main.command()
@click.argument("source", metavar="PATH|-")
@click.option("--url", help="The page's address; tells which service the page belongs to.")
@click.option("--title", help="The page's title (default: the file's name); tells a privacy notice from terms.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of the report.")
@RECORDS_OPTION
@IMPORTED_OPTION
def analyze(source: str, url: str | None, title: str | None, as_json: bool, record_dirs: tuple[Path, ...],
            imported: bool | None) -> None:
    """Find the known clauses in a saved page or document (text, Markdown or HTML; - reads stdin)."""
    from termslens.analysis import analyze as run_analysis
    from termslens.report import analysis_json

    name = "standard input" if source == "-" else source
    text = _read_document(source, doing="analyze")
    try:
        library = _library(_record_dirs(record_dirs, imported=imported))
    except RecordError as exc:
        raise click.ClickException(str(exc)) from None
    if title is None and source != "-":
        title = Path(source).name
    analysis = run_analysis(library, text, url=url, title=title)
    if as_json:
        click.echo(json.dumps(analysis_json(analysis, text=text), ensure_ascii=False))
    else:
        _print_report(name, text, analysis)


def _print_report(name: str, text: str, analysis) -> None:
    """The terminal report: the digest first, then every clause with what it means and what you can do, a
    clause type found several times shown once with all its excerpts."""
    from termslens.report import analysis_json

    body = analysis_json(analysis)
    summary = body["summary"]
    service = analysis.service.name if analysis.service else "unknown service"
    counts = ", ".join(f"{n} {severity}" for severity, n in summary["by_severity"].items() if n)
    click.secho(f"{name}: {service}", bold=True)
    if not body["annotations"]:
        click.echo("No known clauses found.")
        return
    kinds = summary["by_kind"]
    click.echo(
        f"{summary['total']} clauses found ({counts}): {kinds['record']} from curated records, "
        f"{kinds['generic']} recognised by type.\n"
    )
    colors = {"high": "red", "medium": "yellow", "low": "blue"}
    click.secho("What matters most", bold=True)
    for number, entry in enumerate(body["digest"], 1):
        label = entry["severity"].upper() + (" (good news)" if entry["stance"] == "good" else "")
        repeat = f" ×{entry['count']}" if entry["count"] > 1 else ""
        act = " · you can act" if entry["can_act"] else ""
        click.secho(f"  {number}. [{label}] {entry['title']}{repeat}", fg=colors[entry["severity"]], nl=False)
        click.echo(f"  ({entry['category']}{act})")
    groups = _clause_groups(body["annotations"])
    click.secho(f"\nAll {summary['total']} clauses"
                + (f" ({len(groups)} entries: repeats of a clause type shown once)" if len(groups) < summary["total"] else ""),
                bold=True)
    wrap = textwrap.TextWrapper(width=100, initial_indent="    ", subsequent_indent="    ")
    for number, group in enumerate(groups, 1):
        first = group[0]
        lines = [text.count("\n", 0, a["start"]) + 1 for a in group]
        label = first["severity"].upper() + (" (good news)" if first["stance"] == "good" else "")
        kind = "curated record" if first["kind"] == "record" else "clause type, no record for this service"
        repeat = f" ×{len(group)}" if len(group) > 1 else ""
        where = f"line {lines[0]}" if len(group) == 1 else "lines " + ", ".join(map(str, lines[:12])) + (
            ", …" if len(lines) > 12 else "")
        click.secho(f"{number}. [{label}] {first['title']}{repeat}", fg=colors[first["severity"]], bold=True)
        click.echo(f"    {first['category']} · {kind} · {where} · match {max(a['score'] for a in group):.0f}/100")
        for annotation in group[:EXCERPTS_PER_GROUP]:
            excerpt = " ".join(annotation["exact"].split())
            click.echo(wrap.fill(f"“{excerpt if len(excerpt) <= 240 else excerpt[:237] + '…'}”"))
        if len(group) > EXCERPTS_PER_GROUP:
            click.echo(f"    … and {len(group) - EXCERPTS_PER_GROUP} more like these.")
        click.echo(wrap.fill(f"What it means: {first['means']}"))
        click.echo(wrap.fill(f"Why it matters: {first['matters']}"))
        actions = _unique_actions(a for annotation in group for a in annotation["actions"])
        if actions or first.get("advice"):
            click.echo("    What you can do:")
        for action in actions:
            target = action.get("url") or (f"mailto:{action['email']}" if action.get("email") else "")
            click.echo(f"    - {action['label']}" + (f": {target}" if target else ""))
            if action.get("deadline"):
                click.echo(f"        Deadline: {action['deadline']}")
            for step_number, step in enumerate(action["steps"], 1):
                click.echo(f"        {step_number}. {step}")
            for caveat in action["caveats"]:
                click.echo(f"        Note: {caveat}")
        for advice in first.get("advice", ()):
            click.echo(f"    - {advice}")
        if "peers" in first:
            click.echo(wrap.fill(f"Elsewhere: {first['peers']['summary']}"))
        click.echo()


# A clause type found many times prints this many of its excerpts, then a count of the others.
EXCERPTS_PER_GROUP = 3


def _clause_groups(annotations: list[dict]) -> list[list[dict]]:
    """The annotations in page order, those of one generic clause type (category and stance) together at the
    place of the first; each curated record apart (each says something of its own)."""
    groups: list[list[dict]] = []
    generic_group: dict[tuple[str, str], list[dict]] = {}
    for annotation in annotations:
        if annotation["kind"] != "generic":
            groups.append([annotation])
            continue
        key = (annotation["category"], annotation["stance"])
        if key in generic_group:
            generic_group[key].append(annotation)
        else:
            generic_group[key] = [annotation]
            groups.append(generic_group[key])
    return groups


def _unique_actions(actions) -> list[dict]:
    seen, out = set(), []
    for action in actions:
        key = (action["kind"], action["label"], action.get("url"), action.get("email"))
        if key not in seen:
            seen.add(key)
            out.append(action)
    return out


def _read_document(source: str, *, doing: str = "read") -> str:
    """The text of a file or standard input as `analyze` reads it (HTML through its main content); a text
    that cannot be read as a page is "cannot <doing> <name>: why"."""
    name = "standard input" if source == "-" else source
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except IsADirectoryError:
        raise click.ClickException(f"cannot read {name}: it is a folder, not a file") from None
    except OSError as exc:
        raise click.ClickException(f"cannot read {name}: {exc.strerror or exc}") from None
    try:
        return page_text(decode(raw))
    except InputError as exc:
        raise click.ClickException(f"cannot {doing} {name}: {exc}") from None


@main.command()
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--url", help="The documents' address; tells which service they belong to.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of the change list.")
@RECORDS_OPTION
def diff(old: str, new: str, url: str | None, as_json: bool, record_dirs: tuple[Path, ...]) -> None:
    """What changed from OLD to NEW, clause by clause (text, Markdown or saved HTML; - reads stdin once).

    Changes that matter come first: a number, amount, duration or date, a negation or a "may" that became
    "will", a named party or kind of data, a clause of a known category added or removed.
    """
    from termslens.analysis import compare_texts
    from termslens.library import Library
    from termslens.report import diff_json

    if old == "-" and new == "-":
        raise click.ClickException("only one of OLD and NEW can be standard input")
    old_text, new_text = _read_document(old), _read_document(new)
    try:
        library = Library(load_records(_record_dirs(record_dirs)))
    except RecordError as exc:
        raise click.ClickException(str(exc)) from None
    _, _, changes = compare_texts(library, old_text, new_text, url=url, title=Path(new).name if new != "-" else None)
    if as_json:
        click.echo(json.dumps(diff_json(old_text, new_text, changes), ensure_ascii=False))
    else:
        _print_changes(old, new, old_text, new_text, changes)


def _print_changes(old_name: str, new_name: str, old_text: str, new_text: str, changes) -> None:
    """The terminal change list: what matters first, each change with its reasons and its words."""
    from termslens.report import changes_summary_json

    summary = changes_summary_json(changes)
    click.secho(f"{old_name} → {new_name}", bold=True)
    if not changes:
        click.echo("No changes (formatting aside).")
        return
    counts = ", ".join(f"{summary[kind]} {kind}" for kind in ("edited", "added", "removed", "moved") if summary[kind])
    click.echo(f"{_count(summary['total'], 'change')} ({counts}); {summary['material']} that matter.\n")
    wrap = textwrap.TextWrapper(width=100, initial_indent="    ", subsequent_indent="      ")
    ordered = sorted(changes, key=lambda c: not c.material)  # stable: page order within each group
    for number, change in enumerate(ordered, 1):
        if number == 1 and change.material:
            click.secho("Changes that matter", underline=True)
        elif change.material is False and (number == 1 or ordered[number - 2].material):
            click.secho("Other changes", underline=True)
        where = change.new or change.old
        text = new_text if change.new is not None else old_text
        line = text.count("\n", 0, where.start) + 1
        side = "" if change.new is not None else " of the old version"
        category = f" · {change.category}" if change.category else ""
        click.secho(f"{number}. {change.kind.capitalize()}{category} · line {line}{side}",
                    fg="red" if change.material else None, bold=change.material)
        for reason in change.reasons:
            before = f"“{_short(reason.old.text, 60)}”" if reason.old else "—"
            after = f"“{_short(reason.new.text, 60)}”" if reason.new else "—"
            label = reason.what if reason.kind != "category" else f"a clause of category {reason.what}"
            click.echo(f"    {reason.kind}: {label}: {before} → {after}")
        if change.kind == "edited":
            click.echo(wrap.fill(_word_diff_line(change.words)))
        else:
            mark = {"added": "+", "removed": "−", "moved": "↕"}[change.kind]
            click.echo(wrap.fill(f"{mark} “{_short(' '.join(where.text.split()), 300)}”"))
        click.echo()


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _word_diff_line(ops, context: int = 8) -> str:
    """An edited clause as one line: unchanged words shortened to `context` words around each edit,
    deletions as [-…-] and insertions as {+…+}."""
    parts = []
    for index, op in enumerate(ops):
        words = op.text.split()
        if op.op == "delete":
            parts.append(f"[-{' '.join(words)}-]")
        elif op.op == "insert":
            parts.append(f"{{+{' '.join(words)}+}}")
        else:
            first, last = index == 0, index == len(ops) - 1
            if len(words) > 2 * context + 1 or (first or last) and len(words) > context:
                head = [] if first else words[:context]
                tail = [] if last else words[-context:]
                words = head + ["…"] + tail
            parts.append(" ".join(words))
    return " ".join(parts)


@main.command("history", context_settings={"ignore_unknown_options": False})
@click.argument("words", nargs=-1, metavar="[URL] | clear [URL] | on | off")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of the list.")
def history_command(words: tuple[str, ...], as_json: bool) -> None:
    """The document history kept in the data folder (what changed since you last read a page).

    \b
    termslens history              the documents kept, most recently seen first
    termslens history URL          the versions kept of one document
    termslens history clear [URL]  forget every document (or one)
    termslens history off | on     stop (or start again) keeping versions; off keeps what is there
    """
    from termslens.history import AddressError

    history = _open_history()
    try:
        if words[:1] == ("clear",) and len(words) <= 2:
            url = words[1] if len(words) == 2 else None
            count = history.clear(url)
            if url is not None and count == 0:
                raise click.ClickException(f"the history has no version of {url}")
            click.echo(f"Forgot {_count(count, 'document')}.")
        elif words in (("on",), ("off",)):
            history.set_enabled(words[0] == "on")
            click.echo(f"Document history is {words[0]}." + ("" if words[0] == "on" else " Kept versions stay until `termslens history clear`."))
        elif len(words) == 1:
            _print_document(history, words[0], as_json)
        elif not words:
            _print_documents(history, as_json)
        else:
            raise click.UsageError("give a URL, or clear [URL], or on, or off")
    except AddressError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        history.close()


def _open_history():
    import sqlite3

    from termslens.history import History

    folder = config.default_data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return History(folder)
    except (OSError, sqlite3.Error) as exc:
        raise click.ClickException(f"cannot open the document history in {folder}: {exc}") from None


def _print_documents(history, as_json: bool) -> None:
    from termslens.api.history import document_json

    documents = history.documents()
    if as_json:
        click.echo(json.dumps({"enabled": history.enabled,
                               "documents": [document_json(d, versions=False) for d in documents]}, ensure_ascii=False))
        return
    if not history.enabled:
        click.echo("Document history is off (termslens history on).", err=True)
    for document in documents:
        flag = " · unread changes" if document.unread else ""
        title = f" — {document.title}" if document.title else ""
        click.echo(f"{document.address}{title}\n    {_count(len(document.versions), 'version')}, "
                   f"last seen {document.last_seen}{flag}")
    click.echo(f"{_count(len(documents), 'document')}.", err=True)


def _print_document(history, url: str, as_json: bool) -> None:
    from termslens.api.history import document_json

    document = history.document(url)
    if document is None:
        raise click.ClickException(f"the history has no version of {url}")
    if as_json:
        click.echo(json.dumps({"enabled": history.enabled, "document": document_json(document, versions=True)},
                              ensure_ascii=False))
        return
    click.secho(document.address + (f" — {document.title}" if document.title else ""), bold=True)
    for version in document.versions:
        state = ("marked as read " + version.acknowledged_at if version.acknowledged_at
                 else "read " + version.read_at if version.read_at else "fetched, not read yet")
        click.echo(f"  {version.first_seen}  {version.hash[:12]}  {version.chars:,} characters  {state}")


@main.group()
def watch() -> None:
    """Watch documents for changes (opt-in: the one feature that makes network requests; see the README)."""


def _watcher(record_dirs: tuple[Path, ...] = ()):
    from termslens.analysis import analyze as run_analysis
    from termslens.library import Library
    from termslens.watch import Watcher

    history = _open_history()
    library: list = []

    def analyse(text: str, url: str, title: str | None):
        if not library:  # loaded on the first fetched version only: listing watches needs no records
            try:
                library.append(Library(load_records(_record_dirs(record_dirs))))
            except RecordError as exc:
                raise click.ClickException(str(exc)) from None
        return run_analysis(library[0], text, url=url, title=title, versioned=True)

    return Watcher(history, analyse)


@watch.command("add")
@click.argument("url")
def watch_add(url: str) -> None:
    """Watch URL: check it daily (first at the next check) and keep each new version."""
    from termslens.watch import WatchError

    watcher = _watcher()
    try:
        address, new = watcher.add(url)
    except WatchError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        watcher.history.close()
    click.echo(f"Watching {address}." if new else f"{address} is already watched.")


@watch.command("remove")
@click.argument("url")
def watch_remove(url: str) -> None:
    """Stop watching URL (its kept versions stay in the history)."""
    from termslens.watch import WatchError

    watcher = _watcher()
    try:
        removed = watcher.remove(url)
    except WatchError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        watcher.history.close()
    if not removed:
        raise click.ClickException(f"{url} is not watched")
    click.echo(f"No longer watching {url}.")


@watch.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of the list.")
def watch_list(as_json: bool) -> None:
    """The watched documents: when each was last checked, what came of it, when it is checked next."""
    from termslens.api.watch import watch_json

    watcher = _watcher()
    try:
        unread = {d.address for d in watcher.history.documents() if d.unread}
        watches = watcher.watches()
    finally:
        watcher.history.close()
    if as_json:
        click.echo(json.dumps({"watches": [watch_json(w, unread=w.address in unread) for w in watches]}))
        return
    for w in watches:
        last = f"last checked {w.last_checked}: {w.last_result}" if w.last_checked else "not checked yet"
        flag = " · unread changes" if w.address in unread else ""
        click.echo(f"{w.address}\n    {last}; next check {w.next_check}{flag}")
    click.echo(f"{_count(len(watches), 'watched document')}.", err=True)


@watch.command("check")
@click.argument("url", required=False)
@click.option("--all", "check_all", is_flag=True, help="Check every watched document now, due or not.")
@RECORDS_OPTION
def watch_check(url: str | None, check_all: bool, record_dirs: tuple[Path, ...]) -> None:
    """Check the watched documents that are due now (or URL, or --all), as the service does on its schedule."""
    from termslens.watch import WatchError

    watcher = _watcher(record_dirs)
    try:
        if url is not None:
            results = [watcher.check(url)]
        elif check_all:
            results = [watcher.check(w.url) for w in watcher.watches()]
        else:
            results = watcher.check_due()
    except WatchError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        watcher.history.close()
    for result in results:
        click.echo(f"{result.address}: {result.result}; next check {result.next_check}")
    if not results:
        click.echo("Nothing is due.", err=True)


@main.group()
def records() -> None:
    """Check and list clause records."""


@records.command("validate")
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path))
def validate(directories: tuple[Path, ...]) -> None:
    """Check record files against the schema (default: the bundled records and $TERMSLENS_RECORDS)."""
    dirs = list(directories) or _record_dirs(())
    try:
        count = len(load_records(dirs))
        files = sum(len(record_files(directory)) for directory in dirs)
    except RecordError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"OK: {count} records in {files} files.")


@records.command("list")
@RECORDS_OPTION
@IMPORTED_OPTION
def list_records(record_dirs: tuple[Path, ...], imported: bool | None) -> None:
    """List the loaded records: id, service, category, severity, title."""
    try:
        loaded = load_records(_record_dirs(record_dirs, imported=imported))
    except RecordError as exc:
        raise click.ClickException(str(exc)) from None
    for record in loaded:
        click.echo(f"{record.id}\t{record.service.name}\t{record.category}\t{record.severity}\t{record.title}")
    click.echo(f"{len(loaded)} records.", err=True)


@records.group("import")
def records_import() -> None:
    """Make record files from another project's curated clauses."""


@records_import.command("tosdr")
@click.argument("points", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--cases", "cases_path", type=click.Path(dir_okay=False, path_type=Path),
              help="ToS;DR's cases.json: each case's classification (default: the one each point carries).")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the record files to (new, or an earlier import's, which is replaced).")
@RECORDS_OPTION
def records_import_tosdr(points: Path, cases_path: Path | None, out: Path, record_dirs: tuple[Path, ...]) -> None:
    """Record files from ToS;DR points (points.jsonl), one per service, merged into the services the library knows."""
    from termslens.tosdr_import import TosdrImportError, import_tosdr, summary_lines

    try:
        report = import_tosdr(points, out, known_dirs=[bundled_records_dir(), *config.env_record_dirs(), *record_dirs],
                              cases_path=cases_path)
    except TosdrImportError as exc:
        raise click.ClickException(str(exc)) from None
    for line in summary_lines(report):
        click.echo(line)
    click.echo(f"Wrote {out}.")


@main.command("feedback")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
def feedback(as_json: bool) -> None:
    """List the "this looks wrong" reports sent from clause cards (kept in the local store)."""
    from termslens.config import default_data_dir
    from termslens.store import Store, StoreError

    try:
        store = Store(default_data_dir())
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if store.notice:
        click.echo(store.notice, err=True)
    reports = store.feedback()
    store.close()
    if as_json:
        click.echo(json.dumps({"feedback": reports}, ensure_ascii=False))
        return
    for report in reports:
        about = report["record_id"] or f"clause type {report['category']}"
        click.secho(f"#{report['id']} {report['received']} · {about}", bold=True)
        if report.get("url"):
            click.echo(f"    page: {report['url']}")
        if report.get("exact"):
            excerpt = " ".join(report["exact"].split())
            click.echo(f"    clause: “{excerpt[:200]}{'…' if len(excerpt) > 200 else ''}”")
        if report.get("note"):
            click.echo(f"    note: {report['note']}")
    click.echo(f"{_count(len(reports), 'report')}.", err=True)


@main.command("pair")
@click.argument("code", required=False)
@click.option("--list", "list_paired", is_flag=True, help="List the paired Firefox extensions.")
@click.option("--forget", "forget_origin", metavar="ORIGIN", help="Stop answering a paired extension (its moz-extension:// origin).")
def pair(code: str | None, list_paired: bool, forget_origin: str | None) -> None:
    """Pair TermsLens in Firefox with this service: CODE is the one its settings page shows.

    Chromium needs no pairing. The code is confirmed in the local store, so the service (running or not)
    answers that Firefox extension from then on.
    """
    from termslens import pairing
    from termslens.config import default_data_dir
    from termslens.store import Store, StoreError

    if sum((code is not None, list_paired, forget_origin is not None)) != 1:
        raise click.UsageError("give the CODE from the extension's settings, or --list, or --forget ORIGIN")
    try:
        store = Store(default_data_dir())
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        if list_paired:
            paired = store.pairing_state().get("paired", [])
            for entry in paired:
                click.echo(f"{entry['origin']}\tpaired {entry['paired'][:16].replace('T', ' ')} UTC")
            click.echo(f"{_count(len(paired), 'paired Firefox extension')}.", err=True)
            return
        if forget_origin is not None:
            if not store.update_pairing(lambda state: pairing.forget(state, forget_origin)):
                raise click.ClickException(f"{forget_origin} is not paired (see termslens pair --list)")
            click.echo(f"TermsLens no longer answers {forget_origin}.")
            return
        now = pairing.utc_now()
        assert code is not None  # checked above: exactly one of the three was given
        origin = store.update_pairing(lambda state: pairing.confirm(state, code, now=now))
    finally:
        store.close()
    if origin is None:
        raise click.ClickException(
            f"no Firefox extension is waiting with the code {code!r}: codes last "
            f"{int(pairing.REQUEST_LIFETIME.total_seconds() // 60)} minutes; open the extension's settings for a fresh one"
        )
    click.echo(f"Paired: TermsLens now answers the Firefox extension {origin}.")
    click.echo("Its settings page shows the same address; if it does not, run termslens pair --forget " + origin)


@main.group()
def service() -> None:
    """Start the service at login (systemd user unit on Linux, launchd agent on macOS), or stop doing so."""


SERVICE_HOME_OPTION = click.option(
    "--home", type=click.Path(file_okay=False, path_type=Path), default=None, hidden=True,
    help="Write under this folder instead of your home folder, and start nothing (for tests).",
)


@service.command("install")
@click.option("--port", default=config.DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535))
@SERVICE_HOME_OPTION
def service_install(port: int, home: Path | None) -> None:
    """Start `termslens serve` now and at every login."""
    unit = _service_file(home, port)
    try:
        unit.path.parent.mkdir(parents=True, exist_ok=True)
        unit.path.write_text(unit.text, "utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {unit.path}: {exc.strerror or exc}") from None
    if home is None:
        _run_all(unit.start)
    click.echo(f"Wrote {unit.path}. TermsLens starts at login on port {port}"
               + ("." if home is not None else " and is starting now."))


@service.command("uninstall")
@SERVICE_HOME_OPTION
def service_uninstall(home: Path | None) -> None:
    """Stop starting the service at login (and stop it now)."""
    unit = _service_file(home, config.DEFAULT_PORT)
    if not unit.path.exists():
        raise click.ClickException(f"TermsLens is not set to start at login ({unit.path} does not exist)")
    if home is None:
        _run_all(unit.stop, check=False)
    unit.path.unlink()
    click.echo(f"Removed {unit.path}. TermsLens no longer starts at login.")


def _service_file(home: Path | None, port: int):
    from termslens.service_unit import UnsupportedSystem, service_file

    try:
        return service_file(sys.platform, home or Path.home(), port)
    except UnsupportedSystem as exc:
        raise click.ClickException(str(exc)) from None


def _run_all(commands, *, check: bool = True) -> None:
    import subprocess

    for command in commands:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise click.ClickException(f"cannot run {' '.join(command)}: {exc}") from None
        if check and done.returncode != 0:
            reason = (done.stderr or done.stdout).strip().splitlines()
            raise click.ClickException(f"{' '.join(command)} failed: {reason[-1] if reason else done.returncode}")


@main.group()
def detector() -> None:
    """Train and measure the clause-type detector (uses scikit-learn, the CLAUDETTE data and ToS;DR's quotes)."""


DETECTOR_DATA_OPTION = click.option(
    "--data",
    "data_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A CLAUDETTE-format folder (sentences.jsonl; repeatable); default: $TERMSLENS_CLAUDETTE, else "
         "../shared/claudette-dev and ../shared/claudette-extra.",
)
TOSDR_OPTION = click.option(
    "--tosdr",
    "tosdr_dir",
    type=click.Path(path_type=Path),
    help="The ToS;DR folder (points.jsonl) whose quotes teach the categories CLAUDETTE lacks; default "
         "../shared/tosdr.",
)
NO_TOSDR_OPTION = click.option("--no-tosdr", is_flag=True, help="Learn the CLAUDETTE categories only.")


@detector.command("train")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the model (default: the package's data/models/detector.npz).")
@DETECTOR_DATA_OPTION
@TOSDR_OPTION
@NO_TOSDR_OPTION
def detector_train(out: Path | None, data_dirs: tuple[Path, ...], tosdr_dir: Path | None, no_tosdr: bool) -> None:
    """Train the model on every labelled document and quote and write it (deterministic: same data, same model)."""
    from termslens.detect import bundled_model_path
    from termslens.detect.model import save_model
    from termslens.detect.train import train

    data = _training_set(data_dirs, tosdr_dir, no_tosdr)
    model = train(data)
    try:
        path = save_model(model, out or bundled_model_path())
    except OSError as exc:
        raise click.ClickException(f"cannot write {out or bundled_model_path()}: {exc.strerror or exc}") from None
    trained = model.meta["trained_on"]
    quotes = (f" and {_count(trained['tosdr_quotes'], 'ToS;DR quote')} of "
              f"{_count(trained['tosdr_services'], 'service')}" if trained["tosdr_quotes"] else "")
    click.echo(f"Trained on {_count(trained['documents'], 'document')} "
               f"({_count(trained['claudette_sentences'], 'sentence')}){quotes}: "
               f"{len(model.categories)} categories; wrote {path} ({path.stat().st_size // 1024} KB).")


@detector.command("evaluate")
@DETECTOR_DATA_OPTION
@TOSDR_OPTION
@NO_TOSDR_OPTION
@click.option("--variants", type=click.Choice(["all", "shipped"]), default="all", show_default=True,
              help="Choose among every training variant inside each outer fold, or measure the shipped one only.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of the tables.")
def detector_evaluate(data_dirs: tuple[Path, ...], tosdr_dir: Path | None, no_tosdr: bool, variants: str,
                      as_json: bool) -> None:
    """Nested evaluation grouped by service: per category precision, recall, F1 on held-out services."""
    from termslens.detect.evaluate import format_nested, nested_evaluation
    from termslens.detect.train import SHIPPED, VARIANTS

    data = _training_set(data_dirs, tosdr_dir, no_tosdr)
    chosen = VARIANTS if variants == "all" else (SHIPPED,)
    try:
        result = nested_evaluation(data, chosen, progress=lambda line: click.echo(line, err=True))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if not as_json:
        click.echo(format_nested(result))
        return
    click.echo(json.dumps({
        "claudette": _evaluation_json(result.claudette),
        "claudette_by_folder": {k: round(v, 4) for k, v in result.claudette_by_origin.items()},
        "tosdr": _evaluation_json(result.tosdr) if result.tosdr is not None else None,
        "variants": [
            {"fold": r.fold + 1, "variant": r.variant, "inner_claudette": round(r.inner_claudette, 4),
             "inner_tosdr": round(r.inner_tosdr, 4), "outer_claudette": round(r.outer_claudette, 4),
             "outer_tosdr": round(r.outer_tosdr, 4), "chosen": r.chosen}
            for r in result.runs
        ],
    }))


@detector.command("score")
@click.option("--data", "data_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Labelled documents the model was not trained on, in the CLAUDETTE format (sentences.jsonl).")
@click.option("--model", "model_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The model to score (default: the shipped one).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of the table.")
def detector_score(data_dir: Path, model_path: Path | None, as_json: bool) -> None:
    """The shipped model on held-out labelled documents: precision, recall, F1 per category and the macro-F1."""
    from termslens.detect import bundled_model_path
    from termslens.detect.corpus import CorpusError, load_claudette
    from termslens.detect.evaluate import format_table, score_model
    from termslens.detect.model import ModelError, load_model

    try:
        model = load_model(model_path or bundled_model_path())
        corpus = load_claudette(data_dir)
    except (ModelError, CorpusError) as exc:
        raise click.ClickException(str(exc)) from None
    evaluation = score_model(model, corpus)
    if as_json:
        click.echo(json.dumps(_evaluation_json(evaluation)))
    else:
        click.echo(format_table(evaluation))


def _training_set(data_dirs: tuple[Path, ...], tosdr_dir: Path | None, no_tosdr: bool):
    from termslens.detect.corpus import CorpusError, default_data_dirs, shared_dir
    from termslens.detect.dataset import build
    from termslens.detect.tosdr import PointsError

    points = None if no_tosdr else (tosdr_dir or shared_dir() / "tosdr")
    try:
        return build(list(data_dirs) or default_data_dirs(), points)
    except (CorpusError, PointsError) as exc:
        raise click.ClickException(str(exc)) from None


def _evaluation_json(evaluation) -> dict:
    return {
        "macro_f1": round(evaluation.macro_f1, 4),
        "macro_precision": round(evaluation.macro_precision, 4),
        "macro_recall": round(evaluation.macro_recall, 4),
        "folds": evaluation.folds,
        "documents": evaluation.documents,
        "categories": [
            {"category": s.category, "claudette": s.code or None, "precision": round(s.precision, 4),
             "recall": round(s.recall, 4), "f1": round(s.f1, 4), "support": s.support, "predicted": s.predicted,
             **({"quote_precision": round(s.quote_precision, 4),
                 "background_per_1000": round(s.background_per_1000 or 0.0, 2)}
                if s.quote_precision is not None else {})}
            for s in evaluation.scores
        ],
    }


if __name__ == "__main__":  # `python -m termslens.cli`, as the start-at-login unit runs it (service_unit.py)
    main()
