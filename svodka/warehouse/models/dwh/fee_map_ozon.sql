-- materialized: table
-- engine: MergeTree ORDER BY (operation, valid_from)
-- Versioned mapping of Ozon accrual lines to the one fee taxonomy (DESIGN.md "Finance").
-- Key: the line's operation — `sale_amount+` / `sale_amount-` (a posting's sale amount,
-- a sale or a buyer's return), `commission` (a posting's commission, charged or given
-- back), or, for typed lines, the accrual type's name from /v1/finance/accrual/types.
-- Ozon signs amounts from the seller's view already, so no sign is needed here.
-- Ozon does not document the directory's content: these names are those our accounts
-- (and the sandbox) report. An operation not listed lands as `other` with mapped = 0 and
-- fails the check `fct_finance_unmapped_operations`: add a row with a new valid_from.
-- Ozon Performance (advertising) is prepaid and not in accruals; `Продвижение…` types are
-- mapped in case an account pays for promotion from its balance.
SELECT
    'ozon' AS marketplace,
    operation, fee_type, toDate(valid_from) AS valid_from, version
FROM values(
    'operation String, fee_type String, valid_from String, version String',
    ('sale_amount+', 'sale', '2022-01-01', '2026-11'),
    ('sale_amount-', 'return', '2022-01-01', '2026-11'),
    ('commission', 'commission', '2022-01-01', '2026-11'),
    ('Выручка', 'sale', '2022-01-01', '2026-11'),
    ('Возврат выручки', 'return', '2022-01-01', '2026-11'),
    ('Вознаграждение за продажу', 'commission', '2022-01-01', '2026-11'),
    ('Возврат вознаграждения', 'commission', '2022-01-01', '2026-11'),
    ('Оплата эквайринга', 'acquiring', '2022-01-01', '2026-11'),
    ('Логистика', 'logistics', '2022-01-01', '2026-11'),
    ('Последняя миля', 'logistics', '2022-01-01', '2026-11'),
    ('Обработка отправления', 'logistics', '2022-01-01', '2026-11'),
    ('Обратная логистика', 'return_logistics', '2022-01-01', '2026-11'),
    ('Обработка возврата', 'return_logistics', '2022-01-01', '2026-11'),
    ('Обработка отмены', 'return_logistics', '2022-01-01', '2026-11'),
    ('Обработка невыкупа', 'return_logistics', '2022-01-01', '2026-11'),
    ('Размещение товаров', 'storage', '2022-01-01', '2026-11'),
    ('Обработка поставки', 'acceptance', '2022-01-01', '2026-11'),
    ('Штраф за нарушение сроков отгрузки', 'penalty', '2022-01-01', '2026-11'),
    ('Удержание за недовложение товара', 'penalty', '2022-01-01', '2026-11'),
    ('Компенсация за утерянный товар', 'compensation', '2022-01-01', '2026-11'),
    ('Компенсация за повреждённый товар', 'compensation', '2022-01-01', '2026-11'),
    ('Прочие компенсации', 'compensation', '2022-01-01', '2026-11'),
    ('Подписка Premium Plus', 'other', '2022-01-01', '2026-11'),
    ('Звёздные товары', 'other', '2022-01-01', '2026-11'),
    ('Продвижение в поиске', 'advertising', '2022-01-01', '2026-11')
)
