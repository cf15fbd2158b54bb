-- materialized: view
-- statistics-api GET /api/v1/supplier/orders: one row per ordered unit, times in Moscow time.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(payload, 'srid')            AS srid,
    JSONExtractString(payload, 'date')            AS date,
    JSONExtractString(payload, 'lastChangeDate')  AS lastChangeDate,
    JSONExtractString(payload, 'warehouseName')   AS warehouseName,
    JSONExtractString(payload, 'warehouseType')   AS warehouseType,
    JSONExtractString(payload, 'countryName')     AS countryName,
    JSONExtractString(payload, 'oblastOkrugName') AS oblastOkrugName,
    JSONExtractString(payload, 'regionName')      AS regionName,
    JSONExtractString(payload, 'supplierArticle') AS supplierArticle,
    JSONExtract(payload, 'nmId', 'Nullable(Int64)') AS nmId,
    JSONExtractString(payload, 'barcode')         AS barcode,
    JSONExtractString(payload, 'category')        AS category,
    JSONExtractString(payload, 'subject')         AS subject,
    JSONExtractString(payload, 'brand')           AS brand,
    JSONExtractString(payload, 'techSize')        AS techSize,
    toDecimal64OrNull(JSONExtractRaw(payload, 'totalPrice'), 2)    AS totalPrice,
    JSONExtract(payload, 'discountPercent', 'Nullable(Int64)')      AS discountPercent,
    toDecimal64OrNull(JSONExtractRaw(payload, 'spp'), 2)           AS spp,
    toDecimal64OrNull(JSONExtractRaw(payload, 'finishedPrice'), 2) AS finishedPrice,
    toDecimal64OrNull(JSONExtractRaw(payload, 'priceWithDisc'), 2) AS priceWithDisc,
    JSONExtract(payload, 'isCancel', 'Nullable(Bool)') AS isCancel,
    JSONExtractString(payload, 'cancelDate')      AS cancelDate,
    JSONExtractString(payload, 'gNumber')         AS gNumber,
    payload
FROM raw.records FINAL
WHERE stream = 'wb_orders'
