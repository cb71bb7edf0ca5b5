"""The ``pufa`` command: parse options, call the library, render the result.

Library imports happen inside the commands, so ``pufa --help`` stays fast.
"""

from __future__ import annotations

import functools
import json
import sys

import click

from .tables import EVIDENCE_SHOWN

LANG_HELP = "Labels in tables: zh (学校, 以案释法) or en (school, case explanation). [default: $PUFA_LANG or zh]"
STORE_HELP = "Store: a folder for the embedded store, or http(s)://… for a SPARQL 1.1 server. [default: $PUFA_STORE or ./pufa-store]"


def _fail(exc: Exception) -> None:
    raise click.ClickException(str(exc))


def _unknown(exc, fmt: str) -> None:
    """A filter word the tool does not know: say which and what is close, in the format asked for; exit 2."""
    if fmt == "json":
        _echo_json({"error": exc.to_json()})
    else:
        click.echo(f"Error: {exc}", err=True)
    sys.exit(2)


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _open(ctx: click.Context, mode: str = "read", any_model: bool = False):
    """The store, for ``read`` (read-only: never made, repaired or compacted), ``write`` (an existing
    store) or ``create`` (made where there is none); ``any_model`` opens one of an older RDF model."""
    from .errors import PufaError
    from .store import open_store

    try:
        return open_store(ctx.obj["store"], create=mode == "create", read_only=mode == "read", any_model=any_model,
                          update_url=ctx.obj.get("update_url"))
    except PufaError as exc:
        _fail(exc)


#: a year as a filter: a typo (--year 20224, --year abc) is an error, not an empty answer
YEAR = click.IntRange(1949, 2100)

#: plans or deeds: a work plan's units have not acted yet
PLANNED_OPTION = click.option("--planned/--done", default=None,
                              help="Only what was planned (work plans, next-year sections) or only what was done. "
                                   "[default: both]")


def _megabytes(ctx, param, value: float) -> float:
    """A size limit: a finite number above zero (nan and inf are floats too)."""
    import math

    if not math.isfinite(value) or value <= 0 or value > 1024 * 1024:
        raise click.BadParameter(f"{value} is not a size in MB (give a number such as 20)")
    return value


