"""Attachment checks: proposals take PDF files only, and a file is judged by its content, not its name."""

from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

from smartcity.core.errors import CheckFailed

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

_MIB = 1024 * 1024
_CHUNK = 64 * 1024
_MAGIC = b"%PDF-"
# PDF readers accept junk before the header as long as "%PDF-" starts within the first 1024 bytes.
_MAGIC_WINDOW = 1024


class AttachmentError(CheckFailed):
    """Why an attachment was refused."""


@dataclass(frozen=True)
class PdfInfo:
    size: int
    sha256: str
    pages: int


def check_pdf(fileobj) -> PdfInfo:
    """Size, hash and page count of an uploaded PDF, or AttachmentError. The file is left at position 0.

    ``fileobj`` is a Django UploadedFile or any binary file-like object with seek() and read().
    """
    try:
        size = _size(fileobj)
        _check_size(size)
        header_at = _header_offset(fileobj)
        digest, size = _sha256(fileobj)
        _check_size(size)  # the bytes actually read, not a claimed .size, have the last word
        return PdfInfo(size=size, sha256=digest, pages=_page_count(fileobj, header_at))
    finally:
        fileobj.seek(0)


def _size(fileobj) -> int:
    # An UploadedFile knows its size; otherwise seek to the end, which reads nothing.
    size = getattr(fileobj, "size", None)
    if isinstance(size, int):
        return size
    fileobj.seek(0, 2)
    return fileobj.tell()


def _check_size(size: int) -> None:
    if size == 0:
        raise AttachmentError("empty", _("The file is empty."))
    if size > MAX_ATTACHMENT_BYTES:
        raise AttachmentError(
            "too_large",
            _("The file is %(size)s MB; the limit is %(limit)s MB."),
            {"size": _mb(size), "limit": MAX_ATTACHMENT_BYTES // _MIB},
        )


def _mb(n_bytes: int) -> str:
    """Rounded *up* to 0.1 MB, so a file just over the limit never reads as "20.0 MB"."""
    return f"{math.ceil(n_bytes * 10 / _MIB) / 10:.1f}"


def _header_offset(fileobj) -> int:
    fileobj.seek(0)
    offset = fileobj.read(_MAGIC_WINDOW + len(_MAGIC)).find(_MAGIC)
    if offset < 0:
        raise AttachmentError("not_pdf", _("The file is not a PDF. Please attach PDF files only."))
    return offset


def _page_count(fileobj, header_at: int) -> int:
    fileobj.seek(header_at)
    # Byte offsets inside a PDF count from its header, as in Acrobat; pypdf counts from the start of the
    # stream, so a file with leading junk (rare, and at most 20 MB by now) is handed over without it.
    stream = io.BytesIO(fileobj.read()) if header_at else fileobj
    try:
        reader = PdfReader(stream, strict=False)
        # Checked before the pages: pypdf quietly opens files whose user password is empty, but such a
        # file still cannot be archived, stamped or merged by the platform without its owner password.
        if reader.is_encrypted:
            raise AttachmentError(
                "encrypted", _("The PDF is password-protected. Please attach a copy without a password.")
            )
        pages = len(reader.pages)
    except AttachmentError:
        raise
    except Exception as exc:  # malformed PDFs make pypdf raise almost anything, not only PyPdfError
        raise _corrupt() from exc
    if pages == 0:
        raise _corrupt()
    return pages


def _corrupt() -> AttachmentError:
    return AttachmentError("corrupt", _("The PDF file is damaged and cannot be opened. Please export it again."))


def _sha256(fileobj) -> tuple[str, int]:
    """Hash in chunks so a 20 MB upload is never held in memory twice; also counts the real size."""
    fileobj.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := fileobj.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size
