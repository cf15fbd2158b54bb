"""Identity: manual product links (always win) and the review queue of unsure matches.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def _ts(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "product_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=300), nullable=False),
        sa.Column("product_id", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_product_links"),
        sa.UniqueConstraint("item", name="uq_product_links_item"),
    )
    op.create_table(
        "match_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=300), nullable=False),
        sa.Column("product_id", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        _ts("created_at"),
        _ts("resolved_at", nullable=True),
        sa.CheckConstraint("status IN ('open', 'accepted', 'rejected')", name="ck_match_reviews_status"),
        sa.PrimaryKeyConstraint("id", name="pk_match_reviews"),
        sa.UniqueConstraint("item", "product_id", name="uq_match_reviews_item_product_id"),
    )
    op.create_index("ix_match_reviews_status", "match_reviews", ["status"])


def downgrade() -> None:
    op.drop_table("match_reviews")
    op.drop_table("product_links")