def _store_here(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """``--store``, ``--update-url`` or ``--lang`` given after the command name: the same as before it."""
    if value is not None:
        ctx.find_object(dict)[param.name] = value


class PufaGroup(click.Group):
    """Turns our own errors into one-line messages for every command, and lets every command take
    ``--store``, ``--update-url`` and ``--lang`` after its name as well as before it (``pufa docs --store X``)."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.params += [click.Option(["--store"], metavar="PATH|URL", expose_value=False, callback=_store_here,
                                    help=STORE_HELP),
                       click.Option(["--update-url"], metavar="URL", expose_value=False, callback=_store_here,
                                    hidden=True),
                       click.Option(["--lang"], type=click.Choice(["zh", "en"]), expose_value=False,
                                    callback=_store_here, help=LANG_HELP)]
        super().add_command(cmd, name)

    def invoke(self, ctx: click.Context):
        from .errors import PufaError

        try:
            return super().invoke(ctx)
        except PufaError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:  # `pufa docs | head`: the reader has all it wants
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except OSError as exc:  # a file the user named that cannot be written (-o /proc/version)
            from .errors import shown

            where = f"{shown(exc.filename)}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)


@click.group(cls=PufaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", envvar="PUFA_STORE", default=None, metavar="PATH|URL", help=STORE_HELP)
@click.option("--update-url", envvar="PUFA_UPDATE_URL", default=None, metavar="URL",
              help="A SPARQL server's update endpoint, where it is not beside the query endpoint --store names.")
@click.option("--lang", envvar="PUFA_LANG", type=click.Choice(["zh", "en"]), default="zh", help=LANG_HELP)
@click.version_option(package_name="pufa-graph", prog_name="pufa")
@click.pass_context
def main(ctx: click.Context, store: str | None, update_url: str | None, lang: str) -> None:
    """Turn Chinese legal-publicity (普法) reports into a knowledge graph.

    \b
    Typical session:
      pufa ingest data/reports                        # store reports (txt, html, docx, pdf)
      pufa ask "哪些机构在学校宣传了民法典？"            # a question, answered with evidence
      pufa who-promoted 民法典 --venue-type school     # the same as a named query
      pufa entities --type agency                     # canonical agencies and their aliases
      pufa activities --law 宪法 --format json         # activity frames for scripts
      pufa gaps                                       # 谁执法谁普法: enforced but never publicized
      pufa export --format turtle                     # RDF for other systems (exports/)
    Every command has --help with examples.
    """
    ctx.ensure_object(dict)
    ctx.obj["store"] = store
    ctx.obj["update_url"] = update_url
    ctx.obj["lang"] = lang


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--max-mb", type=float, default=20.0, show_default=True, callback=_megabytes,
              help="Refuse files larger than this (MB of 1024 × 1024 bytes).")
def read(file: str, fmt: str, max_mb: float) -> None:
    """Show what the reader makes of FILE: metadata, normalized text, sections and sentences.

    \b
    Examples:
      pufa read data/reports/003_959cc5f46c1a076e.txt
      pufa read data/reports/000_32807e2b53f0df99.txt --format json | jq '.sentences[0]'

    \b
    Sentence offsets: start/end index the normalized text; orig_start/orig_end
    index the reader's source text (the decoded file, or the text extracted
    from HTML, .docx or PDF).
    """
    from .errors import PufaError
    from .pipeline import read_document

    try:
        doc = read_document(file, max_bytes=int(max_mb * 1024 * 1024))
    except PufaError as exc:
        _fail(exc)
    for warning in doc.warnings:
        click.echo(f"warning: {warning}", err=True)
    if fmt == "json":
        _echo_json(doc.to_json())
        return
    meta = doc.metadata
    click.echo(f"id:         {doc.id}")
    click.echo(f"source:     {doc.source} ({doc.format}, {doc.encoding or 'binary format'}, {meta.script})")
    for label, value in (("title", meta.title), ("issuer", meta.issuer), ("date", meta.date),
                         ("doc number", meta.doc_number), ("index no.", meta.index_number)):
        click.echo(f"{label + ':':<12}{value or '—'}")
    click.echo(f"sentences:  {len(doc.sentences)}")
    click.echo("sections:")

    def show(sections, depth=1):
        for s in sections:
            click.echo(f"{'  ' * depth}{s.marker}{s.title}")
            show(s.children, depth + 1)

    show(doc.sections)
    click.echo("")
    click.echo(doc.text)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str, readable=False))
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes that analyse the reports (this process reads each file for them, "
                   "and writes the store).")
@click.option("--issuer", metavar="NAME",
              help="The body whose reports these are, for pages that name no issuer (a news page with no "
                   "byline); a page that signs keeps its own.")
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=str), metavar="FILE.csv",
              help="A CSV with the columns file,issuer,date,url (file relative to the CSV) for pages crawled "
                   "from one site; with no PATHS, ingests the files it lists.")
@click.option("--max-mb", type=float, default=20.0, show_default=True, callback=_megabytes,
              help="Refuse files larger than this (MB of 1024 × 1024 bytes).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Summary as text or JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the analysis runs: --jobs local processes, or the workers of a Dask cluster "
                   "(a LocalCluster of --jobs workers unless --scheduler names one).")
@click.option("--scheduler", metavar="tcp://HOST:8786",
              help="The Dask scheduler of an existing cluster (implies --engine dask); its workers need "
                   "pufa-graph installed and must read the files by the paths given.")
@click.option("--shards", "shards", metavar="DIR|URL",
              help="Only analyse: write the reports as shards (N-Quads and their records, gzipped) into this "
                   "folder or fsspec URL, and leave the store alone; `pufa load DIR` stores them later.")
@click.option("--scratch", metavar="DIR|URL",
              help="With --engine dask: where the workers write shards for this ingest to load (default: a "
                   "temporary folder here, which a LocalCluster's workers share; a remote cluster needs a "
                   "folder it shares with this machine).")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], jobs: int, issuer: str | None, manifest: str | None,
           max_mb: float, fmt: str, quiet: bool, engine: str, scheduler: str | None, shards: str | None,
           scratch: str | None) -> None:
    """Read report files (or folders of them) into the store.

    Re-ingesting an unchanged report changes nothing; a changed file replaces
    the report it came from. Each bad file gets one line naming it and the
    cause; the good ones are stored, and the exit status is 1 if any failed.

    \b
    Examples:
      pufa ingest data/reports
      pufa ingest data/reports --jobs 2 --format json --quiet

    \b
    A news page often names its issuer only in a byline; when it names none,
    say whose pages they are:
      pufa ingest crawl/xinchang-sfj/ --issuer 新昌县司法局
      pufa ingest --manifest crawl/pages.csv      # file,issuer,date,url per page

    \b
    Many reports: analyse on a Dask cluster, or into shards to load later:
      pufa ingest reports/ --engine dask --jobs 2             # a LocalCluster
      pufa ingest /nfs/reports --scheduler tcp://10.0.0.5:8786 --scratch /nfs/shards
      pufa ingest reports/ --jobs 2 --shards shards/ && pufa load shards/
    """
    from .errors import PufaError
    from .ingest import check_engine, expand_paths, ingest as run_ingest
    from .knowledge import knowledge
    from .manifest import read_manifest

    try:
        knowledge()  # a broken catalogue is one error, not one per file
        rows = read_manifest(manifest) if manifest else None
    except PufaError as exc:
        _fail(exc)
    if not paths and not rows:
        _fail(click.UsageError("name the files or folders to ingest (or a --manifest that lists them)"))
    files = expand_paths(paths or sorted(rows))
    if not files:
        _fail(click.ClickException(f"no files found in {', '.join(paths)}"))
    if scheduler:
        engine = "dask"
    try:
        check_engine(engine, scheduler, scratch, shards)  # before the store is opened
    except PufaError as exc:
        _fail(exc)
    if shards:
        _analyse_to_shards(files, shards, jobs, max_mb, issuer, rows, engine, scheduler, fmt, quiet)
        return
    max_bytes = int(max_mb * 1024 * 1024)
    _store_with_progress(ctx, len(files), fmt, quiet, lambda store, on_progress: run_ingest(
        store, files, jobs=jobs, max_bytes=max_bytes, issuer=issuer, manifest=rows, engine=engine,
        scheduler=scheduler, scratch=scratch, on_progress=on_progress))


def _with_progress(total: int | None, label: str, fmt: str, quiet: bool, run):
    """``run(on_progress)``, under a progress bar when a person watches (text output to a terminal)."""
    if quiet or fmt != "text" or not sys.stderr.isatty():
        return run(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  TextColumn("{task.description}"), transient=True) as bar:
        task = bar.add_task("", total=total)
        return run(lambda o: bar.update(task, advance=1, description=o.path[-40:]))


def _store_with_progress(ctx: click.Context, total: int | None, fmt: str, quiet: bool, run) -> None:
    """Ingest or load: ``run(store, on_progress)``, then the summary; exit status 1 if a file failed."""
    from .errors import PufaError

    store = _open(ctx, "create")
    try:
        report = _with_progress(total, "ingest", fmt, quiet, lambda on_progress: run(store, on_progress))
    except PufaError as exc:
        _fail(exc)
    finally:
        store.close()
    if fmt == "json":
        _echo_json(report.to_json())
    else:
        _print_problems(report.outcomes)
        click.echo(f"{report.count('new')} new, {report.count('replaced')} replaced, "
                   f"{report.count('unchanged')} unchanged, {len(report.failed)} failed; "
                   f"{report.triples} triples written to {store.location}")
    if report.failed:
        sys.exit(1)


def _print_problems(outcomes) -> None:
    for outcome in outcomes:
        for warning in outcome.warnings:
            click.echo(f"warning: {warning}", err=True)
    for outcome in outcomes:
        if outcome.status == "failed":
            click.echo(f"error: {outcome.error}", err=True)


def _analyse_to_shards(files, folder: str, jobs: int, max_mb: float, issuer, rows, engine: str, scheduler,
                       fmt: str, quiet: bool) -> None:
    from .errors import PufaError
    from .ingest import analyse_to_shards

    try:
        run = _with_progress(len(files), "analyse", fmt, quiet, lambda on_progress: analyse_to_shards(
            files, folder, jobs=jobs, max_bytes=int(max_mb * 1024 * 1024), on_progress=on_progress, issuer=issuer,
            manifest=rows, engine=engine, scheduler=scheduler))
    except PufaError as exc:
        _fail(exc)
    summary = run.to_json()
    if fmt == "json":
        _echo_json(summary)
    else:
        _print_problems(run.outcomes)
        click.echo(f"{summary['analysed']} analysed, {summary['failed']} failed; {summary['shards']} shard(s) "
                   f"written to {folder} (store them with `pufa load {folder}`)")
    if summary["failed"]:
        sys.exit(1)


@main.command()
@click.argument("folder", metavar="DIR|URL")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Summary as text or JSON (the same as ingest's).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def load(ctx: click.Context, folder: str, fmt: str, quiet: bool) -> None:
    """Store the reports of a folder of shards written by `pufa ingest --shards`.

    The store ends as an ingest of the same files would leave it: new reports are added, a changed
    file replaces its report, an unchanged one is left alone. A shard a run did not finish is not
    there yet and is skipped; a damaged one is an error that names it.

    \b
    Examples:
      pufa ingest reports/ --jobs 2 --shards shards/   # anywhere, no store needed
      pufa --store pufa-store load shards/
      pufa load s3://bucket/pufa-shards/run1           # any fsspec URL (with its package)
    """
    from .errors import PufaError
    from .ingest import load as run_load
    from .shards import shard_names

    try:
        shard_names(folder)  # a folder that holds no shards is refused before the store is opened
    except PufaError as exc:
        _fail(exc)
    _store_with_progress(ctx, None, fmt, quiet, lambda store, on_progress: run_load(store, folder, on_progress))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def docs(ctx: click.Context, fmt: str) -> None:
    """List the stored reports: id, source file, title, issuer, date, region and the period they tell of
    (from the title or a sentence such as 2020年以来; else the year of the date).

    \b
    Examples:
      pufa docs
      pufa docs --format json | jq -r '.[].id'
    """
    with _open(ctx) as store:
        rows = [d.to_json() for d in store.documents()]
    if fmt == "table":
        for r in rows:
            r["period"] = f"{r['period_start']}–{r['period_end']}" if r.get("period_start") else None
    _render(rows, fmt, ["id", "source", "title", "issuer", "date", "region"] +
            (["period"] if fmt == "table" else ["period_start", "period_end"]))


@main.command()
@click.argument("docs", nargs=-1, required=True)
@click.pass_context
def remove(ctx: click.Context, docs: tuple[str, ...]) -> None:
    """Drop stored reports (by full id, an id prefix of 6 or more characters, or source file name) with all
    their facts.

    \b
    Examples:
      pufa remove 6e2ca310eb0ff6df
      pufa remove 000_32807e2b53f0df99.txt 65436a
    """
    from .errors import PufaError
    from .ingest import remove as run_remove

    store = _open(ctx, "write")
    try:
        removed = run_remove(store, docs)
    except PufaError as exc:
        _fail(exc)
    finally:
        store.close()
    click.echo(f"removed {len(removed)} report(s): {', '.join(removed)}")


@main.command(name="import")
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def import_cmd(ctx: click.Context, files: tuple[str, ...], fmt: str) -> None:
    """Read pufa's own RDF exports back into the store: .nq, .trig, .ttl, .nt, .jsonld.

    Named graphs are kept; statements without one (Turtle, N-Triples) go to the report, entities or
    ontology graph pufa writes them in. A report already stored is replaced, whole.

    \b
    Examples:
      pufa --store copy import exports/pufa.trig
      pufa --store http://localhost:7878 import exports/pufa.nq
    """
    from pathlib import Path

    from .importer import import_export, read_export

    exports = [read_export(Path(path)) for path in files]  # every file checked before the store is opened
    done = []
    with _open(ctx, "create") as store:
        for export in exports:
            done.append(import_export(store, export))
            if fmt == "text":
                click.echo(f"{done[-1].file}: {done[-1].reports} report(s), {done[-1].statements} statement(s)")
    _open(ctx, "write").close()  # an embedded store rebuilds its answer index from what was imported
    if fmt == "json":
        _echo_json([d.to_json() for d in done])


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def migrate(ctx: click.Context, fmt: str) -> None:
    """Rebuild a store written by an older pufa-graph in this version's RDF model.

    Each report is read again from its file where that still holds the same report, else from the
    text the store kept. The new graphs replace the old in one journalled write; a migration cut
    short leaves the store old or new, so run it again.

    \b
    Example:
      pufa --store old-store migrate
    """
    from .migrate import migrate as run_migrate
    from .vocab import MODEL_VERSION

    with _open(ctx, "read", any_model=True) as store:  # a store that needs nothing is not opened for writing
        before = store.model_version()
    if before in (None, MODEL_VERSION):
        if fmt == "json":
            _echo_json({"model_before": before, "reports": 0, "from_files": 0, "from_stored_text": 0, "failed": []})
        else:
            click.echo("nothing to migrate: the store is written in this version's model")
        return
    store = _open(ctx, "write", any_model=True)
    try:
        result = run_migrate(store)
    finally:
        store.close()
    _open(ctx, "write").close()  # the answer index settles on the new graphs
    if fmt == "json":
        _echo_json(result.to_json())
    else:
        click.echo(f"migrated {result.reports} report(s) from model {result.model_before}: "
                   f"{result.from_files} from their files, {result.from_stored_text} from the stored text"
                   + (f"; {len(result.failed)} failed: " + "; ".join(result.failed) if result.failed else ""))


ENTITY_TYPES = ["agency", "law", "campaign", "venue", "village", "region", "person", "group", "role", "collective", "media"]


@main.command()
@click.option("--type", "type_", type=click.Choice(ENTITY_TYPES), help="Only entities of this type.")
@click.option("--doc", help="Only entities mentioned in this report (id or id prefix).")
@click.option("--explain", metavar="NAME", help="Show why mentions were merged into the entity NAME.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.pass_context
def entities(ctx: click.Context, type_: str | None, doc: str | None, explain: str | None, fmt: str) -> None:
    """List canonical entities with their aliases and the reports that mention them.

    \b
    Examples:
      pufa entities --type law
      pufa entities --type agency --format json
      pufa entities --explain 柳州市柳江区司法局
    """
    from . import lookup
    from .queries import explain_entity, list_entities

    with _open(ctx) as store:
        try:
            doc = lookup.report_filter(store, doc) if doc else None
        except lookup.UnknownName as exc:
            _unknown(exc, fmt)
        if explain:
            found = explain_entity(store, explain)
            if not found:
                _fail(click.ClickException(f"no entity named or aliased '{explain}' (see `pufa entities`)"))
            if fmt == "json":
                _echo_json([{"entity": e.to_json(), "forms": [s.__dict__ for s in steps]} for e, steps in found])
                return
            for e, steps in found:
                click.echo(f"{e.name}  [{e.type}, {e.id}]  {len(steps)} surface form(s) in {len(e.docs)} report(s)")
                for step in steps:
                    reports = ", ".join(d[:12] for d in step.docs[:5]) + (f" +{len(step.docs) - 5} more"
                                                                          if len(step.docs) > 5 else "")
                    click.echo(f"  {step.surface}  <{'|'.join(step.rules)}>  {step.why or ''}"
                               + (f"  in {reports}" if reports else ""))
            return
        rows = [r.to_json() for r in list_entities(store, type_, doc)]
    _render(rows, fmt, ["type", "name", "aliases", "docs"])


@main.command()
@click.option("--law", help="Promoted this law (any name: 民法典, 《民法典》, Civil Code).")
@click.option("--agency", help="Organized by this agency (canonical name or a surface form seen).")
@click.option("--venue-type", help="At this kind of place: school, village, community … or 学校, 社区 ….")
@click.option("--region", help="In reports of this region (any part of its name: 柳江, 楚雄).")
@click.option("--campaign", help="Part of this campaign (国家宪法日, Constitution Day …).")
@PLANNED_OPTION
@click.option("--doc", help="Only this report (id or id prefix).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.pass_context
def activities(ctx: click.Context, law, agency, venue_type, region, campaign, planned, doc, fmt) -> None:
    """Who promoted which law, where, to whom, when and how — each with its evidence sentence.

    \b
    Examples:
      pufa activities --law 民法典 --venue-type school
      pufa activities --agency 柳州市柳江区司法局 --format json
      pufa activities --planned --region 楚雄
    """
    from . import lookup
    from .queries import find_activities

    with _open(ctx) as store:
        try:
            rows = find_activities(
                store, law=lookup.law_filter(store, law) if law else None,
                agency=lookup.agency_filter(store, agency) if agency else None,
                venue_type=lookup.venue_type_filter(venue_type) if venue_type else None,
                region=lookup.region_filter(store, region) if region else None,
                campaign=lookup.campaign_filter(store, campaign) if campaign else None, planned=planned,
                doc=lookup.report_filter(store, doc) if doc else None)
        except lookup.UnknownName as exc:
            _unknown(exc, fmt)
    if fmt == "table":
        for r in rows:
            r["evidence_text"] = (r["evidence"] or {}).get("text", "")
        _render(rows, fmt, ["organizers", "laws", "venue_types", "forms", "date", "evidence_text"])
        return
    _render(rows, fmt, ["id", "doc", "organizers", "implicit_organizer", "partners", "laws", "venues",
                        "venue_types", "audiences", "campaign", "forms", "date", "planned"])


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Counts of reports, triples, entities and activities, overall and by report.

    \b
    Examples:
      pufa stats
      pufa stats --format json
    """
    from .queries import stats as store_stats

    with _open(ctx) as store:
        data = store_stats(store)
    if fmt == "json":
        _echo_json(data)
        return
    click.echo(f"{data['reports']} report(s), {data['triples']} triple(s)")
    for name, n in sorted(data["totals"].items()):
        click.echo(f"  {name:28} {n}")


