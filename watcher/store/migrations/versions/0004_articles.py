"""article pages read for items; an item's outlet and what was matched

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("final_url", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("image", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt", sa.DateTime(), nullable=True),
        sa.Column("attempted", sa.DateTime(), nullable=False),
        sa.Column("fetched", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("url", name=op.f("uq_articles_url")),
    )
    op.create_index(op.f("ix_articles_next_attempt"), "articles", ["next_attempt"], unique=False)
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outlet", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("outlet_url", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("article_url", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("read", sa.String(length=20), server_default="feed", nullable=False)
        )
        batch_op.create_index(batch_op.f("ix_entries_article_url"), ["article_url"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entries_article_url"))
        batch_op.drop_column("read")
        batch_op.drop_column("article_url")
        batch_op.drop_column("outlet_url")
        batch_op.drop_column("outlet")
    op.drop_index(op.f("ix_articles_next_attempt"), table_name="articles")
    op.drop_table("articles")
