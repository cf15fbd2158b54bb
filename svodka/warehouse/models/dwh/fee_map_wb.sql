-- materialized: table
-- engine: MergeTree ORDER BY (operation, money_field, valid_from)
-- Versioned mapping of Wildberries realization-report operations to the one fee taxonomy
-- (DESIGN.md "Finance"). Key: the line's operation (sellerOperName) and which money
-- field carries the amount; `sign` turns it into the seller's view (money in +, out −),
-- relative to the line's direction (+1 sale, −1 return, by docTypeName).
-- A (operation, field) pair not listed here lands as `other` with mapped = 0 and fails
-- the check `fct_finance_unmapped_operations`: add a row here with a new valid_from.
SELECT
    'wb' AS marketplace,
    operation, money_field, fee_type, toInt8(sign) AS sign, toDate(valid_from) AS valid_from, version
FROM values(
    'operation String, money_field String, fee_type String, sign Int8, valid_from String, version String',
    ('Продажа', 'retail_amount', 'sale', 1, '2024-01-29', '2026-11'),
    ('Продажа', 'commission', 'commission', -1, '2024-01-29', '2026-11'),
    ('Продажа', 'acquiring_fee', 'acquiring', -1, '2024-01-29', '2026-11'),
    ('Возврат', 'retail_amount', 'return', 1, '2024-01-29', '2026-11'),
    ('Возврат', 'commission', 'commission', -1, '2024-01-29', '2026-11'),
    ('Возврат', 'acquiring_fee', 'acquiring', -1, '2024-01-29', '2026-11'),
    ('Корректная продажа', 'retail_amount', 'sale', 1, '2024-01-29', '2026-11'),
    ('Корректная продажа', 'commission', 'commission', -1, '2024-01-29', '2026-11'),
    ('Корректная продажа', 'acquiring_fee', 'acquiring', -1, '2024-01-29', '2026-11'),
    ('Корректный возврат', 'retail_amount', 'return', 1, '2024-01-29', '2026-11'),
    ('Корректный возврат', 'commission', 'commission', -1, '2024-01-29', '2026-11'),
    ('Корректный возврат', 'acquiring_fee', 'acquiring', -1, '2024-01-29', '2026-11'),
    ('Сторно продаж', 'retail_amount', 'sale', 1, '2024-01-29', '2026-11'),
    ('Сторно продаж', 'commission', 'commission', -1, '2024-01-29', '2026-11'),
    ('Сторно продаж', 'acquiring_fee', 'acquiring', -1, '2024-01-29', '2026-11'),
    ('Логистика', 'delivery_service', 'logistics', -1, '2024-01-29', '2026-11'),
    ('Логистика', 'delivery_service_return', 'return_logistics', -1, '2024-01-29', '2026-11'),
    ('Коррекция логистики', 'delivery_service', 'logistics', -1, '2024-01-29', '2026-11'),
    ('Коррекция логистики', 'delivery_service_return', 'return_logistics', -1, '2024-01-29', '2026-11'),
    ('Логистика сторно', 'delivery_service', 'logistics', -1, '2024-01-29', '2026-11'),
    ('Возмещение издержек по перевозке/по складским операциям с товаром', 'rebill_logistic_cost', 'logistics', -1, '2024-01-29', '2026-11'),
    ('Хранение', 'paid_storage', 'storage', -1, '2024-01-29', '2026-11'),
    ('Платная приемка', 'paid_acceptance', 'acceptance', -1, '2024-01-29', '2026-11'),
    ('Обработка товара', 'paid_acceptance', 'acceptance', -1, '2024-01-29', '2026-11'),
    ('Штраф', 'penalty', 'penalty', -1, '2024-01-29', '2026-11'),
    ('Штрафы', 'penalty', 'penalty', -1, '2024-01-29', '2026-11'),
    ('Удержание', 'deduction_ads', 'advertising', -1, '2024-01-29', '2026-11'),
    ('Удержание', 'deduction', 'other', -1, '2024-01-29', '2026-11'),
    ('Удержания', 'deduction_ads', 'advertising', -1, '2024-01-29', '2026-11'),
    ('Удержания', 'deduction', 'other', -1, '2024-01-29', '2026-11'),
    ('Доплаты', 'additional_payment', 'compensation', 1, '2024-01-29', '2026-11'),
    ('Компенсация ущерба', 'for_pay', 'compensation', 1, '2024-01-29', '2026-11'),
    ('Компенсация ущерба', 'additional_payment', 'compensation', 1, '2024-01-29', '2026-11'),
    ('Компенсация подмененного товара', 'for_pay', 'compensation', 1, '2024-01-29', '2026-11'),
    ('Компенсация подмененного товара', 'additional_payment', 'compensation', 1, '2024-01-29', '2026-11'),
    ('Возмещение за выдачу и возврат товаров на ПВЗ', 'additional_payment', 'compensation', 1, '2024-01-29', '2026-11'),
    ('Продажа', 'cashback_amount', 'other', -1, '2026-01-01', '2026-11'),
    ('Продажа', 'cashback_discount', 'compensation', 1, '2026-01-01', '2026-11'),
    ('Продажа', 'cashback_commission_change', 'other', -1, '2026-01-01', '2026-11')
)