@main.command()
@click.argument("question")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--explain", is_flag=True, help="Show what was read: the kind, what it asks for (answer types), the "
              "slots that constrain the answer, and the SPARQL that ran.")
@click.option("--all", "show_all", is_flag=True, help=f"Every evidence sentence, not the first {EVIDENCE_SHOWN}.")
@click.pass_context
def ask(ctx: click.Context, question: str, fmt: str, explain: bool, show_all: bool) -> None:
    """Ask the graph a question in Chinese or English; every answer comes with its evidence.

    \b
    Examples:
      pufa ask "哪些机构在学校宣传了民法典？"
      pufa ask "Which agencies promoted the Civil Code in schools?" --format json
      pufa ask "楚雄州“利剑护蕾”专项行动的牵头单位有哪些？" --explain

    A question pufa cannot read exits with status 2 and lists the kinds of
    question it understands, with an example of each.
    """
    from .ask import UnparsedQuestion, answer
    from .lookup import UnknownName
    from .tables import evidence_lines

    store = _open(ctx)
    try:
        result = answer(store, question)
    except UnknownName as exc:
        _unknown(exc, fmt)
    except UnparsedQuestion as exc:
        if fmt == "json":
            _echo_json({"error": exc.to_json()})
        else:
            click.echo(str(exc), err=True)
        sys.exit(2)
    finally:
        store.close()
    if fmt == "json":
        out = {k: result[k] for k in ("question", "kind", "slots", "answers")}
        if explain:
            out["answer_types"] = result["answer_types"]
            out["sparql"] = result["sparql"]
        _echo_json(out)
        return
    if explain:
        click.echo(f"kind:  {result['kind']} ({result['lang']}), asking for: {', '.join(result['answer_types'])}")
        click.echo(f"slots: {json.dumps(result['slots'], ensure_ascii=False)}")
        for i, q in enumerate(result["sparql"], 1):
            click.echo(f"--- SPARQL {i} ---\n{q.strip()}")
        click.echo("")
    if not result["answers"]:
        click.echo("No answer in the stored reports.")
        return
    for a in result["answers"]:
        click.echo(a["name"])
        for line in evidence_lines(a["evidence"], show_all):
            click.echo(line)


