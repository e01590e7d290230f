"""Attachments: size, count and type limits with Chinese errors; stored under MEDIA_ROOT; downloads for parties only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gaoqi.core.errors import DomainError
from tests.platform.servicedesk.servicedesk_setup import PDF, pdf, submit

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
XLSX = b"PK\x03\x04" + b"\0" * 32


def test_files_are_kept_under_media_root_with_their_names(desk, settings):
    request = submit(
        desk.owner, files=[pdf(), SimpleUploadedFile("截图.png", PNG), SimpleUploadedFile("台账.xlsx", XLSX)]
    )
    names = [a.name for a in request.attachments.all()]
    assert names == ["营业执照.pdf", "截图.png", "台账.xlsx"]
    stored = request.attachments.first().file.path
    assert stored.startswith(str(settings.MEDIA_ROOT))
    with open(stored, "rb") as fh:
        assert fh.read() == PDF


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("脚本.exe", b"MZ\x90\x00"), "附件“脚本.exe”的类型不支持；可上传："),
        (
            SimpleUploadedFile("假的.pdf", b"<html>not a pdf</html>"),
            "附件“假的.pdf”的内容与扩展名不符，请上传真实的 .pdf 文件。",
        ),
        (SimpleUploadedFile("图.PNG", b"GIF89a......"), "附件“图.PNG”的内容与扩展名不符"),
    ],
)
def test_files_of_other_types_are_refused_in_chinese(desk, upload, message):
    with pytest.raises(DomainError) as raised:
        submit(desk.owner, files=[upload])
    assert raised.value.field == "attachments"
    assert message in raised.value.message


def test_a_file_over_the_size_limit_is_refused(desk, settings):
    settings.SERVICEDESK = {**settings.SERVICEDESK, "attachment_max_bytes": 1024}
    with pytest.raises(DomainError) as raised:
        submit(desk.owner, files=[pdf(content=PDF + b"0" * 2048)])
    assert raised.value.message == "附件“营业执照.pdf”过大：最大 1.0\xa0KB，收到 2.0\xa0KB。"


def test_more_files_than_allowed_are_refused(desk):
    with pytest.raises(DomainError) as raised:
        submit(desk.owner, files=[pdf(f"{i}.pdf") for i in range(6)])
    assert raised.value.message == "附件最多 5 个，收到 6 个。"


def test_a_refused_file_leaves_no_request_behind(desk):
    with pytest.raises(DomainError):
        submit(desk.owner, files=[pdf(), SimpleUploadedFile("x.exe", b"MZ")])
    assert not desk.ours.service_requests.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("colleague", 200),
        ("mentor", 200),
        ("district", 200),
        ("bureau", 200),
        ("outsider", 404),
        ("other_mentor", 404),
        ("other_district", 404),
        ("station", 404),
    ],
)
def test_only_those_who_see_the_request_download_its_files(client, desk, who, status):
    attachment = submit(desk.owner, files=[pdf()]).attachments.get()
    client.force_login(getattr(desk, who))
    response = client.get(f"/servicedesk/attachments/{attachment.pk}/")
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
