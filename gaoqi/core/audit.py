"""Writing audit entries and computing field-level changes."""

from django.db import models

from gaoqi.core.models import AuditEntry


def audit_record(*, actor, action: str, target: models.Model, enterprise_id=None, changes=None) -> AuditEntry:
    """Record that ``actor`` did ``action`` to ``target``."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label,
        target_id=str(target.pk),
        enterprise_id=enterprise_id,
        changes=changes or {},
    )


def field_changes(instance: models.Model, data: dict) -> dict:
    """Assign ``data`` to ``instance`` and return ``{field: [old, new]}`` for the values that changed."""
    changed = {}
    for name, new in data.items():
        old = getattr(instance, name)
        if old != new:
            changed[name] = [_plain(old), _plain(new)]
            setattr(instance, name, new)
    return changed


def _plain(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)
