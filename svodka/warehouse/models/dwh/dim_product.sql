-- materialized: table
-- engine: MergeTree ORDER BY (product_id, valid_from)
-- One product across marketplaces, with the history of its attributes (SCD type 2):
-- name, category, brand and price band, each version valid in [valid_from, valid_to).
-- The product is its (canonical) barcode, or an unlinked listing (see dim_listing); its
-- attributes come from its master listing — the 1C item when 1C is connected, else
-- Wildberries, else Ozon — and the
-- price band from the first marketplace listing's list price (bands: <500, 500–999, 1000–1999, 2000–4999,
-- 5000+ ₽). Facts join the version valid on their date (ASOF on valid_from).
-- Barcodes seen only in operational rows (no catalog entry yet) get one version from them.
WITH
    master AS
    (
        SELECT product_id, marketplace, account, item_id, size_id, barcode
        FROM dwh.dim_listing
        WHERE is_current = 1
        ORDER BY product_id, multiIf(marketplace = 'onec', 0, marketplace = 'wb', 1, 2), account, item_id, size_id,
                 barcode
        LIMIT 1 BY product_id
    ),
    attr_events AS
    (
        SELECT l.product_id AS product_id, l.valid_from AS at, l.barcode AS barcode,
               CAST(l.vendor_code AS Nullable(String)) AS vendor_code,
               CAST(l.title AS Nullable(String)) AS title,
               CAST(l.brand AS Nullable(String)) AS brand,
               CAST(l.category AS Nullable(String)) AS category,
               CAST(NULL AS Nullable(String)) AS price_band
        FROM dwh.dim_listing AS l
        INNER JOIN master AS m
            ON m.product_id = l.product_id AND m.marketplace = l.marketplace AND m.account = l.account
            AND m.item_id = l.item_id AND m.size_id = l.size_id AND m.barcode = l.barcode
    ),
    price_master AS
    (
        -- 1C keeps no marketplace prices: the band comes from the first marketplace listing
        SELECT product_id, marketplace, account, item_id, size_id
        FROM dwh.dim_listing
        WHERE is_current = 1 AND marketplace != 'onec'
        ORDER BY product_id, marketplace != 'wb', account, item_id, size_id, barcode
        LIMIT 1 BY product_id
    ),
    bands AS
    (
        SELECT p.product_id AS product_id, p.date AS date,
               multiIf(p.list_price < 500, '<500', p.list_price < 1000, '500–999', p.list_price < 2000,
                       '1000–1999', p.list_price < 5000, '2000–4999', '5000+') AS band
        FROM dwh.fct_price_daily AS p
        INNER JOIN price_master AS m
            ON m.product_id = p.product_id AND m.marketplace = p.marketplace AND m.account = p.account
            AND m.item_id = p.item_id AND m.size_id = p.size_id
    ),
    band_events AS
    (
        SELECT product_id,
               -- the first band known stands for all time before it, like the first name
               if(n = 1, toDateTime('1970-01-01 00:00:00', 'UTC'), toDateTime(date, 'Europe/Moscow')) AS at,
               '' AS barcode,
               CAST(NULL AS Nullable(String)) AS vendor_code, CAST(NULL AS Nullable(String)) AS title,
               CAST(NULL AS Nullable(String)) AS brand, CAST(NULL AS Nullable(String)) AS category,
               CAST(band AS Nullable(String)) AS price_band
        FROM
        (
            SELECT *, lagInFrame(band, 1, '') OVER w AS prev, row_number() OVER w AS n
            FROM bands
            WINDOW w AS (PARTITION BY product_id ORDER BY date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        )
        WHERE n = 1 OR band != prev
    ),
    orphans AS
    (
        -- barcodes that operational rows name but no catalog lists (yet)
        SELECT barcode AS product_id, toDateTime('1970-01-01 00:00:00', 'UTC') AS at, barcode,
               CAST(vendor_code AS Nullable(String)) AS vendor_code, CAST(title AS Nullable(String)) AS title,
               CAST(brand AS Nullable(String)) AS brand, CAST(subject AS Nullable(String)) AS category,
               CAST(NULL AS Nullable(String)) AS price_band
        FROM
        (
            SELECT barcode, vendor_code, title, brand, subject FROM
            (
                SELECT barcode, supplier_article AS vendor_code, '' AS title, brand, subject, 2 AS prio
                FROM ods.wb_orders WHERE barcode != ''
                UNION ALL
                SELECT barcode, supplier_article, '', brand, subject, 3 FROM ods.wb_sales WHERE barcode != ''
                UNION ALL
                SELECT barcode, vendor_code, title, '', '', 4 FROM ods.wb_realization WHERE barcode != ''
                UNION ALL
                SELECT barcode, vendor_code, '', '', '', 5 FROM ods.wb_stocks WHERE barcode != ''
            )
            WHERE barcode NOT IN (SELECT product_id FROM master)
            ORDER BY barcode, prio, vendor_code, title
            LIMIT 1 BY barcode
        )
    ),
    filled AS
    (
        SELECT product_id, at,
               anyLast(barcode) OVER w AS barcode_,
               ifNull(anyLast(vendor_code) OVER w, '') AS vendor_code_,
               ifNull(anyLast(title) OVER w, '') AS title_,
               ifNull(anyLast(brand) OVER w, '') AS brand_,
               ifNull(anyLast(category) OVER w, '') AS category_,
               ifNull(anyLast(price_band) OVER w, '') AS price_band_
        FROM
        (
            SELECT product_id, at, nullIf(barcode, '') AS barcode, vendor_code, title, brand, category, price_band
            FROM (SELECT * FROM attr_events UNION ALL SELECT * FROM band_events UNION ALL SELECT * FROM orphans)
        )
        WINDOW w AS (PARTITION BY product_id ORDER BY at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    ),
    -- one row per instant (the last event of that instant has seen all of them), then
    -- only the rows where something changed
    per_instant AS
    (
        SELECT product_id, at, argMax(tuple(ifNull(barcode_, ''), vendor_code_, title_, brand_, category_, price_band_), rn) AS attrs
        FROM (SELECT *, row_number() OVER (PARTITION BY product_id ORDER BY at) AS rn FROM filled)
        GROUP BY product_id, at
    ),
    changes AS
    (
        SELECT product_id, at, attrs
        FROM
        (
            SELECT *, lagInFrame(attrs) OVER w AS prev, row_number() OVER w AS n
            FROM per_instant
            WINDOW w AS (PARTITION BY product_id ORDER BY at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        )
        WHERE n = 1 OR attrs != prev
    )
SELECT
    product_id,
    attrs.1 AS barcode,
    attrs.2 AS vendor_code,
    attrs.3 AS title,
    attrs.4 AS brand,
    attrs.5 AS category,
    attrs.5 AS subject,
    attrs.6 AS price_band,
    at AS valid_from,
    leadInFrame(at, 1, toDateTime('2106-01-01 00:00:00', 'UTC')) OVER w AS valid_to,
    toUInt8(valid_to = toDateTime('2106-01-01 00:00:00', 'UTC')) AS is_current
FROM changes
WINDOW w AS (PARTITION BY product_id ORDER BY at ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
