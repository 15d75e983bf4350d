"""The public names of the SDK, pinned: changing them is an API change."""

from __future__ import annotations

import faultlines

EXPECTED = [
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


def test_all_is_pinned() -> None:
    assert faultlines.__all__ == EXPECTED


def test_every_exported_name_exists() -> None:
    for name in faultlines.__all__:
        assert hasattr(faultlines, name), name


def test_error_hierarchy() -> None:
    f = faultlines
    assert issubclass(f.APITimeoutError, f.APIConnectionError)
    assert issubclass(f.APIConnectionError, f.FaultlinesError)
    for error in (f.BadRequestError, f.NotFoundError, f.GoneError, f.RateLimitError,
                  f.ServerError):  # fmt: skip
        assert issubclass(error, f.APIStatusError)
    assert issubclass(f.APIStatusError, f.FaultlinesError)
    assert issubclass(f.ChecksumMismatchError, f.DownloadError)
    assert issubclass(f.DownloadError, f.FaultlinesError)