@main.command()
@click.option("--region", help="Only agencies of this region (any part of its name).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="csv: the agency x law coverage matrix (activity counts; 'gap' where an enforced law has none).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.pass_context
def gaps(ctx: click.Context, region: str | None, fmt: str, output: str | None) -> None:
    """谁执法谁普法: laws each agency enforces but never publicized in the stored reports.

    Which bodies enforce which laws is data: ontology/responsibilities.csv. What a
    bureau's sections (科, 股, 大队) publicized counts for the bureau.

    \b
    Examples:
      pufa gaps --region 灌云
      pufa gaps --format csv -o exports/coverage.csv
    """
    from . import lookup
    from .gaps import coverage_matrix_csv, responsibility_gaps
    from .tables import cell

    with _open(ctx) as store:
        try:
            rows = responsibility_gaps(store, lookup.region_filter(store, region) if region else None)
        except lookup.UnknownName as exc:
            _unknown(exc, fmt)
    if fmt == "csv":
        text = coverage_matrix_csv(rows)
    elif fmt == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=2)
    else:
        lines = []
        for r in rows:
            lines.append(f"{r['agency']}  [{cell(r['kind'], 'kind', _lang()) or '?'}]")
            lines.append(f"    enforces:   {'、'.join(r['enforces']) or '—'}")
            lines.append(f"    publicized: {'、'.join(r['publicized']) or '—'}")
            for section, laws in r["through_sections"].items():
                lines.append(f"      through {section}: {'、'.join(laws)}")
            lines.append(f"    gap:        {'、'.join(r['gaps']) or '—'}")
        text = "\n".join(lines) or "no agencies with known duties or activities"
    if output:
        from pathlib import Path

        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
        click.echo(f"wrote {output}")
    else:
        click.echo(text)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "ntriples", "trig", "nquads", "jsonld", "graphml",
                                                    "neo4j-csv"]), default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(), help="File (a folder for neo4j-csv). [default: exports/pufa.<ext>]")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Export the store for other systems: RDF (Turtle, N-Triples, TriG, N-Quads, JSON-LD), GraphML, Neo4j CSV.

    Output is canonical (sorted): two exports of the same store are byte-identical.
    TriG and N-Quads keep one named graph per report; Turtle and N-Triples merge them.

    \b
    Examples:
      pufa export --format turtle
      pufa export --format neo4j-csv -o exports/neo4j
    """
    from .export import export as run_export

    with _open(ctx) as store:
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            with Progress(TextColumn(f"export {fmt}"), BarColumn(), MofNCompleteColumn(), TextColumn("subjects"),
                          TimeRemainingColumn(), transient=True) as bar:
                task = bar.add_task("", total=None)
                path = run_export(store, fmt, output,
                                  on_progress=lambda done, total: bar.update(task, completed=done, total=total))
        else:
            path = run_export(store, fmt, output)
    click.echo(f"wrote {path}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def check(ctx: click.Context, fmt: str) -> None:
    """Validate the store against ontology/shapes.ttl (SHACL); exit 1 on violations.

    \b
    Examples:
      pufa check
      pufa check --format json
    """
    from .check import validate

    with _open(ctx) as store:
        conforms, violations, size = validate(store)
    if fmt == "json":
        _echo_json({"conforms": conforms, "triples": size, "violations": [v.to_json() for v in violations]})
    else:
        if conforms:
            click.echo(f"conforms: {size} triples checked against ontology/shapes.ttl")
        else:
            click.echo(f"{len(violations)} violation(s) in {size} triples:")
            for v in violations:
                click.echo(f"  {v.message}\n    at {v.focus}" + (f"\n    path {v.path}" if v.path else "")
                           + (f"\n    value {v.value}" if v.value else ""))
    if not conforms:
        sys.exit(1)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def doctor(ctx: click.Context, fmt: str) -> None:
    """Say what the store holds and what is wrong with it, changing nothing; exit 1 on a problem.

    \b
    Finds: a missing or damaged store, reports left half-written by a cut-short
    write (the next ingest drops them), graphs that hold no report, files left
    by a failed bulk load, and the state of the answer index.

    \b
    Examples:
      pufa doctor
      pufa --store http://localhost:7878 doctor --format json
    """
    from .store import store_location
    from .store.health import diagnose

    health = diagnose(store_location(ctx.obj["store"]))
    if fmt == "json":
        _echo_json(health.to_json())
    else:
        click.echo(f"store:    {health.store} ({health.kind})")
        if health.reports is not None:
            click.echo(f"reports:  {health.reports} in {health.graphs} named graphs; answer index: {health.index}")
        for problem in health.problems:
            click.echo(f"problem:  {problem}")
        click.echo("ok" if health.ok else f"{len(health.problems)} problem(s)")
    if not health.ok:
        sys.exit(1)


@main.command()
@click.argument("query", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False), help="Read the query from a file.")
@click.option("--allow-federation", is_flag=True,
              help="Let SERVICE clauses fetch from other endpoints (off: the store makes no requests for you).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.pass_context
def sparql(ctx: click.Context, query: str | None, query_file: str | None, fmt: str,
           allow_federation: bool) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) with the project prefixes declared.

    \b
    Prefixes: pufa: rdf: rdfs: dcterms: prov: xsd: skos: org: schema: id:
    Examples:
      pufa sparql "SELECT ?law (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a pufa:promotesLaw/rdfs:label ?law } } GROUP BY ?law ORDER BY DESC(?n)"
      pufa sparql "ASK { GRAPH ?g { ?a pufa:venueType pufa:venue_school } }" --format json
    Updates are refused: the store changes only through ingest and remove.
    SERVICE (federation) is refused unless --allow-federation.
    """
    from .errors import PufaError
    from .sparql import as_the_user_wrote_it, calls_other_endpoints
    from .store.base import PROLOGUE

    if bool(query) == bool(query_file):
        _fail(click.ClickException("give a QUERY or --file F (one of them)"))
    try:
        text = query if query else open(query_file, encoding="utf-8").read()
    except (OSError, UnicodeDecodeError) as exc:
        _fail(click.ClickException(f"{query_file}: cannot read the query ({type(exc).__name__}: {exc})"))
    if calls_other_endpoints(text) and not allow_federation:
        _fail(click.ClickException("the query uses SERVICE, which makes the store fetch from other endpoints; "
                                   "pass --allow-federation to allow it"))
    store = _open(ctx)
    try:
        rows = store.query(PROLOGUE + text)
    except PufaError as exc:
        _fail(PufaError(as_the_user_wrote_it(str(exc), PROLOGUE)))
    finally:
        store.close()
    columns = list(rows[0]) if rows else []
    _render(rows, fmt, columns)


