"""Download a published release, from any static HTTP server hosting an output folder
(or from a local output folder), verifying every file against its descriptor.

``SOURCE/catalog.json`` names the releases; the chosen release's ``datapackage.json``
gives the sha256 and size of every file (its ``files`` list: every Parquet and CSV part,
the DuckDB file, README, CHANGELOG and the quality reports; a resource with its own
``hash`` and ``bytes`` is checked too). Each file is written to ``DIR/<version>/<path>``
through a hidden ``.part`` file that is renamed into place only once its hash and size
match. An interrupted file is resumed with a ``Range`` request; transient network errors
are retried a bounded number of times. ``datapackage.json`` is written last, then
``DIR/latest`` points at the version.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

import httpx

from diplodata.ingest.http import (
    DEFAULT_RETRY,
    FetchError,
    Retry,
    describe,
    get,
    is_transient_status,
    make_client,
    stream_to_file,
    with_retries,
)
from diplodata.publish.package import sha256_file
from diplodata.tables.parts import link

CATALOG = "catalog.json"
DESCRIPTOR = "datapackage.json"
LATEST = "latest"
_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class DownloadError(RuntimeError):
    """A release could not be downloaded; the message says what, where and what to do."""


class UnknownVersionError(DownloadError):
    def __init__(self, version: str, available: list[str], source: str) -> None:
        listed = ", ".join(available) or "none"
        super().__init__(
            f"release {version!r} is not in {source}/{CATALOG}; available: {listed}. "
            "Pass one of these with --version, or leave it out for the latest."
        )
        self.version = version
        self.available = available


class CorruptFileError(DownloadError):
    def __init__(self, path: str, url: str, expected: FileSpec, sha256: str, size: int) -> None:
        super().__init__(
            f"{path} is corrupt: {url} gave sha256:{sha256} ({size} bytes) but the release's "
            f"datapackage.json expects sha256:{expected.sha256} ({expected.bytes} bytes). "
            "The file was discarded and nothing corrupt was kept. Run the download again; if "
            "it fails again the copy on the server is damaged: tell whoever publishes it."
        )
        self.path = path
        self.expected = expected.sha256
        self.actual = sha256


@dataclass(frozen=True, slots=True)
class FileSpec:
    """A file of a release as its descriptor states it."""

    path: str  # relative to the release folder, with forward slashes
    sha256: str  # hex digest
    bytes: int


@dataclass(slots=True)
class DownloadResult:
    version: str
    path: Path  # DIR/<version>
    source: str
    files: list[FileSpec] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)  # downloaded in this run
    reused: list[str] = field(default_factory=list)  # already present and verified
    linked: list[str] = field(default_factory=list)  # the same file of a release beside it
    resumed: list[str] = field(default_factory=list)  # continued with a Range request
    retries: int = 0
    latest: bool = False  # DIR/latest now points at this version

    @property
    def total_bytes(self) -> int:
        return sum(f.bytes for f in self.files)


class Progress:
    """Download progress callbacks; the default does nothing."""

    def begin(self, version: str, files: list[FileSpec]) -> None:
        """Called once the file list is known."""

    def advance(self, path: str, received: int) -> None:
        """``received`` bytes of ``path`` are on disk."""

    def retry(self, path: str, reason: str, wait: float) -> None:
        """A transient error: trying ``path`` again in ``wait`` seconds."""


@dataclass(frozen=True, slots=True)
class Source:
    """An output folder: a base URL (http/https) or a local path."""

    location: str

    @classmethod
    def parse(cls, source: str) -> Source:
        base = source.strip().rstrip("/")
        base = base.removesuffix("/" + CATALOG) if base.endswith(CATALOG) else base
        return cls(base or "/")

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))

    def locate(self, rel: str) -> str:
        if self.is_url:
            return f"{self.location}/{quote(rel)}"
        return str(Path(self.location) / rel)


@dataclass(slots=True)
class _Session:
    source: Source
    client: httpx.Client
    retry: Retry
    progress: Progress
    result: DownloadResult | None = None
    retries: int = 0

    def read(self, rel: str) -> bytes:
        where = self.source.locate(rel)
        if not self.source.is_url:
            try:
                return Path(where).read_bytes()
            except OSError as exc:
                raise DownloadError(f"{where}: cannot read ({exc.strerror})") from exc

        try:
            return get(self.client, where, self.retry, self._on_retry(rel)).content
        except FetchError as exc:
            hint = "check SOURCE and that its server is reachable"
            if exc.status == 404:
                hint = "is SOURCE an output folder (with catalog.json)?"
            raise DownloadError(f"cannot fetch {exc}; {hint}") from exc

    def _on_retry(self, rel: str) -> Callable[[int, BaseException, float], None]:
        def note(attempt: int, exc: BaseException, wait: float) -> None:
            self.retries += 1
            self.progress.retry(rel, describe(exc), wait)

        return note


def _load_json(session: _Session, rel: str) -> tuple[bytes, dict[str, Any]]:
    """The raw bytes of a JSON object file and the object."""
    raw, where = session.read(rel), session.source.locate(rel)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DownloadError(
            f"{where}: not valid JSON ({exc}); is SOURCE an output folder?"
        ) from exc
    if not isinstance(data, dict):
        raise DownloadError(f"{where}: expected a JSON object; is SOURCE an output folder?")
    return raw, data


def pick_release(catalog: dict[str, Any], version: str | None, source: str) -> dict[str, Any]:
    """The catalog entry of ``version`` (default: the catalog's latest)."""
    releases = [r for r in catalog.get("releases", []) if isinstance(r, dict) and "version" in r]
    available = [str(r["version"]) for r in releases]
    if not releases:
        raise DownloadError(f"{source}/{CATALOG} lists no releases; nothing to download")
    wanted = catalog.get("latest", available[-1]) if version in (None, LATEST) else version
    for entry in releases:
        if entry["version"] == wanted:
            if not _VERSION.match(str(wanted)):
                raise DownloadError(f"{source}/{CATALOG}: unusable version name {wanted!r}")
            return entry
    raise UnknownVersionError(str(wanted), available, source)


def _safe_path(path: object, where: str) -> str:
    text = path if isinstance(path, str) else ""
    pure = PurePosixPath(text)
    if not text or "\\" in text or pure.is_absolute() or ".." in pure.parts or "://" in text:
        raise DownloadError(f"{where}: refusing unsafe file path {text!r}")
    return pure.as_posix()


def _digest(value: object, where: str) -> str:
    text = str(value)
    if not re.fullmatch(r"sha256:[0-9a-f]{64}", text):
        raise DownloadError(f"{where}: hash {text!r} is not sha256:<hex>; cannot verify")
    return text.removeprefix("sha256:")


def _resource_paths(resource: dict[str, Any]) -> list[object]:
    path = resource.get("path")
    return list(path) if isinstance(path, list) else [path] if isinstance(path, str) else []


def file_specs(package: dict[str, Any], where: str = DESCRIPTOR) -> list[FileSpec]:
    """Every file a descriptor lists (resource paths and ``files``), with hash and size.
    A resource path that is a folder (of Parquet parts) is covered by the files in it."""
    resources = [r for r in package.get("resources", []) if isinstance(r, dict)]
    entries = [r for r in resources if isinstance(r.get("path"), str)]
    entries += list(package.get("files", []))
    specs: dict[str, FileSpec] = {}
    for entry in entries:
        path = _safe_path(entry.get("path"), where)
        if "hash" in entry and "bytes" in entry:
            spec = FileSpec(path, _digest(entry["hash"], where), int(entry["bytes"]))
            if specs.setdefault(path, spec) != spec:
                raise DownloadError(f"{where}: two different hashes for {path}")
    named = {_safe_path(p, where) for r in resources for p in _resource_paths(r)}
    named |= {_safe_path(e.get("path"), where) for e in package.get("files", [])}
    missing = sorted(p for p in named - set(specs) if not any(s.startswith(p + "/") for s in specs))
    if missing:
        raise DownloadError(f"{where}: no sha256/bytes for {', '.join(missing)}; cannot verify")
    return sorted(specs.values(), key=lambda s: s.path)


def _check_catalog(entry: dict[str, Any], base: str, specs: list[FileSpec], where: str) -> None:
    """The catalog's hashes (when given) must agree with the descriptor's."""
    by_path = {s.path: s.sha256 for s in specs}
    for item in entry.get("files", []):
        rel = str(item.get("path", "")).removeprefix(base + "/")
        if rel in by_path and str(item.get("hash")) != f"sha256:{by_path[rel]}":
            raise DownloadError(
                f"{where}: catalog.json and datapackage.json disagree about {rel}; "
                "the release was changed after publishing: ask its publisher to republish it"
            )


def _matches(path: Path, spec: FileSpec) -> bool:
    return path.stat().st_size == spec.bytes and sha256_file(path) == spec.sha256


def _stream_once(session: _Session, spec: FileSpec, part: Path) -> None:
    """One GET of ``spec`` into ``part``, continuing it with a Range request when it exists."""
    url = session.source.locate(spec.path)
    advance = partial(session.progress.advance, spec.path)
    if stream_to_file(session.client, url, part, spec.bytes, advance):
        assert session.result is not None
        if spec.path not in session.result.resumed:
            session.result.resumed.append(spec.path)


def _fetch(session: _Session, spec: FileSpec, part: Path) -> None:
    where = session.source.locate(spec.path)
    if not session.source.is_url:
        try:
            shutil.copyfile(where, part)
        except OSError as exc:
            raise DownloadError(f"{where}: cannot read ({exc.strerror})") from exc
        session.progress.advance(spec.path, part.stat().st_size)
        return
    try:
        with_retries(
            lambda: _stream_once(session, spec, part),
            where,
            session.retry,
            session._on_retry(spec.path),
        )
    except FetchError as exc:
        hint = f"what arrived is kept in {part}: run the same command again to resume"
        if exc.status is not None and not is_transient_status(exc.status):
            hint = "the server does not serve this file: check SOURCE, or tell its publisher"
        raise DownloadError(f"cannot download {spec.path}: {exc}; {hint}") from exc


def _beside(folder: Path, spec: FileSpec) -> Path | None:
    """The same file (path, size and sha256) in a release downloaded beside ``folder``:
    releases share their unchanged parts, and so can their downloads."""
    try:
        others = sorted((p for p in folder.parent.iterdir() if p != folder), reverse=True)
    except OSError:
        return None
    for other in others:
        candidate = other / spec.path
        if other.is_symlink() or not other.is_dir() or not candidate.is_file():
            continue
        if candidate.stat().st_size == spec.bytes and _matches(candidate, spec):
            return candidate
    return None


def fetch_file(session: _Session, spec: FileSpec, folder: Path) -> None:
    """``folder/spec.path``, verified; a file already there and intact is kept, and one a
    release beside it has is linked (or copied) from there."""
    final = folder / spec.path
    assert session.result is not None
    if final.is_file() and _matches(final, spec):
        session.result.reused.append(spec.path)
        session.progress.advance(spec.path, spec.bytes)
        return
    same = _beside(folder, spec)
    if same is not None:
        final.unlink(missing_ok=True)
        link(same, final)
        session.result.linked.append(spec.path)
        session.progress.advance(spec.path, spec.bytes)
        return
    final.parent.mkdir(parents=True, exist_ok=True)
    part = final.with_name(f".{final.name}.part")
    had_part = part.exists()
    _fetch(session, spec, part)
    if not _matches(part, spec) and had_part:  # a stale partial file: start over once
        part.unlink()
        _fetch(session, spec, part)
    if not _matches(part, spec):
        actual, size = sha256_file(part), part.stat().st_size
        part.unlink()
        final.unlink(missing_ok=True)
        raise CorruptFileError(spec.path, session.source.locate(spec.path), spec, actual, size)
    os.replace(part, final)
    session.result.fetched.append(spec.path)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _point_latest(to: Path, version: str) -> None:
    tmp = to / f".{LATEST}.{os.getpid()}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(version, target_is_directory=True)
    os.replace(tmp, to / LATEST)


def download(
    source: str,
    to: Path,
    version: str | None = None,
    *,
    client: httpx.Client | None = None,
    retry: Retry = DEFAULT_RETRY,
    progress: Progress | None = None,
    set_latest: bool = False,
) -> DownloadResult:
    """Download release ``version`` (default: latest) of the output folder ``source``
    into ``to/<version>``. ``to/latest`` points at it when it is the source's latest, when
    ``to`` has no latest yet, or with ``set_latest``; an older version leaves it alone."""
    src = Source.parse(source)
    own_client = client is None
    session = _Session(src, client or make_client(), retry, progress or Progress())
    try:
        entry = pick_release(_load_json(session, CATALOG)[1], version, src.location)
        name = str(entry["version"])
        package_rel = _safe_path(entry.get("path", f"releases/{name}/{DESCRIPTOR}"), CATALOG)
        base = str(PurePosixPath(package_rel).parent)
        raw, package = _load_json(session, package_rel)
        where = src.locate(package_rel)
        specs = file_specs(package, where)
        _check_catalog(entry, base, specs, where)
        folder = to / name
        session.source = Source(src.locate(base) if base != "." else src.location)
        session.result = DownloadResult(name, folder, src.location, specs)
        session.progress.begin(name, specs)
        try:
            for spec in specs:
                fetch_file(session, spec, folder)
            _write_atomic(folder / DESCRIPTOR, raw)
            if set_latest or version in (None, LATEST) or not (to / LATEST).exists():
                _point_latest(to, name)
                session.result.latest = True
        except OSError as exc:
            raise DownloadError(
                f"cannot write {exc.filename or to}: {exc.strerror}; "
                "check that --to is a writable folder with enough free space"
            ) from exc
        session.result.retries = session.retries
        return session.result
    finally:
        if own_client:
            session.client.close()
