"""The service's memory: fewer malloc arenas for its threads.

glibc gives each thread that allocates concurrently an arena of its own (up to eight per core), and memory
freed in one is kept for that arena. The service's analyses run on several waitress threads and each allocates
tens of megabytes of short-lived arrays, so the process kept the peak of every arena: 267 MB resident with
1,000 records against 179 MB with two arenas, no slower (benchmarks/bench_scale.py, issue 12).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

# mallopt's parameter for the most arenas glibc creates (malloc.h).
M_ARENA_MAX = -8
SERVICE_ARENAS = 2


def limit_malloc_arenas(arenas: int = SERVICE_ARENAS) -> bool:
    """Ask glibc for at most `arenas` malloc arenas; call before the threads start. False where the C library
    is not glibc (macOS, musl) or refuses, and nothing changes there."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return mallopt(M_ARENA_MAX, arenas) == 1