def _answers_command(name: str, help_text: str, *examples: str):
    """A CLI command over a named query: table or JSON of answers with evidence; ``examples`` are
    command lines (without ``pufa``) for its --help."""
    help_text += "\n\n\b\nExamples:\n" + "".join(f"  pufa {e}\n" for e in examples)

    def decorator(func):
        @main.command(name=name, help=help_text)
        @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
        @click.option("--all", "show_all", is_flag=True, help=f"Every evidence sentence, not the first {EVIDENCE_SHOWN}.")
        @click.pass_context
        @functools.wraps(func)
        def command(ctx: click.Context, fmt: str, show_all: bool, **kwargs):
            from .lookup import UnknownName
            from .queries import fill_sentences
            from .tables import detail_text, evidence_lines

            store = _open(ctx)
            try:
                answers = fill_sentences(store, func(store, **kwargs))
            except UnknownName as exc:
                _unknown(exc, fmt)
            finally:
                store.close()
            rows = [a.to_json() for a in answers]
            if fmt == "json":
                _echo_json(rows)
                return
            if not rows:
                click.echo("No answer in the stored reports.")
            for a in rows:
                detail = detail_text(a.get("detail"), _lang())
                click.echo(a["name"] + (f"  ({detail})" if detail else ""))
                for line in evidence_lines(a["evidence"], show_all):
                    click.echo(line)

        return command

    return decorator


