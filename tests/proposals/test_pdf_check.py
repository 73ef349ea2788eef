"""Attachment checks on real PDFs built with pypdf (no database)."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfWriter

from smartcity.proposals.pdf_check import MAX_ATTACHMENT_BYTES, AttachmentError, PdfInfo, check_pdf

A4 = (595, 842)


def make_pdf(pages=1, *, password=None, algorithm=None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*A4)
    if password is not None:
        writer.encrypt(password, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class SizedStream(io.BytesIO):
    """A stream that announces a size, like Django's UploadedFile, and remembers how much was read."""

    def __init__(self, data: bytes, size: int):
        super().__init__(data)
        self.size = size
        self.bytes_read = 0

    def read(self, n=-1):
        chunk = super().read(n)
        self.bytes_read += len(chunk)
        return chunk


def refusal(fileobj) -> AttachmentError:
    with pytest.raises(AttachmentError) as info:
        check_pdf(fileobj)
    assert fileobj.tell() == 0
    return info.value


def test_a_one_page_pdf():
    data = make_pdf()
    stream = io.BytesIO(data)
    stream.seek(7)  # wherever the caller left it
    info = check_pdf(stream)
    assert info == PdfInfo(size=len(data), sha256=hashlib.sha256(data).hexdigest(), pages=1)
    assert stream.tell() == 0


def test_a_django_upload_with_three_pages():
    data = make_pdf(pages=3)
    upload = SimpleUploadedFile("plan.pdf", data, content_type="application/pdf")
    assert check_pdf(upload) == PdfInfo(size=len(data), sha256=hashlib.sha256(data).hexdigest(), pages=3)
    assert upload.tell() == 0
    assert upload.read() == data  # still readable for saving


def test_a_renamed_exe_is_not_a_pdf():
    upload = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(4000), content_type="application/pdf")
    error = refusal(upload)
    assert error.code == "not_pdf"
    with translation.override("en"):
        assert str(error) == "The file is not a PDF. Please attach PDF files only."


def test_the_pdf_header_may_follow_up_to_1024_bytes_of_junk():
    assert refusal(io.BytesIO(b"x" * 1025 + make_pdf())).code == "not_pdf"
    # Within the window the file passes the magic check; pypdf then finds the objects by scanning.
    assert check_pdf(io.BytesIO(b"x" * 1024 + make_pdf())).pages == 1


def test_21_mb_is_refused_from_the_announced_size_without_reading():
    stream = SizedStream(make_pdf(), size=21 * 1024 * 1024)
    error = refusal(stream)
    assert error.code == "too_large"
    assert stream.bytes_read == 0
    with translation.override("en"):
        assert str(error) == "The file is 21.0 MB; the limit is 20 MB."


def test_a_real_21_mb_stream_is_refused():
    data = make_pdf()
    error = refusal(io.BytesIO(data + b"\0" * (21 * 1024 * 1024 - len(data))))
    assert error.code == "too_large"
    assert error.params == {"size": "21.0", "limit": 20}


def test_an_announced_size_that_understates_the_content_is_caught():
    stream = SizedStream(b"%PDF-1.7\n" + b"\0" * MAX_ATTACHMENT_BYTES, size=1000)
    assert refusal(stream).code == "too_large"


def test_exactly_20_mb_is_allowed_past_the_size_check():
    stream = SizedStream(b"", size=MAX_ATTACHMENT_BYTES)
    assert refusal(stream).code == "not_pdf"  # i.e. not too_large


def test_an_empty_file():
    error = refusal(io.BytesIO(b""))
    assert error.code == "empty"
    assert refusal(SimpleUploadedFile("empty.pdf", b"")).code == "empty"


@pytest.mark.parametrize(
    ("password", "algorithm"),
    [("secret", None), ("", None), ("secret", "AES-256"), ("", "AES-128")],
)
def test_an_encrypted_pdf_is_refused_even_with_an_empty_password(password, algorithm):
    error = refusal(io.BytesIO(make_pdf(password=password, algorithm=algorithm)))
    assert error.code == "encrypted"
    with translation.override("en"):
        assert "password" in str(error)


def test_a_pdf_header_followed_by_garbage_is_corrupt():
    garbage = bytes(range(256)) * 64
    error = refusal(io.BytesIO(b"%PDF-1.7\n" + garbage))
    assert error.code == "corrupt"
    with translation.override("en"):
        assert str(error) == "The PDF file is damaged and cannot be opened. Please export it again."


def test_a_truncated_pdf_gives_a_clean_error():
    data = make_pdf(pages=2)
    assert refusal(io.BytesIO(data[: len(data) // 2])).code == "corrupt"


def test_a_pdf_without_pages_is_corrupt():
    out = io.BytesIO()
    PdfWriter().write(out)
    assert refusal(io.BytesIO(out.getvalue())).code == "corrupt"


def test_errors_carry_a_code_and_a_lazy_message():
    error = refusal(io.BytesIO(b"MZ"))
    assert isinstance(error, ValueError)
    assert error.code == "not_pdf"
    with translation.override("en"):
        assert str(error.message) == str(error)
