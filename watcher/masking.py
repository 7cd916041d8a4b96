"""Secrets out of every URL watcher prints or logs, each kind of URL read its way.

* A **database** URL (``sqlite:``, ``postgresql+psycopg:`` …): the password and
  credential-named query values; a file path or a database name is shown as
  it is. Never handed to apprise, which would log it as unparsable.
* A **web** URL (a feed, an article, a page): the password, a token-like user
  name, token-like path segments, and the values of credential-named query
  keys (``apikey``, ``token``, ``sig`` …). Other query values stay as written,
  so ``q=Ballerina+Keanu+Reeves`` of a news search or a ``channel_id`` is
  readable.
* Any other scheme is a **notify** URL: apprise's own privacy form where it
  knows the service (it knows which path parts are secret), pattern masking
  on top, and everything masked for a URL apprise cannot read.

Masking only replaces: it never re-encodes what it keeps, so a shown URL is
the configured one with ``***`` where secrets were.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from urllib.parse import parse_qsl, unquote, urlencode

# SQLAlchemy dialect names (before any ``+driver``).
DATABASE_SCHEMES = frozenset(
    {"sqlite", "postgresql", "postgres", "mysql", "mariadb", "oracle", "mssql", "cockroachdb"}
)
WEB_SCHEMES = frozenset({"http", "https"})
HIDDEN = "***"

# Query keys whose values are credentials, whatever the values look like.
_SECRET_NAME = re.compile(r"(?i)pass|token|secret|key|auth|sig|cred|session|code")
_URL_IN_TEXT = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s'\"<>]+", re.I)
# What a token is made of: no spaces, quotes or punctuation a phrase would have.
_TOKEN_CHARS = re.compile(r"[A-Za-z0-9_~=+/-]+")


def token_like(text: str) -> bool:
    """Random-looking: long, token characters only, with digits or mixed case,
    or very long; not a lower-case slug of words ("ballerina-moves-up-1236044559")."""
    if len(text) < 16 or not _TOKEN_CHARS.fullmatch(text):
        return False
    if text.islower() and any(p.isalpha() and len(p) >= 3 for p in text.split("-")[:-1]):
        return False
    mixed = any(c.isupper() for c in text) and any(c.islower() for c in text)
    return any(c.isdigit() for c in text) or mixed or len(text) >= 24


def kind_of(url: str) -> str:
    """``database``, ``web`` or ``notify``, by the URL's scheme."""
    scheme = url.partition("://")[0].lower().partition("+")[0]
    if scheme in DATABASE_SCHEMES:
        return "database"
    if scheme in WEB_SCHEMES:
        return "web"
    return "notify"


@functools.lru_cache(maxsize=1024)
def mask_url(url: str) -> str:
    """``url`` fit to print or log, read as the kind of URL it is."""
    if "://" not in url:
        return url
    kind = kind_of(url)
    if kind == "database":
        return _mask(url, paths=False)
    if kind == "web":
        return _mask(url)
    return _mask_notify(url)


def mask_text(text: str) -> str:
    """Every URL in ``text`` (a message, an error, a traceback) masked."""
    return _URL_IN_TEXT.sub(lambda m: mask_url(m.group(0)), text)


def scrub(text: str, url: str) -> str:
    """``text`` (an error message about ``url``) with every piece of ``url``
    that its masked form hides replaced by ``***``."""
    label = mask_url(url)
    pieces = {p for p in re.split(r"[/:@?&=#,;\s]+", url) if len(p) >= 3}
    pieces |= {unquote(p) for p in pieces}
    for piece in sorted(pieces, key=len, reverse=True):
        if piece not in label:
            text = text.replace(piece, HIDDEN)
    return text


def _mask(url: str, *, paths: bool = True, notify: bool = False, strict: bool = False) -> str:
    """Pattern masking of the raw text, keeping everything it does not hide
    byte for byte. ``paths``: token-like path segments may be secrets (not so
    for a database's file path). ``notify``: token-like query values go too.
    ``strict`` (a notify URL no apprise service reads): every user name, path
    segment and query value."""

    def hide(part: str) -> str:
        return HIDDEN if part and (strict or token_like(unquote(part))) else part

    scheme, _, tail = url.partition("://")
    rest, hash_, fragment = tail.partition("#")
    rest, question, query = rest.partition("?")
    netloc, slash, path = rest.partition("/")
    userinfo, at, host = netloc.rpartition("@")
    if at:
        user, colon, _ = userinfo.partition(":")
        userinfo = hide(user) + (":" + HIDDEN if colon else "")
    if paths:
        path = "/".join(hide(part) for part in path.split("/"))
        # The host names the service, so strict keeps it; a token there (as in
        # pover://USER_KEY@TOKEN) goes.
        host = host if strict else hide(host)
    masked = f"{scheme}://{userinfo}{at}{host}{slash}{path}"
    if question:
        # A web or database URL names its credentials (apikey=, token=, sig=);
        # any other value is shown. A notify URL's values may be bare secrets.
        values = hide if notify else (lambda value: value)
        masked += "?" + "&".join(_mask_pair(pair, values) for pair in query.split("&"))
    return masked + hash_ + (hide(fragment) if paths else fragment)


def _mask_pair(pair: str, hide: Callable[[str], str]) -> str:
    key, equals, value = pair.partition("=")
    if not equals:
        return pair
    if _SECRET_NAME.search(unquote(key)):
        return f"{key}={HIDDEN}"
    return f"{key}={hide(value)}"


def _mask_notify(url: str) -> str:
    import apprise  # only for notify URLs: logs and the CLI mask others without it

    service = apprise.Apprise.instantiate(url)
    try:
        private = str(service.url(privacy=True)) if service else ""  # type: ignore[no-untyped-call]
    except Exception:  # a plugin's privacy form is a convenience, never needed
        private = ""
    if not private:
        return _mask(url, notify=True, strict=True)
    # Without the defaults apprise adds to its form: only the keys given.
    given = {k.lower() for k, _ in parse_qsl(url.partition("?")[2], keep_blank_values=True)}
    base, _, query = private.partition("?")
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k.lower() in given]
    label = unquote(base).rstrip("/") + ("?" + urlencode(pairs, safe="*@:/,+") if pairs else "")
    return _mask(label, notify=True)
