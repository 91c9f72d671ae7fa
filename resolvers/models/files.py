"""Files stored on disk and attached to a record by (rel_type, rel_id)."""

from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field

from resolvers.models.base import Record, fk


class File(Record, table=True):
    __tablename__ = "files"
    __table_args__ = (Index("ix_files_rel", "rel_type", "rel_id"),)
    rel_type: str = Field(max_length=30)
    rel_id: int
    file_name: str = Field(max_length=191)
    content_type: str = Field(default="application/octet-stream", max_length=100)
    size: int = 0
    # Where the bytes live, relative to the storage directory; never a client's path.
    storage_key: str = Field(max_length=191, unique=True)
    sha256: str = Field(default="", max_length=64)
    visible_to_customer: bool = False
    staff_id: int | None = fk("staff.id", index=False)
    contact_id: int | None = fk("contacts.id", index=False)
    # Set when the file came with a ticket reply or a task comment.
    ticket_reply_id: int | None = fk("ticket_replies.id")
    task_comment_id: int | None = fk("task_comments.id")