@_answers_command("who-promoted", "Agencies that promoted LAW (any name: 民法典, 《民法典》, Civil Code).",
                  "who-promoted 民法典 --venue-type school", 'who-promoted "Civil Code" --region 灌云 --done --format json')
@click.argument("law")
@click.option("--venue-type", help="At this kind of place: school, village, 学校 …")
@click.option("--region", help="In reports of this region (any part of its name).")
@click.option("--year", type=YEAR, help="In this year (activity date, else report date).")
@PLANNED_OPTION
def who_promoted_cmd(store, law, venue_type, region, year, planned):
    from . import lookup
    from .queries import who_promoted

    return who_promoted(store, lookup.law_filter(store, law),
                        venue_type=lookup.venue_type_filter(venue_type) if venue_type else None,
                        region=lookup.region_filter(store, region) if region else None,
                        year=str(year) if year else None, planned=planned)


@_answers_command("laws-promoted-by", "Laws an AGENCY (canonical name or a surface form) promoted.",
                  "laws-promoted-by 灌云县司法局", "laws-promoted-by 柳州市柳江区司法局 --done")
@click.argument("agency")
@PLANNED_OPTION
def laws_promoted_by_cmd(store, agency, planned):
    from . import lookup
    from .queries import laws_promoted_by

    return laws_promoted_by(store, lookup.agency_filter(store, agency), planned=planned)


