-- Source: github.com/ardavanhashemzadeh/SQL-OpenDental CreditCardReport.sql (commit 4a510de)
-- Reports: credit-card payments per day and payment type (double-quoted LIKE patterns; ItemName
--   selected while grouping by PayType).
-- Edits: none.
/*
    Ardavan Hashemzadeh
    February 14 2019
    Credit card report by date
*/
SELECT PayDate, ItemName, SUM(PayAmt) AS Amount
FROM payment p JOIN definition d ON p.PayType=d.DefNum
WHERE ItemName LIKE "%credit%"
OR ItemName LIKE "%card%"
GROUP BY PayDate, PayType
ORDER BY PayDate;
