"""Attachment limits: count, size, and types recognised by extension and by the file's first bytes."""

from pathlib import PurePath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from gaoqi.core.errors import DomainError

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (.doc, .xls)
ZIP = b"PK\x03\x04"  # Office Open XML (.docx, .xlsx) and .zip
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".doc": (OLE,),
    ".xls": (OLE,),
    ".docx": (ZIP,),
    ".xlsx": (ZIP,),
    ".zip": (ZIP,),
}
ALLOWED = ", ".join(sorted(SIGNATURES))


def attachments_check(files) -> None:
    """Raise a Chinese DomainError on the ``attachments`` field when a file breaks a limit."""
    limits = settings.SERVICEDESK
    if len(files) > limits["attachment_max_count"]:
        raise DomainError(
            _("附件最多 %(max)d 个，收到 %(count)d 个。")
            % {"max": limits["attachment_max_count"], "count": len(files)},
            field="attachments",
        )
    for upload in files:
        name = PurePath(upload.name).name
        if upload.size > limits["attachment_max_bytes"]:
            raise DomainError(
                _("附件“%(name)s”过大：最大 %(max)s，收到 %(size)s。")
                % {
                    "name": name,
                    "max": filesizeformat(limits["attachment_max_bytes"]),
                    "size": filesizeformat(upload.size),
                },
                field="attachments",
            )
        signatures = SIGNATURES.get(PurePath(name).suffix.lower())
        if signatures is None:
            raise DomainError(
                _("附件“%(name)s”的类型不支持；可上传：%(allowed)s。") % {"name": name, "allowed": ALLOWED},
                field="attachments",
            )
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        if not head.startswith(signatures):
            raise DomainError(
                _("附件“%(name)s”的内容与扩展名不符，请上传真实的 %(ext)s 文件。")
                % {"name": name, "ext": PurePath(name).suffix.lower()},
                field="attachments",
            )
