-- materialized: table
-- engine: MergeTree ORDER BY (account, ref_key, fetched_at)
-- 1C catalog items (not folders) with their article, names, folder and barcodes, one row
-- per distinct content (DataVersion) with the fetch that first saw it — from OData, or from
-- a CommerceML import.xml (`svodka onec import`; the item's Ид is its Ref_Key, its content
-- version a hash of what the file says).
WITH
    folders AS
    (
        SELECT account, Ref_Key AS ref_key, any(Description) AS folder
        FROM raw.stg_onec_nomenclature WHERE IsFolder GROUP BY account, ref_key
    ),
    barcodes AS
    (
        -- the barcodes of the latest snapshot, per item
        SELECT b.account AS account, b.`Номенклатура_Key` AS ref_key, arraySort(groupUniqArray(b.`Штрихкод`)) AS barcodes
        FROM raw.stg_onec_barcodes AS b
        INNER JOIN (SELECT account, max(run_id) AS run_id FROM raw.stg_onec_barcodes GROUP BY account) AS l
            ON l.account = b.account AND l.run_id = b.run_id
        WHERE b.`Штрихкод` != ''
        GROUP BY account, ref_key
    )
SELECT
    n.account AS account,
    n.Ref_Key AS ref_key,
    n.Code AS code,
    n.`Артикул` AS article,
    n.Description AS name,
    n.`НаименованиеПолное` AS full_name,
    f.folder AS folder,
    toUInt8(ifNull(n.DeletionMark, false)) AS deletion_mark,
    b.barcodes AS barcodes,
    n.DataVersion AS data_version,
    n.fetched_at AS fetched_at,
    n.run_id AS run_id
FROM
(
    SELECT * FROM raw.stg_onec_nomenclature
    WHERE Ref_Key != '' AND NOT ifNull(IsFolder, false)
    ORDER BY account, Ref_Key, DataVersion, fetched_at, page_id, record_index
    LIMIT 1 BY account, Ref_Key, DataVersion
) AS n
LEFT JOIN folders AS f ON f.account = n.account AND f.ref_key = n.Parent_Key
LEFT JOIN barcodes AS b ON b.account = n.account AND b.ref_key = n.Ref_Key
UNION ALL
SELECT
    account,
    -- a characteristic's offer id is "item#characteristic": the item is the part before '#'
    splitByChar('#', id)[1] AS ref_key,
    '' AS code,
    article,
    name,
    name AS full_name,
    if(empty(groups), '', groups[1]) AS folder,
    toUInt8(lowerUTF8(deletion_mark) IN ('true', '1')) AS deletion_mark,
    if(barcode = '', CAST([] AS Array(String)), [barcode]) AS barcodes,
    hex(cityHash64(article, name, barcode, groups, deletion_mark)) AS data_version,
    fetched_at,
    run_id
FROM
(
    SELECT * FROM raw.stg_cml_import
    WHERE id != ''
    ORDER BY account, id, cityHash64(article, name, barcode, groups, deletion_mark), fetched_at, page_id, record_index
    LIMIT 1 BY account, id, cityHash64(article, name, barcode, groups, deletion_mark)
)
