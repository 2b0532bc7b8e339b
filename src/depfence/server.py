"""``depfence server``: a language server (pygls >= 2) for manifest files.

It publishes diagnostics when a manifest is opened, changed or saved, checking
the editor's buffer rather than the file on disk, and offers quick fixes: write
the name a typosquat imitates, or add ``# depfence: ignore[rule]`` to the line.
Installed with the ``lsp`` extra; the CLI imports this module only for ``server``.
"""

from __future__ import annotations

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

from depfence import __version__, manifests
from depfence.config import ConfigError
from depfence.server_fixes import check_buffer, fixes, span

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from pygls.workspace import TextDocument

    from depfence.model import Finding

SOURCE = "depfence"
_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def _client_range(doc: TextDocument, line: int, start: int, end: int) -> types.Range:
    server_range = ServerTextRange(ServerTextPosition(line, start), ServerTextPosition(line, end))
    return doc.range_to_client_units(server_range)


def _diagnostic(doc: TextDocument, finding: Finding, lines: list[str]) -> types.Diagnostic:
    line, start, end = span(finding, lines)
    return types.Diagnostic(
        range=_client_range(doc, line, start, end),
        message=finding.message,
        severity=_SEVERITY[finding.severity.value],
        code=finding.code,
        source=SOURCE,
        data={"name": finding.name, "package": finding.package, "target": finding.target},
    )


def _config_diagnostic(error: ConfigError) -> types.Diagnostic:
    start = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=f"configuration: {error}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def diagnostics(doc: TextDocument) -> list[types.Diagnostic]:
    text = doc.source
    try:
        findings = check_buffer(doc.path, text)
    except ConfigError as exc:
        return [_config_diagnostic(exc)]
    lines = text.splitlines()
    return [_diagnostic(doc, finding, lines) for finding in findings]


def code_actions(doc: TextDocument, params: types.CodeActionParams) -> list[types.CodeAction]:
    only = params.context.only
    if only is not None and not any(
        types.CodeActionKind.QuickFix.value.startswith(kind) for kind in only
    ):
        return []
    kind = manifests.kind_of(doc.path)
    if kind is None:
        return []
    text = doc.source
    try:
        findings = check_buffer(doc.path, text)
    except ConfigError:
        return []
    lines = text.splitlines()
    first, last = params.range.start.line, params.range.end.line
    actions = []
    for finding in findings:
        if not first <= finding.location.line - 1 <= last:
            continue
        diagnostic = _diagnostic(doc, finding, lines)
        for fix in fixes(finding, lines, kind):
            edit = types.TextEdit(
                range=_client_range(doc, fix.line, fix.start, fix.end), new_text=fix.text
            )
            actions.append(
                types.CodeAction(
                    title=fix.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=types.WorkspaceEdit(changes={doc.uri: [edit]}),
                    is_preferred=fix.preferred or None,
                )
            )
    return actions


def build() -> LanguageServer:
    server = LanguageServer(SOURCE, __version__)

    def publish(ls: LanguageServer, uri: str) -> None:
        doc = ls.workspace.get_text_document(uri)
        found = diagnostics(doc) if manifests.kind_of(doc.path) is not None else []
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=doc.version)
        )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        # the configuration (a pyproject.toml) may have changed on disk
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return code_actions(ls.workspace.get_text_document(params.text_document.uri), params)

    return server


def main(options: argparse.Namespace | None = None) -> int:
    build().start_io()
    return 0
