-- Suppliers' settings from svodka.toml that the models need (staleness time), copied
-- before every build like the manual links.
CREATE TABLE IF NOT EXISTS meta.suppliers
(
    supplier         String,
    stale_after_days Float64,
    synced_at        DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY supplier;
