"""The service's memory: fewer malloc arenas for its threads, and large blocks given back when freed.

glibc gives each thread that allocates concurrently an arena of its own (up to eight per core), and memory
freed in one is kept for that arena. Blocks above a threshold are mapped on their own and returned to the
system when freed, but glibc raises that threshold as such blocks are freed (up to 32 MB), after which they
too stay in the arenas. The service's analyses run on several waitress threads and each allocates tens of
megabytes of short-lived arrays, so the process kept the peak of every arena.

Measured with benchmarks/bench_scale.py (issue 12), resident memory of `termslens serve` after its timed
requests: 267 MB with 1,000 records and 462 MB with 50,000 as glibc sets it; 180 and 322 MB with two arenas;
268 MB at 50,000 with two arenas and a fixed 4 MiB mapping threshold, no slower.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

# mallopt's parameters (malloc.h): the most arenas glibc creates, and the size from which a block is mapped
# on its own (setting it also stops glibc from raising it).
M_ARENA_MAX = -8
M_MMAP_THRESHOLD = -3
SERVICE_ARENAS = 2
SERVICE_MMAP_THRESHOLD = 4 * 1024 * 1024


def limit_malloc_arenas(arenas: int = SERVICE_ARENAS, mmap_threshold: int = SERVICE_MMAP_THRESHOLD) -> bool:
    """Ask glibc for at most `arenas` malloc arenas and to map blocks of `mmap_threshold` bytes or more on
    their own; call before the threads start. False where the C library is not glibc (macOS, musl) or
    refuses, and nothing changes there."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return mallopt(M_ARENA_MAX, arenas) == 1 and mallopt(M_MMAP_THRESHOLD, mmap_threshold) == 1
