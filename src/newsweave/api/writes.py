"""The write side of the HTTP app: ``POST /articles`` (ingest) and ``POST /corrections`` (and undo).

Writes are refused unless the app has a token (see :class:`Writes`); a request then bears it as
``Authorization: Bearer <token>`` (compared in constant time), or a page's form as its ``token`` field.
Articles are built by the ingest builder (``ingest.build_article``), as ``newsweave ingest`` builds them.
"""

from __future__ import annotations

import hmac
import json
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..errors import ApiError, IngestError, StoreError, StoreFull, shown
from ..store import Store

__all__ = ["ENABLE_WRITES", "MAX_CORRECTION_BYTES", "MAX_REPORTED_ERRORS", "Writes", "json_response"]

ENABLE_WRITES = (
    "writes are disabled: start the server with a token (NEWSWEAVE_TOKEN=... newsweave serve, or "
    "create_app(db, token=...)) and send it as 'Authorization: Bearer <token>'"
)


def json_response(data: Any, status: int = 200) -> Response:
    """``data`` as a JSON response (non-ASCII kept as is; dates and other values as their text)."""
    body = json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    return Response(body, status_code=status, media_type="application/json")


class Writes:
    """The write endpoints over one store: ``db_path``, the ``token`` writes need (None: read-only) and
    the largest upload accepted."""

    def __init__(self, db_path: Path, token: str | None, max_upload_bytes: int):
        self.db_path = db_path
        self.token = token
        self.max_upload_bytes = max_upload_bytes

    def refused(self, request: Request, form_token: str | None = None) -> Response | None:
        """None when the request may write (it bears the token: as a bearer header, or for a page's form,
        as its ``token`` field); else the answer refusing it."""
        if self.token is None:
            return json_response({"error": ENABLE_WRITES, "status": 403}, 403)
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        given = value.strip() if scheme.lower() == "bearer" else (form_token or "")
        if not given or not hmac.compare_digest(given.encode(), self.token.encode()):
            return Response(json.dumps({"error": "missing or wrong bearer token", "status": 401}), 401,
                            media_type="application/json", headers={"www-authenticate": "Bearer"})
        return None

    async def post_article(self, request: Request) -> Response:
        """``POST /articles``: a JSON article (or list) or a multipart upload of files, stored as at ingest."""
        if (refused := self.refused(request)) is not None:
            return refused
        try:
            body = await _read_limited(request, self.max_upload_bytes)
            articles, errors = await _articles_from_request(request, body)
            return json_response(*await run_in_threadpool(_store_articles, self.db_path, articles, errors))
        except ApiError as exc:
            return json_response({"error": str(exc), "status": exc.status}, exc.status)
        except IngestError as exc:
            return json_response({"error": str(exc), "status": 400}, 400)
        except StoreFull:
            # not the message itself, which names the server's files: what the client needs to know
            return json_response({"error": "the server's disk is full: nothing from this request was stored and "
                                  "nothing stored before was lost; try again later", "status": 507}, 507)

    async def post_correction(self, request: Request) -> Response:
        """``POST /corrections`` (make one) and ``POST /corrections/{id}/undo``: JSON answers 201 with the
        correction; a page's form is sent back to the page it came from (``next``)."""
        try:
            fields, is_form = await _correction_fields(request)
        except ApiError as exc:
            return json_response({"error": str(exc), "status": exc.status}, exc.status)
        form_token = str(fields.pop("token", "") or "") if is_form else None
        if (refused := self.refused(request, form_token)) is not None:
            return refused
        undo = request.path_params.get("correction_id")
        try:
            made = await run_in_threadpool(_write_correction, self.db_path, fields, undo)
        except StoreError as exc:
            return json_response({"error": str(exc), "status": 400}, 400)
        if is_form:
            target = str(fields.get("next") or "/corrections")
            if not target.startswith("/") or target.startswith("//") or "\\" in target:
                target = "/corrections"  # only a page of this site
            return Response(status_code=303, headers={"location": target})
        return json_response(made, 200 if undo else 201)


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"request body of {declared} bytes is over the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


# Errors listed in one POST response (the rest are counted): a 5 MiB upload of bad lines stays a small answer.
MAX_REPORTED_ERRORS = 200