@_answers_command("co-organizers", "Agencies that organized an event or campaign together (WORDS from its name).",
                  "co-organizers 美好生活 法典相伴", "co-organizers 宪法宣传周 --format json")
@click.argument("words", nargs=-1, required=True)
def co_organizers_cmd(store, words):
    from .queries import co_organizers

    return co_organizers(store, list(words), with_date=True)


@_answers_command("event", "Where, when and with whom an event took place (WORDS from its name).",
                  "event 美好生活 法典相伴", "event 宪法宣传周 --format json")
@click.argument("words", nargs=-1, required=True)
def event_cmd(store, words):
    from .queries import event_details

    return event_details(store, list(words), who=True)


@_answers_command("on-day", "Agencies active on a commemorative day or in a campaign (国家宪法日, 4·15, 民法典宣传月 …).",
                  "on-day 国家宪法日", 'on-day "Constitution Day" --done')
@click.argument("campaign")
@PLANNED_OPTION
def on_day_cmd(store, campaign, planned):
    from . import lookup
    from .queries import campaign_organizers

    name = lookup.campaign_filter(store, campaign)
    return campaign_organizers(store, [name], [], planned=planned)


@_answers_command("villages", "Demonstration villages and bases (民主法治示范村 …) with title, level and batch.",
                  "villages", "villages --level national --title 民主法治示范村")
@click.option("--level", type=click.Choice(["national", "provincial", "municipal", "county"]))
@click.option("--title", help="Words of the title, e.g. 民主法治示范村 or 示范基地.")
def villages_cmd(store, level, title):
    from .queries import designations

    return designations(store, [title] if title else [], level=level)


@_answers_command("culture-sites", "Named legal-culture sites (法治文化广场, 法治宣传长廊 …).",
                  "culture-sites", "culture-sites --format json")
def culture_sites_cmd(store):
    from .queries import culture_sites

    return culture_sites(store)


@_answers_command("quantities", "Numbers the reports give about a TOPIC (法治副校长, 法治文化示范点 …).",
                  "quantities 法治副校长", "quantities 法治文化示范点 --qualifier 市级")
