-- The layers, and the raw landing: pages go in, records come out.
CREATE DATABASE IF NOT EXISTS raw;
CREATE DATABASE IF NOT EXISTS ods;
CREATE DATABASE IF NOT EXISTS dwh;
CREATE DATABASE IF NOT EXISTS marts;

-- One row per stored API answer. Null engine: nothing is kept here; the materialized
-- view below splits the body's record array (at record_path) into raw.records.
CREATE TABLE IF NOT EXISTS raw.landing
(
    source      LowCardinality(String),
    account     String,
    stream      LowCardinality(String),
    run_id      String,
    page_id     String,
    fetched_at  DateTime64(3, 'UTC'),
    record_path Array(String),
    meta        String,
    body        String
)
ENGINE = Null;

-- Every record of every stored answer, verbatim. The key makes a reload of the same
-- answer (same page_id) collapse at merge time; readers use FINAL.
CREATE TABLE IF NOT EXISTS raw.records
(
    source       LowCardinality(String),
    account      String,
    stream       LowCardinality(String),
    run_id       String,
    page_id      String,
    record_index UInt32,
    fetched_at   DateTime64(3, 'UTC'),
    meta         String,
    payload      String
)
ENGINE = ReplacingMergeTree
PARTITION BY stream
ORDER BY (stream, account, page_id, record_index);

CREATE MATERIALIZED VIEW IF NOT EXISTS raw.landing_to_records TO raw.records AS
SELECT
    source, account, stream, run_id, page_id,
    toUInt32(r.1) AS record_index,
    fetched_at, meta,
    r.2 AS payload
FROM
(
    SELECT *,
        multiIf(
            length(record_path) = 0, JSONExtractArrayRaw(body),
            length(record_path) = 1, JSONExtractArrayRaw(body, record_path[1]),
            length(record_path) = 2, JSONExtractArrayRaw(body, record_path[1], record_path[2]),
            JSONExtractArrayRaw(body, record_path[1], record_path[2], record_path[3])
        ) AS arr
    FROM raw.landing
)
ARRAY JOIN arrayZip(arrayEnumerate(arr), arr) AS r;

-- Which lake runs are in raw: the loader skips a run already loaded.
CREATE TABLE IF NOT EXISTS meta.loaded_runs
(
    run_id    String,
    pages     UInt32,
    records   UInt64,
    loaded_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
ORDER BY run_id;

-- Every model build: which model, how, rows, time.
CREATE TABLE IF NOT EXISTS meta.model_runs
(
    build_id    String,
    model       String,
    materialized LowCardinality(String),
    status      LowCardinality(String),
    row_count   UInt64,
    seconds     Float64,
    finished_at DateTime64(3, 'UTC') DEFAULT now64(3),
    error       String
)
ENGINE = MergeTree
ORDER BY (finished_at, model);
