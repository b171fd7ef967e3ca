"""Per-user caches (compiled rule packs, the syllable table, phrase-pattern docs) and the
per-user key that authenticates every cache poalint reads.

Whoever can write a cache file must not be able to run code or change results with it:

- the cache folders are created 0700 whatever the umask, and an existing one we own is made
  private again; a folder that is a symlink or belongs to someone else is not used;
- every cache file is *sealed*: an HMAC-SHA256 over its label (where it lives) and its bytes,
  keyed by a random per-user key in `<cache root>/key` (0600, never inside a repository). A
  file whose seal does not verify is ignored and rebuilt, so pickled or marshalled data is
  only ever loaded after it is proven to be poalint's own;
- reads are bounded: a symlink, a device (`/dev/zero`), a FIFO or a file over
  `MAX_CACHE_BYTES` is refused before anything is read.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import os
import stat
from pathlib import Path

MAGIC = b"POALINT-SEALED-1\n"
MAX_CACHE_BYTES = 64 << 20  # no cache file poalint writes comes near this
KEY_BYTES = 32
_key: tuple[str, bytes] | None = None  # (cache root, key) for this process


def user_cache_root() -> Path:
    """`$POALINT_CACHE_HOME`, else `$XDG_CACHE_HOME`, else `~/.cache`; then `poalint/`."""
    base = os.environ.get("POALINT_CACHE_HOME") or os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "poalint"


def _uid() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else -1


def _private(path: Path) -> bool:
    """Create `path` as a folder of ours, mode 0700; True when it is (now) such a folder."""
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return False
    try:
        info = os.lstat(path)
        if not stat.S_ISDIR(info.st_mode) or (_uid() >= 0 and info.st_uid != _uid()):
            return False
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, 0o700)
    except OSError:
        return False
    return True


def private_folder(folder: Path) -> bool:
    """Make `folder` (the cache root or a folder inside it) and the folders between them
    private; False when one of them cannot be used safely."""
    root = user_cache_root()
    try:
        relative = folder.relative_to(root)
    except ValueError:
        return False
    with contextlib.suppress(OSError):
        os.makedirs(root.parent, mode=0o700, exist_ok=True)
    current = root
    if not _private(current):
        return False
    for part in relative.parts:
        current = current / part
        if not _private(current):
            return False
    return True


# reading a cache file: never through a symlink, never blocking on a FIFO, closed in children
_READ_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
)


def read_bounded(path: Path | str, limit: int = MAX_CACHE_BYTES, dir_fd: int | None = None) -> bytes | None:
    """A regular file's bytes, or None: never follows a symlink, never reads a device or a
    FIFO, never reads more than `limit` bytes."""
    try:
        fd = os.open(path, _READ_FLAGS, dir_fd=dir_fd)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return None if size > limit else b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _load_key(root: Path) -> bytes | None:
    path = root / "key"
    data = None
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        fd = -1
    if fd >= 0:
        try:
            info = os.fstat(fd)
            trusted = (
                stat.S_ISREG(info.st_mode)
                and (_uid() < 0 or info.st_uid == _uid())
                and stat.S_IMODE(info.st_mode) & 0o077 == 0
                and info.st_nlink == 1
                and info.st_size == KEY_BYTES
            )
            data = os.read(fd, KEY_BYTES + 1) if trusted else None
        except OSError:
            data = None
        finally:
            os.close(fd)
        if data is not None and len(data) == KEY_BYTES:
            return data
        with contextlib.suppress(OSError):
            os.unlink(path)  # not ours, or damaged: replaced below
    return _new_key(path)


def _new_key(path: Path) -> bytes | None:
    key = os.urandom(KEY_BYTES)
    tmp = path.with_name(f".key.{os.getpid()}.{key[:4].hex()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            os.write(fd, key)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # atomic: the first process to get here wins
        except FileExistsError:
            return _load_existing(path)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
                return None
            os.replace(tmp, path)  # file systems without hard links
        return key
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _load_existing(path: Path) -> bytes | None:
    data = read_bounded(path, KEY_BYTES)
    return data if data is not None and len(data) == KEY_BYTES else None


def user_key() -> bytes:
    """The per-user secret that seals caches (created on first use). Without a usable cache
    folder a key for this process only: nothing sealed with it is ever read back."""
    global _key
    root = user_cache_root()
    if _key is None or _key[0] != str(root):
        key = _load_key(root) if private_folder(root) else None
        _key = (str(root), key if key is not None else os.urandom(KEY_BYTES))
    return _key[1]


def _tag(label: str, data: bytes) -> bytes:
    mac = hmac.new(user_key(), label.encode("utf-8", "surrogateescape") + b"\0", hashlib.sha256)
    mac.update(data)
    return mac.digest()


def seal(label: str, data: bytes) -> bytes:
    """`data` with a header proving poalint wrote it for `label` with this user's key."""
    return MAGIC + _tag(label, data) + data


def unseal(label: str, blob: bytes | None) -> bytes | None:
    """The data of a sealed blob, or None when it is not sealed for `label` with our key."""
    if blob is None or not blob.startswith(MAGIC):
        return None
    start = len(MAGIC) + hashlib.sha256().digest_size
    tag, data = blob[len(MAGIC) : start], blob[start:]
    return data if hmac.compare_digest(tag, _tag(label, data)) else None


def read_cache_file(path: Path) -> bytes | None:
    """The payload of a sealed per-user cache file, or None (missing, foreign or damaged)."""
    if not private_folder(path.parent):
        return None
    return unseal(_label(path), read_bounded(path))


def write_cache_file(path: Path, data: bytes) -> bool:
    """Seal and store `data` atomically; False (only slower later) when that is not possible."""
    from poalint.util.atomicfile import write_atomic

    if not private_folder(path.parent):
        return False
    try:
        write_atomic(path, seal(_label(path), data), make_parents=False, mode=0o600)
    except OSError:
        return False
    return True


def _label(path: Path) -> str:
    try:
        return "user:" + path.relative_to(user_cache_root()).as_posix()
    except ValueError:
        return "user:" + path.as_posix()
