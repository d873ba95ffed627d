"""The local HTTP API: `create_app` is the only place an app is built."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask

from termslens import config
from termslens.history import HistoryLimits

if TYPE_CHECKING:
    from termslens.analysis import Detector


def create_app(
    test_config: Mapping[str, Any] | None = None, *, record_dirs: Iterable[Path] = (), imported: bool | None = None,
    detector: Detector | None = None,
) -> Flask:
    """A configured TermsLens app: defaults, then the instance config.py (or `test_config` in tests), then
    `record_dirs` (the CLI's --records) added to the record folders, `imported` (the CLI's
    --imported/--no-imported) deciding whether the imported records load, and the `detector` of clause types
    (`termslens serve` starts its process before it builds the app; by default DETECTOR_PROCESS decides). The
    app owns the detector from then on, and closes it if it cannot be built.

    Raises RecordError when a record file is broken and StoreError when the data folder is unusable.
    """
    app = Flask(__name__, instance_relative_config=True)
    app.json.sort_keys = False  # type: ignore[attr-defined]  # DefaultJSONProvider's setting
    app.url_map.merge_slashes = False  # "/api/v1//health" is not an address of the API: a 404, not an HTML redirect
    app.config.from_mapping(
        DATA_DIR=str(config.default_data_dir()),
        RECORD_DIRS=[str(d) for d in config.env_record_dirs()],
        BUNDLED_RECORDS=True,
        IMPORTED_RECORDS=config.env_imported_records(),
        MAX_CONTENT_LENGTH=config.MAX_CONTENT_LENGTH,
        MAX_TEXT_CHARS=config.MAX_TEXT_CHARS,
        MAX_FEEDBACK_REPORTS=config.MAX_FEEDBACK_REPORTS,
        MAX_USER_RECORD_FILES=config.MAX_USER_RECORD_FILES,
        ANALYSIS_SLOTS=config.ANALYSIS_SLOTS,
        DETECTOR_PROCESS=config.DETECTOR_PROCESS,
        ANALYSIS_QUEUE=config.ANALYSIS_QUEUE,
        ANALYSIS_WAIT=config.ANALYSIS_WAIT,
        ANALYSIS_RETRY_AFTER=config.ANALYSIS_RETRY_AFTER,
        ALLOWED_ORIGINS=[config.EXTENSION_ORIGIN, *config.env_allowed_origins()],
        HISTORY_LIMITS=HistoryLimits(),
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    app.config["RECORD_DIRS"] = [*app.config["RECORD_DIRS"], *map(str, record_dirs)]
    if imported is not None:
        app.config["IMPORTED_RECORDS"] = imported

    from termslens.api import (
        analyze,
        context,
        errors,
        feedback,
        guard,
        history,
        limits,
        optouts,
        pairing,
        records,
        site,
        watch,
    )

    errors.init_app(app)
    guard.init_app(app)
    limits.init_app(app)
    context.init_app(app, detector)
    for blueprint in (analyze.bp, records.bp, site.bp, feedback.bp, optouts.bp, history.bp, watch.bp, pairing.bp):
        app.register_blueprint(blueprint)
    return app
