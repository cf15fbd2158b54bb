-- The matching engine's last verdict per item (svodka match): the models read the `auto`
-- links; the fingerprint lets the next run skip items that did not change.
CREATE TABLE IF NOT EXISTS meta.identity_links
(
    item        String,
    product_id  Nullable(String),
    method      LowCardinality(String),
    confidence  Float32,
    status      LowCardinality(String),
    fingerprint String,
    candidates  Array(String),
    matched_at  DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY item;
