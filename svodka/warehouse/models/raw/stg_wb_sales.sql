-- materialized: view
-- statistics-api GET /api/v1/supplier/sales: one row per sold (saleID S…) or returned (R…) unit.
-- The payload is parsed once per row (one tuple); numbers are kept as their exact text
-- and typed in ods. Fields as the API names them, plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    r.saleID AS saleID,
    r.srid AS srid,
    r.date AS date,
    r.lastChangeDate AS lastChangeDate,
    r.warehouseName AS warehouseName,
    r.warehouseType AS warehouseType,
    r.regionName AS regionName,
    r.supplierArticle AS supplierArticle,
    r.nmId AS nmId,
    r.barcode AS barcode,
    r.subject AS subject,
    r.brand AS brand,
    r.techSize AS techSize,
    r.totalPrice AS totalPrice,
    r.finishedPrice AS finishedPrice,
    r.priceWithDisc AS priceWithDisc,
    r.forPay AS forPay,
    r.gNumber AS gNumber,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(saleID String, srid String, date String, lastChangeDate String, warehouseName String, warehouseType String, regionName String, supplierArticle String, nmId Nullable(Int64), barcode String, subject String, brand String, techSize String, totalPrice String, finishedPrice String, priceWithDisc String, forPay String, gNumber String)') AS r
    FROM raw.records FINAL WHERE stream = 'wb_sales'
)
