"""The SQLite database's files are private: they hold feed URLs with their
credentials, and notification payloads.

The folder watcher creates for the database is 0700 and the database file
0600, whatever the umask; SQLite gives its ``-wal`` and ``-shm`` files the
mode of the database file. A folder or file that already exists keeps the
mode its owner gave it.
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_folder(path: Path) -> None:
    """Create ``path`` (and missing parents) with only its owner allowed in."""
    if path.is_dir():
        return
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    # mkdir's mode is filtered through the umask; a umask of 0 must not open it up.
    os.chmod(path, FOLDER_MODE)


def create_file(path: Path) -> None:
    """Create ``path`` empty and 0600 unless it exists. SQLite reads an empty
    file as a new database, and keeps the mode it finds."""
    make_folder(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return  # another process made it first, or it was there already
    try:
        os.fchmod(fd, FILE_MODE)  # past the umask, as above
    finally:
        os.close(fd)