async def _articles_from_request(request: Request, body: bytes) -> tuple[list, list[IngestError]]:
    """The articles of a JSON body (one object or a list) or of every ``file`` part of a multipart upload,
    built by newsweave.ingest as ``newsweave ingest`` builds them, and the records that failed."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type == "application/json":
        from ..ingest.inputs import refuse_reused_ids

        payload = _json_payload(body)
        items = payload if isinstance(payload, list) else [payload]
        articles = []
        for n, built in enumerate(refuse_reused_ids(_article_from_json(item, n) for n, item in enumerate(items))):
            if isinstance(built, IngestError):  # one id for two texts: refused as a bad article, like the rest
                raise ApiError(400, f"article {n}: {built.reason}")
            articles.append(built)
        return articles, []
    if media_type == "multipart/form-data":
        from starlette.datastructures import UploadFile

        # Starlette parses the form from the body we already read (and size-checked).
        request._body = body
        try:
            form = await request.form()
        except Exception as exc:  # noqa: BLE001 - python-multipart raises several types for a malformed body
            raise ApiError(400, f"could not read the multipart body: {exc}") from None
        uploads = [part for part in form.getlist("file") if isinstance(part, UploadFile)]
        if not uploads:
            raise ApiError(400, "multipart upload needs a 'file' field")
        articles, errors = [], []
        for index, upload in enumerate(uploads, start=1):
            data = await upload.read()
            found, failed = await run_in_threadpool(_read_upload, _upload_name(upload.filename, index), data)
            articles += found
            errors += failed
        return articles, errors
    raise ApiError(415, f"unsupported content type {shown(media_type, 60)}: send application/json (text, published, "
                        "outlet, title, url) or multipart/form-data with one or more 'file' fields")


def _json_payload(body: bytes) -> Any:
    try:
        return json.loads(body)
    except RecursionError:
        raise ApiError(400, "body is nested too deeply: send an article object or a list of them") from None
    except ValueError as exc:  # not JSON, not UTF-8, an integer of over 4,300 digits
        reason = str(exc)
        raise ApiError(400, f"body is not valid JSON: {reason if len(reason) <= 200 else reason[:200] + '…'}") from None


def _lone_surrogate_field(item: dict) -> str | None:
    """The field of ``item`` holding a lone UTF-16 surrogate (JSON allows "\\ud800"; it is not a character)."""
    stack: list[tuple[str, Any]] = [(str(key), value) for key, value in item.items()]
    while stack:
        field, value = stack.pop()
        if isinstance(value, str) and any("\ud800" <= ch <= "\udfff" for ch in value):
            return field
        if isinstance(value, dict):
            stack += [(field, key) for key in value] + [(field, v) for v in value.values()]
        elif isinstance(value, list):
            stack += [(field, v) for v in value]
    return next((str(key) for key in item if isinstance(key, str) and any("\ud800" <= ch <= "\udfff" for ch in key)),
                None)


def _article_from_json(item: Any, n: int) -> Any:
    """One article of a JSON body, built by the ingest builder (dates, outlet and wire rules as at ingest)."""
    from ..ingest import FieldMap, build_article

    if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
        raise ApiError(400, f"article {n}: an object with a non-empty 'text' string is required")
    for key in ("outlet", "title", "url", "wire", "id"):
        if item.get(key) is not None and not isinstance(item[key], str):
            raise ApiError(400, f"article {n}: {key} must be a string")
    field = _lone_surrogate_field(item)
    if field is not None:
        raise ApiError(400, f"article {n}: the field {shown(field, 40)} holds a lone UTF-16 surrogate (such as "
                            "\\ud800), which is not a character; send the text as valid Unicode")
    article = build_article(item, fields=FieldMap(), origin="<http>", identity="<http>", locator=f"#{n}")
    if isinstance(article, IngestError):
        raise ApiError(400, f"article {n}: {article.reason}")
    return article


def _upload_name(filename: str | None, index: int) -> str:
    """The sender's file name as a label (never a path here): its last part, printable, at most 100 characters."""
    name = Path(filename or "").name
    name = "".join(ch if ch.isprintable() else "?" for ch in name)[:100]
    return name or f"upload-{index}"


def _read_upload(name: str, data: bytes) -> tuple[list, list[IngestError]]:
    from ..ingest import read_upload

    items = list(read_upload(data, name))
    return ([i for i in items if not isinstance(i, IngestError)], [i for i in items if isinstance(i, IngestError)])


def _error_list(errors: list[IngestError]) -> dict:
    listed = {"errors": [{"origin": e.origin, "reason": e.reason} for e in errors[:MAX_REPORTED_ERRORS]]}
    if len(errors) > MAX_REPORTED_ERRORS:
        listed["errors_not_listed"] = len(errors) - MAX_REPORTED_ERRORS
    return listed


def _store_articles(db_path: Path, articles: list, errors: list[IngestError]) -> tuple[dict, int]:
    """Store ``articles``; the response body and its status: 201 when anything was stored (or already
    was), 400 when every record failed. Each failed record is listed with its origin and reason."""
    from ..jobs import ingest_articles

    report = None
    if articles:
        with Store(db_path) as store:
            report = ingest_articles(store, articles)
        errors = errors + report.failed
    if report is None or report.new + report.duplicate == 0:
        first = "; ".join(f"{e.origin}: {e.reason}" for e in errors[:3]) or "no articles found"
        return {"error": f"nothing was stored: {first}", "status": 400, **_error_list(errors)}, 400
    return {"new": report.new, "duplicate": report.duplicate, "ids": report.new_ids, **_error_list(errors),
            "next": "run `newsweave process` to extract and link the new articles"}, 201


MAX_CORRECTION_BYTES = 64 * 1024


async def _correction_fields(request: Request) -> tuple[dict[str, Any], bool]:
    """A correction's fields from a JSON object or a form (``(fields, True)`` for a form)."""
    body = await _read_limited(request, MAX_CORRECTION_BYTES)
    ctype = request.headers.get("content-type", "")
    if not body and not ctype:
        return {}, False  # an undo needs nothing but its path
    if ctype.startswith("application/json"):
        try:
            fields = json.loads(body or b"{}")
        except ValueError as exc:
            raise ApiError(400, f"body is not valid JSON: {exc}") from None
        if not isinstance(fields, dict):
            raise ApiError(400, "send one JSON object: {\"kind\": ..., the kind's fields, \"note\": ...}")
        return fields, False
    if ctype.startswith("application/x-www-form-urlencoded"):
        from urllib.parse import parse_qsl

        try:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=False, max_num_fields=100)
        except (UnicodeDecodeError, ValueError) as exc:
            raise ApiError(400, f"could not read the form: {exc}") from None
        return dict(pairs), True
    raise ApiError(415, "send application/json or a form (application/x-www-form-urlencoded)")


def _write_correction(db_path: Path, fields: dict[str, Any], undo: str | None) -> dict:
    from ..store.corrections import correction_from_fields, undo_correction

    with Store(db_path) as store:
        return undo_correction(store, undo) if undo is not None else correction_from_fields(store, fields)
