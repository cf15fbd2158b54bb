-- materialized: table
-- engine: MergeTree ORDER BY (marketplace, account, item_id, size_id, barcode, valid_from)
-- Marketplace listings with their history (SCD type 2) and their link to one product.
--
-- Link chain (DESIGN.md "One product across sources"), cheapest and surest first:
--   1. the listing's own barcode → product_id = that barcode (or, when 1C registers the
--      barcode for an item, that item's product: 1C is the master catalog);
--   2. no barcode: its normalised vendor code (lower case, letters and digits only) equals
--      the key of exactly one barcode-carrying listing → that listing's product; a WB size
--      answers to its card's vendor code when the card has one size, and to vendor code +
--      size name always (sellers write Ozon offer_ids as "ART-42" for card "ART", size "42");
--   3. otherwise the listing stays unlinked: product_id = '<marketplace>:<item_id>' and the
--      check `dim_listing_unlinked` lists it.
-- A manual link or unlink (meta.manual_links, keyed by item_key = marketplace:item:size)
-- always wins over all three; a listing still unlinked takes what `svodka match` settled by
-- name (meta.identity_links, status auto).
-- The link is taken from the listing's current attributes and holds for all its versions.
WITH
    versions AS
    (
        -- the first fetch of each reported change time; consecutive equal attributes collapse
        SELECT *
        FROM
        (
            SELECT *,
                   lagInFrame(attrs, 1, ('', '', '', '', '')) OVER w AS prev_attrs,
                   row_number() OVER w AS n
            FROM
            (
                SELECT marketplace, account, item_id, size_id, barcode, vendor_code, tech_size,
                       sizes_in_group, title, brand, category, changed_at,
                       (vendor_code, title, brand, category, tech_size) AS attrs
                FROM dwh.listing_versions
                ORDER BY marketplace, account, item_id, size_id, barcode, changed_at, fetched_at
                LIMIT 1 BY marketplace, account, item_id, size_id, barcode, changed_at
            )
            WINDOW w AS (PARTITION BY marketplace, account, item_id, size_id, barcode ORDER BY changed_at
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        )
        WHERE n = 1 OR attrs != prev_attrs
    ),
    current AS
    (
        SELECT marketplace, account, item_id, size_id, barcode, vendor_code, tech_size, sizes_in_group
        FROM versions
        ORDER BY marketplace, account, item_id, size_id, barcode, changed_at DESC
        LIMIT 1 BY marketplace, account, item_id, size_id, barcode
    ),
    norm AS
    (
        SELECT *, replaceRegexpAll(lowerUTF8(vendor_code), '[^0-9a-zа-яё]', '') AS vkey,
               replaceRegexpAll(lowerUTF8(concat(vendor_code, tech_size)), '[^0-9a-zа-яё]', '') AS vkey_size
        FROM current
    ),
    keys AS
    (
        -- vendor-code keys of listings that carry a barcode, kept only when unambiguous
        SELECT key, any(barcode) AS key_barcode
        FROM
        (
            SELECT vkey AS key, barcode FROM norm
            WHERE barcode != '' AND vkey != '' AND (marketplace != 'wb' OR sizes_in_group = 1)
            UNION ALL
            SELECT vkey_size, barcode FROM norm
            WHERE barcode != '' AND marketplace = 'wb' AND tech_size NOT IN ('', '0') AND vkey_size != ''
        )
        GROUP BY key
        HAVING uniqExact(barcode) = 1
    ),
    auto AS
    (
        SELECT n.marketplace AS marketplace, n.account AS account, n.item_id AS item_id,
               n.size_id AS size_id, n.barcode AS barcode,
               concat(n.marketplace, ':', n.item_id, ':', n.size_id) AS item_key,
               -- a barcode 1C registers for an item is that item's product (1C is the master)
               multiIf(n.barcode != '', if(c.product_id != '', c.product_id, n.barcode),
                       k.key_barcode != '', if(ck.product_id != '', ck.product_id, k.key_barcode),
                       concat(n.marketplace, ':', n.item_id)) AS product_id,
               multiIf(n.barcode != '', 'barcode', k.key_barcode != '', 'vendor_code', 'none') AS match_method,
               toFloat32(multiIf(n.barcode != '', 1, k.key_barcode != '', 0.9, 0)) AS match_confidence
        FROM norm AS n
        LEFT JOIN keys AS k ON k.key = n.vkey AND n.vkey != ''
        LEFT JOIN dwh.onec_barcode_map AS c ON c.barcode = n.barcode AND n.barcode != ''
        LEFT JOIN dwh.onec_barcode_map AS ck ON ck.barcode = k.key_barcode AND k.key_barcode != ''
    ),
    links AS
    (
        SELECT a.marketplace AS marketplace, a.account AS account, a.item_id AS item_id,
               a.size_id AS size_id, a.barcode AS barcode, a.item_key AS item_key,
               -- manual: a product, or NULL for "not this product" (then unlinked); then what
               -- `svodka match` settled by name for a listing nothing else linked
               multiIf(m.item != '', ifNull(m.product_id, concat(a.marketplace, ':', a.item_id)),
                       a.match_method = 'none' AND e.item != '', e.product_id, a.product_id) AS product_id,
               multiIf(m.item != '', if(m.product_id IS NULL, 'manual_unlink', 'manual'),
                       a.match_method = 'none' AND e.item != '', e.method, a.match_method) AS match_method,
               multiIf(m.item != '', toFloat32(1),
                       a.match_method = 'none' AND e.item != '', e.confidence, a.match_confidence) AS match_confidence
        FROM auto AS a
        LEFT JOIN meta.manual_links AS m ON m.item = a.item_key
        LEFT JOIN
        (
            SELECT item, assumeNotNull(product_id) AS product_id, method, confidence
            FROM meta.identity_links WHERE status = 'auto' AND product_id IS NOT NULL
        ) AS e ON e.item = a.item_key
    )
SELECT
    v.marketplace AS marketplace,
    v.account AS account,
    v.item_id AS item_id,
    v.size_id AS size_id,
    v.barcode AS barcode,
    l.item_key AS item_key,
    l.product_id AS product_id,
    l.match_method AS match_method,
    l.match_confidence AS match_confidence,
    v.vendor_code AS vendor_code,
    v.title AS title,
    v.brand AS brand,
    v.category AS category,
    v.tech_size AS tech_size,
    -- the first known version stands for all time before it
    if(row_number() OVER w = 1, toDateTime('1970-01-01 00:00:00', 'UTC'), v.changed_at) AS valid_from,
    leadInFrame(v.changed_at, 1, toDateTime('2106-01-01 00:00:00', 'UTC')) OVER w AS valid_to,
    toUInt8(valid_to = toDateTime('2106-01-01 00:00:00', 'UTC')) AS is_current
FROM versions AS v
INNER JOIN links AS l USING (marketplace, account, item_id, size_id, barcode)
WINDOW w AS (PARTITION BY v.marketplace, v.account, v.item_id, v.size_id, v.barcode ORDER BY v.changed_at
             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