@click.argument("topic")
@click.option("--qualifier", multiple=True, help="Only numbers whose subject has this word (市级, 省级 …).")
def quantities_cmd(store, topic, qualifier):
    from .queries import quantities_for

    return quantities_for(store, [topic], list(qualifier))


@_answers_command("lead-units", "牵头单位 of planned tasks that mention WORDS (利剑护蕾, 法治副村长 …).",
                  "lead-units 利剑护蕾", "lead-units 法治副村长 --format json")
@click.argument("words", nargs=-1, required=True)
def lead_units_cmd(store, words):
    from .queries import lead_units

    return lead_units(store, list(words))


@_answers_command("problems", "Reports whose 存在的问题 mention WORDS (all of them), or every problem.",
                  "problems", "problems 经费 --all")
@click.argument("words", nargs=-1)
def problems_cmd(store, words):
    from .queries import problems

    return problems(store, list(words))


@_answers_command("media", "Named new-media accounts and who runs them.",
                  "media", "media --format json")
def media_cmd(store):
    from .queries import media_accounts

    return media_accounts(store)


@_answers_command("people", "People the reports name.",
                  "people", "people --format json")
def people_cmd(store):
    from .queries import people

    return people(store)


@main.command()
@click.option("--law", help="Centre on this law (any name).")
@click.option("--agency", help="Centre on this agency (canonical name or a surface form).")
@click.option("--region", help="Only reports of this region (any part of its name).")
@click.option("--campaign", help="Centre on this campaign.")
@click.option("--place", help="Centre on this venue or village.")
@click.option("--doc", help="Only this report (id or id prefix).")
@click.option("--radius", type=click.IntRange(min=0), default=2, show_default=True, help="Steps around the centres.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=1500, show_default=True,
              help="Keep the most connected nodes.")
@click.option("-o", "--output", default="exports/graph.html", show_default=True, type=click.Path(dir_okay=False))
@click.pass_context
def viz(ctx, law, agency, region, campaign, place, doc, radius, max_nodes, output):
    """Write one offline HTML page of the graph: search, legend, type filters, evidence panel.

    Without a filter, the overview: agencies, laws and places joined by how often who promoted
    what where, coloured by region; each node's panel gives the command that draws its own page.

    \b
    Examples:
      pufa viz                                         # the overview, exports/graph.html
      pufa viz --law 民法典 -o exports/civil-code.html
      pufa viz --region 柳江 --max-nodes 800
    """
    import shlex

    from . import lookup
    from .viz import write_graph

    command = "pufa" + (f" --store {shlex.quote(ctx.obj['store'])}" if ctx.obj.get("store") else "")
    with _open(ctx) as store:
        try:
            law, agency, region, campaign, doc = (
                lookup.law_filter(store, law) if law else None, lookup.agency_filter(store, agency) if agency else None,
                lookup.region_filter(store, region) if region else None,
                lookup.campaign_filter(store, campaign) if campaign else None,
                lookup.report_filter(store, doc) if doc else None)
        except lookup.UnknownName as exc:
            _unknown(exc, "text")
        info = write_graph(store, output, law=law, agency=agency, region=region, doc=doc, campaign=campaign,
                           place=place, radius=radius, max_nodes=max_nodes, command=command)
    click.echo(f"{info['path']}: {info['nodes']} of {info['total_nodes']} nodes, {info['edges']} edges"
               + (" (the overview: who promoted what, where)" if info["view"] == "overview" else "")
               + (" (trimmed to the most connected)" if info["trimmed"] else "")
               + (f"; drawn from the newest {info['reports']} of {info['stored_reports']} reports"
                  " (narrow with --region, --doc, --law, --agency or --campaign)"
                  if info["capped"] else ""))


@main.command()
@click.option("--region", help="Only reports of this region (any part of its name).")
@click.option("--year", type=YEAR, help="Only this year.")
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default="html", show_default=True)
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="[default: exports/report.html or exports/report.md]")
@click.pass_context
def report(ctx, region, year, fmt, output):
    """Write a one-page summary for a region and year: charts, tables, problems, gaps, evidence.

    \b
    Examples:
      pufa report --region 柳江 --year 2024
      pufa report --format md -o exports/summary.md
    """
    from . import lookup
    from .report import write_report

    with _open(ctx) as store:
        try:
            region = lookup.region_filter(store, region) if region else None
        except lookup.UnknownName as exc:
            _unknown(exc, "text")
        info = write_report(store, output or f"exports/report.{fmt}", region=region, year=year, fmt=fmt)
    click.echo(f"{info['path']}: {info['reports']} report(s), {info['activities']} activities, "
               f"{info['evidence']} evidence sentences")


def _render(rows: list[dict], fmt: str, columns: list[str]) -> None:
    """Rows as JSON, CSV or a table for people (wrapped, codes as labels in the --lang asked for)."""
    from .tables import cell, print_table

    if fmt == "json":
        _echo_json(rows)
        return
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for r in rows:
            writer.writerow([cell(r.get(c), "") for c in columns])
        return
    print_table(rows, columns, _lang())


def _lang() -> str:
    return click.get_current_context().find_object(dict).get("lang", "zh")


if __name__ == "__main__":
    main()
