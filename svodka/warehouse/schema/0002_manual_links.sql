-- Manual product links, copied from the control DB before every build (the control DB is
-- where people set them; the models read them here). product_id NULL = manually unlinked.
CREATE TABLE IF NOT EXISTS meta.manual_links
(
    item       String,
    product_id Nullable(String),
    synced_at  DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY item;
