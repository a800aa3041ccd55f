"""Downloads of inbound media from a provider (a WhatsApp media URL, a Messenger / Instagram CDN
URL): streamed with a byte cap, so a huge or endless body never sits in memory, and every failure
told apart as transient (retry later: timeouts, 429, 5xx, connection trouble) or permanent (404,
an expired or malformed URL, a host that does not exist, too big)."""

from __future__ import annotations

import socket
from dataclasses import dataclass

import httpx

TIMEOUT = httpx.Timeout(30.0, connect=10.0)


class DownloadFailed(Exception):
    def __init__(self, code: str, message: str, *, transient: bool, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.transient, self.retry_after = code, message, transient, retry_after


@dataclass(frozen=True, slots=True)
class Downloaded:
    data: bytes
    content_type: str | None


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return float(response.headers["retry-after"])
    except (KeyError, ValueError):
        return None


def _host_not_found(exc: httpx.ConnectError) -> bool:
    # NXDOMAIN is an answer, not an outage: the URL will never work ("Temporary failure in name
    # resolution", EAI_AGAIN, is an outage and stays transient).
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, socket.gaierror):
            return cause.errno == socket.EAI_NONAME
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


async def download(url: str, *, max_bytes: int, bearer: str | None = None,
                   client: httpx.AsyncClient | None = None) -> Downloaded:
    """GET `url` (with `Authorization: Bearer` when given) and return at most `max_bytes` bytes."""
    headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
    own = client is None
    http = client or httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=True)
    try:
        async with http.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status == 429 or status >= 500:
                raise DownloadFailed("DOWNLOAD_UNAVAILABLE", f"the media host answered HTTP {status}",
                                     transient=True, retry_after=_retry_after(response))
            if status >= 400:  # 404, 403 of an expired signed URL, 401 of a revoked token...
                raise DownloadFailed("DOWNLOAD_REFUSED", f"the media host answered HTTP {status}", transient=False)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise DownloadFailed("TOO_LARGE", f"the file is larger than {max_bytes} bytes", transient=False)
            data = bytearray()
            async for chunk in response.aiter_bytes():
                data += chunk
                if len(data) > max_bytes:
                    raise DownloadFailed("TOO_LARGE", f"the file is larger than {max_bytes} bytes", transient=False)
            return Downloaded(bytes(data), response.headers.get("content-type"))
    except (httpx.InvalidURL, httpx.UnsupportedProtocol, httpx.LocalProtocolError) as exc:
        raise DownloadFailed("INVALID_URL", f"the media URL cannot be fetched: {exc}", transient=False) from None
    except httpx.ConnectError as exc:
        if _host_not_found(exc):
            raise DownloadFailed("HOST_NOT_FOUND", "the media URL's host does not exist", transient=False) from None
        raise DownloadFailed("DOWNLOAD_UNAVAILABLE", f"{type(exc).__name__}: {exc}", transient=True) from None
    except httpx.TransportError as exc:  # timeouts, resets: the host may come back
        raise DownloadFailed("DOWNLOAD_UNAVAILABLE", f"{type(exc).__name__}: {exc}", transient=True) from None
    finally:
        if own:
            await http.aclose()
