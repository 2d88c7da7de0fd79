"""``mashup-gen serve``: serve a project locally."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("project", required=False, default=".", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0 picks a free one).",
)
def serve(project: Path, host: str, port: int) -> None:
    """Serve PROJECT (default: the current folder) over HTTP until interrupted."""
    from mashup_gen.errors import ProjectError
    from mashup_gen.serve import allowlist_warning, backend_warning, listen_error, make_server, page_origin

    try:
        server = make_server(project, host, port)
    except OSError as exc:
        option, reason = listen_error(exc)
        raise click.BadParameter(f"cannot listen on {host}:{port}: {reason}", param_hint=option) from None
    origin = page_origin(host, server.server_address[1])
    try:
        warning = allowlist_warning(project, origin)
    except ProjectError as exc:
        warning = str(exc)
    for note in (warning, backend_warning(project)):
        if note:
            click.echo(f"warning: {note}", err=True)
    click.echo(f"Serving {project} at {origin}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.server_close()
