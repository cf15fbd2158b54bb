-- materialized: view
-- statistics-api GET /api/v1/supplier/sales: one row per sold (saleID S…) or returned (R…) unit.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    JSONExtractString(payload, 'saleID')          AS saleID,
    JSONExtractString(payload, 'srid')            AS srid,
    JSONExtractString(payload, 'date')            AS date,
    JSONExtractString(payload, 'lastChangeDate')  AS lastChangeDate,
    JSONExtractString(payload, 'warehouseName')   AS warehouseName,
    JSONExtractString(payload, 'warehouseType')   AS warehouseType,
    JSONExtractString(payload, 'regionName')      AS regionName,
    JSONExtractString(payload, 'supplierArticle') AS supplierArticle,
    JSONExtract(payload, 'nmId', 'Nullable(Int64)') AS nmId,
    JSONExtractString(payload, 'barcode')         AS barcode,
    JSONExtractString(payload, 'subject')         AS subject,
    JSONExtractString(payload, 'brand')           AS brand,
    JSONExtractString(payload, 'techSize')        AS techSize,
    toDecimal64OrNull(JSONExtractRaw(payload, 'totalPrice'), 2)    AS totalPrice,
    toDecimal64OrNull(JSONExtractRaw(payload, 'finishedPrice'), 2) AS finishedPrice,
    toDecimal64OrNull(JSONExtractRaw(payload, 'priceWithDisc'), 2) AS priceWithDisc,
    toDecimal64OrNull(JSONExtractRaw(payload, 'forPay'), 2)        AS forPay,
    JSONExtractString(payload, 'gNumber')         AS gNumber,
    payload
FROM raw.records FINAL
WHERE stream = 'wb_sales'
