-- materialized: view
-- statistics-api GET /api/v1/supplier/orders: one row per ordered unit, times in Moscow time.
-- The payload is parsed once per row (one tuple); numbers are kept as their exact text
-- and typed in ods. Fields as the API names them, plus load metadata.
SELECT
    account, run_id, page_id, record_index, fetched_at,
    r.srid AS srid,
    r.date AS date,
    r.lastChangeDate AS lastChangeDate,
    r.warehouseName AS warehouseName,
    r.warehouseType AS warehouseType,
    r.countryName AS countryName,
    r.oblastOkrugName AS oblastOkrugName,
    r.regionName AS regionName,
    r.supplierArticle AS supplierArticle,
    r.nmId AS nmId,
    r.barcode AS barcode,
    r.category AS category,
    r.subject AS subject,
    r.brand AS brand,
    r.techSize AS techSize,
    r.totalPrice AS totalPrice,
    r.discountPercent AS discountPercent,
    r.spp AS spp,
    r.finishedPrice AS finishedPrice,
    r.priceWithDisc AS priceWithDisc,
    r.isCancel AS isCancel,
    r.cancelDate AS cancelDate,
    r.gNumber AS gNumber,
    payload
FROM
(
    SELECT *, JSONExtract(payload, 'Tuple(srid String, date String, lastChangeDate String, warehouseName String, warehouseType String, countryName String, oblastOkrugName String, regionName String, supplierArticle String, nmId Nullable(Int64), barcode String, category String, subject String, brand String, techSize String, totalPrice String, discountPercent Nullable(Int64), spp String, finishedPrice String, priceWithDisc String, isCancel Nullable(Bool), cancelDate String, gNumber String)') AS r
    FROM raw.records FINAL WHERE stream = 'wb_orders'
)
