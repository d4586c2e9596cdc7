"""Names the dead-code check (vulture, `./run test`) must not report.

Each is used where vulture cannot see it. Format: vulture's own whitelist
(`_.name` for an attribute or method, a bare name for a function, class or
variable); the file is read by vulture only, never imported.
"""
# ruff: noqa

# --- Python and Qt call these, not our code -------------------------------------------
__getattr__  # module __getattr__ (annotator/__init__.py: the lazy __version__)
_.contextMenuEvent  # QWidget override (gui/article_view.py)
_.eventFilter  # QObject override (gui/claim_panel.py, gui/file_ops.py)
_.sizeHint  # QStyledItemDelegate override (gui/document_list.py)
_.paint  # QStyledItemDelegate override (gui/document_list.py)
_.columnCount  # QAbstractItemModel override (gui/entity_panel.py)
_.headerData  # QAbstractItemModel override (gui/entity_panel.py)
_.itemAt  # QLayout overrides (gui/flow_layout.py)
_.expandingDirections
_.hasHeightForWidth
_.heightForWidth

# --- Looked up by name ------------------------------------------------------------------
import_command  # cli.py loads verbs lazily by module and attribute name (cli_io.py)
export_command  # (cli_io.py)
backup_command  # (cli_backup.py)
DENIES  # Stance.DENIES: an enum value read from stored claim attributes (core/model.py)
Dates  # recognizer classes, found by the recognizer registry's names (core/recognizers/)
Dictionary
StanzaNer
StanzaPropn
Names

# --- Read by the tests: state a job or panel exposes for inspection --------------------
_.error  # Job.error: the failed job's message (gui/workers.py)
_.last_report  # Preannotation.last_report (gui/preannotate_job.py)
_.overlay  # ClaimLayer.overlay (gui/claim_panel.py)
unregister  # core/recognizers/base.py: tests register and remove recognizers
_.last_claims  # Preannotation.last_claims: claims the last run suggested (tests)
_.first_view_report  # Preannotation.first_view_report (gui/preannotate_job.py)
recognize_text  # core/recognizers/names.py: the recognizer on a bare text (tests, notebooks)
spans_text

# --- Reported, not removed here: files under refactoring in parallel (issue 14) ---------
# Real dead code in files another engineer is rewriting this round; delete the entry
# together with the code (or when the code is used again).
relabel  # core/commands.py
History  # core/commands.py: the core's test-only undo history (issue 14.1: it goes)
_.do  # core/commands.py History.do
_.can_undo  # core/commands.py History.can_undo
_.can_redo  # core/commands.py History.can_redo
claim_dict  # core/claims.py
STATUSES  # core/exporters.py
_.invalid  # core/recognizers/runner.py RunReport.invalid: counted, never shown
invalid
make_recognizers  # core/recognizers/runner.py
_match_end  # core/recognizers/stanza_propn.py
_match_start  # core/recognizers/stanza_propn.py
clear_cache  # core/recognizers/stanza_support.py
_.dropped  # core/recognizers/stanza_support.py: counted, never read
dropped
_.set_lang  # core/store/__init__.py
_.iter_documents  # core/store/__init__.py
_.has_run  # core/store/__init__.py
_.events  # core/store/__init__.py Project.events (tests read it)
_.span_at  # gui/controller.py
EAGER_TOKENS  # gui/controller.py
# --- The window's feature API (gui/context.py, gui/controller.py) --------------------
_.say  # WindowContext.say: the status-bar note feature modules give
_.edit  # Controller.edit: run any command through the editor (feature modules)
_.enable_progress_bars  # ray's DataContext setting (core/suggest_ray.py)
_.navigation  # MainWindow.navigation: holds the search box's key filter alive
