"""Python client for the Fault Lines API: security-force defection and insider dissent events.

>>> import faultlines
>>> with faultlines.Client() as client:  # doctest: +SKIP
...     page = client.events.list(country="IR", event_type="desertion", limit=10)
>>> frame = faultlines.load()  # the newest release as a DataFrame, cached  # doctest: +SKIP

Models (``faultlines.models``) are msgspec Structs generated from the API's OpenAPI contract;
everything else here is the hand-written client around them.
"""

from faultlines._client import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, AsyncClient, Client
from faultlines._download import DownloadedFile, parse_sha256sums
from faultlines._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    BadRequestError,
    ChecksumMismatchError,
    DownloadError,
    FaultlinesError,
    GoneError,
    NotFoundError,
    ProblemDetails,
    RateLimitError,
    ServerError,
)
from faultlines._generated import models
from faultlines._load import default_cache_dir, load
from faultlines._pagination import AsyncPager, SyncPager
from faultlines._resources import EventFilters
from faultlines._retry import RetryPolicy
from faultlines._version import __version__

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AsyncPager",
    "BadRequestError",
    "ChecksumMismatchError",
    "Client",
    "DownloadError",
    "DownloadedFile",
    "EventFilters",
    "FaultlinesError",
    "GoneError",
    "NotFoundError",
    "ProblemDetails",
    "RateLimitError",
    "RetryPolicy",
    "ServerError",
    "SyncPager",
    "__version__",
    "default_cache_dir",
    "load",
    "models",
    "parse_sha256sums",
]
