"""Document texts kept in the data folder, compressed and content-addressed: `texts/<ab>/<sha256>.xz`.

A text is named by the SHA-256 of its UTF-8 bytes, so the same text is kept once, whichever documents or
versions hold it, and a text read back is checked against its name. It is stored either whole, or as a
**delta** against another stored text: the lines it shares with that base are copied from it, the others
are spelt out. Versions of one document differ by a few lines, so a delta against the next version is a few
hundred bytes (the 497 distinct texts of ../shared/versions: 22.8 MB, 5.8 MB compressed whole, 1.3 MB as
deltas, `benchmarks/bench_diff.py`). Which text is a delta of which is decided by the caller (the history:
each version a delta of the newer one, the newest whole), and recorded in the file itself.

Every write goes to a temporary file in the same folder, is flushed to disk, then renamed into place, so a
crash leaves either the old state or the new one; temporary files of interrupted writes are removed at start.
"""

from __future__ import annotations

import difflib
import hashlib
import lzma
import os
import tempfile
from pathlib import Path

TEXTS_FOLDER = "texts"
SUFFIX = ".xz"
_WHOLE = b"W\n"
_DELTA = b"D"  # b"D" + base sha256 (64 hex digits) + b"\n" + operations
# Reading a text follows at most this many deltas to a whole text; the history keeps chains shorter.
MAX_DELTA_DEPTH = 64
# lzma preset: 6 (the default) compresses these texts within 2% of 9 at a third of the memory.
LZMA_PRESET = 6


class TextStoreError(RuntimeError):
    """A stored text is missing or damaged."""


def text_sha(text: str) -> str:
    """The content address of a text: SHA-256 of its UTF-8 bytes, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class TextStore:
    """Compressed texts under `<data folder>/texts/`, by content address."""

    def __init__(self, data_dir: Path):
        self.folder = Path(data_dir) / TEXTS_FOLDER
        self.folder.mkdir(parents=True, exist_ok=True)
        self.removed_temporary = self._remove_temporary_files()

    def _path(self, sha: str) -> Path:
        if len(sha) != 64 or not all(c in "0123456789abcdef" for c in sha):
            raise ValueError(f"not a text address: {sha!r}")
        return self.folder / sha[:2] / f"{sha}{SUFFIX}"

    def _remove_temporary_files(self) -> int:
        removed = 0
        for path in self.folder.glob("*/.*.tmp"):
            try:
                path.unlink()
                removed += 1
            except OSError:
                continue
        return removed

    def has(self, sha: str) -> bool:
        return self._path(sha).is_file()

    def put(self, text: str, *, base: str | None = None) -> str:
        """Keep `text` (whole, or as a delta of the stored text `base`) and return its address; a text already
        kept is not written again. Raises TextStoreError if `base` cannot be read."""
        sha = text_sha(text)
        if self.has(sha):
            return sha
        self._write(sha, self._encode(text, base))
        return sha

    def rewrite(self, sha: str, *, base: str | None) -> None:
        """Store the kept text `sha` again, whole (`base` None) or as a delta of `base` (which must not be a
        delta of `sha`, directly or not: the caller keeps chains acyclic)."""
        self._write(sha, self._encode(self.get(sha), base))

    def _encode(self, text: str, base: str | None) -> bytes:
        if base is None:
            return _WHOLE + text.encode("utf-8")
        base_lines = _lines(self.get(base))
        lines = _lines(text)
        out = [_DELTA + base.encode("ascii") + b"\n"]
        matcher = difflib.SequenceMatcher(None, base_lines, lines, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out.append(f"={i1} {i2}\n".encode("ascii"))
            elif j2 > j1:
                out.append(f"+{j2 - j1}\n".encode("ascii"))
                out.extend(line.encode("utf-8") if line.endswith("\n") else (line + "\n").encode("utf-8") for line in lines[j1:j2])
                if not lines[j2 - 1].endswith("\n"):
                    out.append(b"!\n")  # the last inserted line had no line break of its own
        return b"".join(out)

    def _write(self, sha: str, payload: bytes) -> None:
        path = self._path(sha)
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{sha[:16]}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(lzma.compress(payload, preset=LZMA_PRESET))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def base_of(self, sha: str) -> str | None:
        """The text `sha` is stored as a delta of, or None when it is stored whole."""
        payload = self._read(sha)
        return payload[1:65].decode("ascii") if payload.startswith(_DELTA) else None

    def _read(self, sha: str) -> bytes:
        try:
            return lzma.decompress(self._path(sha).read_bytes())
        except FileNotFoundError:
            raise TextStoreError(f"the kept text {sha[:12]} is missing") from None
        except (OSError, lzma.LZMAError) as exc:
            raise TextStoreError(f"the kept text {sha[:12]} cannot be read: {exc}") from None

    def get(self, sha: str) -> str:
        """The text kept at `sha`; raises TextStoreError when it is missing, damaged or not what its name says."""
        text = self._decode(sha, depth=0)
        if text_sha(text) != sha:
            raise TextStoreError(f"the kept text {sha[:12]} is damaged (its content does not match its name)")
        return text

    def _decode(self, sha: str, *, depth: int) -> str:
        if depth > MAX_DELTA_DEPTH:
            raise TextStoreError(f"the kept text {sha[:12]} is a delta of a delta more than {MAX_DELTA_DEPTH} deep")
        payload = self._read(sha)
        if payload.startswith(_WHOLE):
            return payload[len(_WHOLE) :].decode("utf-8")
        if not payload.startswith(_DELTA):
            raise TextStoreError(f"the kept text {sha[:12]} is damaged")
        base_lines = _lines(self._decode(payload[1:65].decode("ascii"), depth=depth + 1))
        lines = _lines(payload[66:].decode("utf-8"))
        out: list[str] = []
        k = 0
        while k < len(lines):
            op = lines[k]
            if op.startswith("="):
                i1, i2 = map(int, op[1:].split())
                out.extend(base_lines[i1:i2])
                k += 1
            elif op.startswith("+"):
                count = int(op[1:])
                out.extend(lines[k + 1 : k + 1 + count])
                k += 1 + count
                if k < len(lines) and lines[k] == "!\n":
                    out[-1] = out[-1][:-1]
                    k += 1
            else:
                raise TextStoreError(f"the kept text {sha[:12]} is damaged")
        return "".join(out)

    def delete(self, sha: str) -> None:
        """Forget a kept text (the caller first rewrites the texts stored as deltas of it)."""
        self._path(sha).unlink(missing_ok=True)

    def size(self, sha: str) -> int:
        """Bytes the kept text takes on disk (compressed)."""
        try:
            return self._path(sha).stat().st_size
        except FileNotFoundError:
            return 0

    def addresses(self) -> list[str]:
        """Every kept text's address."""
        return sorted(path.name[: -len(SUFFIX)] for path in self.folder.glob(f"*/*{SUFFIX}"))


def _lines(text: str) -> list[str]:
    """The lines of `text`, each with its "\\n" (the last without one if the text does not end with it). Only
    "\\n" ends a line, so a text with other breaks (\\r, U+2028) comes back exactly as it went in."""
    parts = text.split("\n")
    out = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out
